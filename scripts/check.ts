// Whether Temporal and the record agree, asked of a running udmeld (its API holds the record, which
// the embedded database lets one process open): ids, codes, phases and statuses only, no personal
// data. Exits 1 when they disagree.
//   UDMELD_TOKEN=<a service key with read access, or a session> npm run check
import { agreementReportSchema, DISAGREEMENTS, type AgreementReport } from '../domain/agreement';

const base = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;
const token = process.env.UDMELD_TOKEN;
if (!token) {
  console.error('Sæt UDMELD_TOKEN til en integrationsnøgle med læseadgang (Adgang → Integrationer) eller en session.');
  process.exit(2);
}
const response = await fetch(`${base}/api/check`, { headers: { authorization: `Bearer ${token}` } });
if (!response.ok) {
  console.error(`${base}/api/check svarede ${response.status}`);
  process.exit(2);
}
const report: AgreementReport = agreementReportSchema.parse(await response.json());
console.log(`${report.cus} åbne udmeldinger og ${report.respondents} åbne respondenter: ${report.disagreements.length} uoverensstemmelser`);
for (const d of report.disagreements)
  console.log(`  ${d.kind}  ${d.cuId}${d.code ? ` ${d.code}` : ''}  ${DISAGREEMENTS[d.kind]}: ${d.record} ≠ ${d.temporal}`);
process.exit(report.disagreements.length ? 1 : 0);
