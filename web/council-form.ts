// A council's part of the political treatment, as its own contact sees it: the approved report to
// download, and the decision to record (a municipality's council on the municipality's page,
// Regionsrådet on the region's).
import { parseOrThrow } from '../domain/errors';
import { councilDecisionBody } from '../app/approval';
import { DECISION_LABELS, DECISIONS } from '../domain/cu';
import { copenhagenDate } from '../domain/time';
import type { CouncilRecord } from '../domain/views';
import type { FieldIssue, z } from '../domain/zod';
import { date, input, select, textarea } from './components';
import { bdi, html, type Html } from '../domain/html';

export const COUNCIL_ACTION = 'raad';
export const COUNCIL_FIELDS = { decision: 'Beslutning', date: 'Mødedato', remarks: 'Bemærkninger' };

export function councilSection(cuId: string, council: CouncilRecord, issues: FieldIssue[] = []): Html {
  const decided =
    council.status === 'pending'
      ? undefined
      : council.status === 'no_decision'
        ? 'Ingen beslutning registreret'
        : DECISION_LABELS[council.status];
  return html`<section aria-labelledby="raad-titel"><h2 id="raad-titel">Politisk behandling</h2>
<p><a class="button secondary" href="/api/cus/${cuId}/councils/${council.id}/report.docx">Hent den godkendte afrapportering (Word)</a></p>
${
  decided
    ? html`<p>${council.name}: ${decided}${council.date ? ` (${date(council.date)})` : ''}.</p>${council.remarks ? html`<p>Bemærkninger: ${bdi(council.remarks)}</p>` : ''}`
    : html`<p>Registrér beslutningen i ${council.name} senest ${date(council.deadline)}.</p>
<form method="post" novalidate>
${select({ path: 'decision', label: COUNCIL_FIELDS.decision, options: DECISIONS.map((d) => [d, DECISION_LABELS[d]]), issues, required: true })}
${input({ path: 'date', label: COUNCIL_FIELDS.date, type: 'date', value: copenhagenDate(Date.now()), issues, required: true })}
${textarea({ path: 'remarks', label: COUNCIL_FIELDS.remarks, issues })}
<button type="submit" name="handling" value="${COUNCIL_ACTION}">Registrér beslutningen</button>
</form>`
}</section>`;
}

/** The decision as the form posted it, checked (a 400 with the fields otherwise). */
export function parseCouncilForm(body: Record<string, string | undefined>): z.output<typeof councilDecisionBody> {
  return parseOrThrow(councilDecisionBody, { decision: body.decision, date: body.date ?? '', remarks: body.remarks ?? '' });
}
