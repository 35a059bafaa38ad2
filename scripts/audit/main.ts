// `npm run audit` (in CI after the tests): `npm audit --omit=dev` at high severity, judged against
// audit-allowlist.json. Where the registry's audit service cannot be reached (a mirror without it),
// it says so and passes, unless AUDIT_REQUIRED=true.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { judgeAudit, type Allowance, type AuditReport } from './policy';

const root = new URL('../../', import.meta.url);
const allowlist = (JSON.parse(readFileSync(new URL('audit-allowlist.json', root), 'utf8')) as { advisories: Allowance[] }).advisories;
const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 });
let report: AuditReport & { message?: string; error?: { summary?: string } };
try {
  report = JSON.parse(npm.stdout) as typeof report;
} catch {
  report = { message: npm.stderr.split('\n')[0] };
}
if (!report.vulnerabilities) {
  const why = report.message ?? report.error?.summary ?? 'intet svar';
  console.log(`[audit] npm audit kunne ikke spørge registryets sårbarhedstjeneste: ${why}`);
  process.exit(process.env.AUDIT_REQUIRED === 'true' ? 1 : 0);
}
const { failing, allowed, stale } = judgeAudit(report, allowlist, new Date().toISOString().slice(0, 10));
for (const f of allowed) console.log(`[audit] tilladt: ${f.id} i ${f.package} (${f.severity})`);
for (const a of stale) console.log(`[audit] tilladelsen af ${a.id} gælder ikke (begrundelse for kort, eller udløbet ${a.until})`);
for (const f of failing) console.log(`[audit] ${f.severity}: ${f.id} i ${f.package}: ${f.title}`);
console.log(`[audit] ${failing.length} alvorlige sårbarheder i produktionsafhængighederne, ${allowed.length} tilladt`);
process.exit(failing.length ? 1 : 0);
