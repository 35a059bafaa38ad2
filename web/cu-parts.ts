// Parts of a CU's page that both the secretariat and the directors see.
import { actorLabel } from '../domain/actors';
import { DECIDED_VIA, decisionOf, isApprovalStep, stepRow, type ApprovalStep } from '../domain/approval-chain';
import type { IsoDate } from '../domain/time';
import { stepDecisionBody } from '../app/approval';
import { parseOrThrow } from '../domain/errors';
import type { FieldIssue, z } from '../domain/zod';
import type { CuOverview, CuOverviewWithTimeline } from '../domain/overview';
import { CU_PHASES, type CuPhase } from '../domain/cu-process';
import type { CuRecord } from '../domain/views';
import { date, dateTime, input, select, textarea } from './components';
import { bdi, html, type Html } from '../domain/html';
import { timelineChart } from './timeline-chart';

const LABELS: Partial<Record<CuPhase, string>> = {
  reporting: 'Kommunernes indberetning',
  drafting: 'Sekretariatets afrapportering',
  political: 'Kommunalbestyrelser og Regionsrådet',
  ready: 'Klar til indsendelse',
  submitted: 'Indsendt til Social- og Boligstyrelsen',
};

type TimelineState = Pick<CuRecord, 'phase' | 'events' | 'councils' | 'chain' | 'stepDecisions'> & { cu: Pick<CuRecord['cu'], 'process'> };

/** The approval chain as a timeline, in the round's own order: what is done, what is current, with who and when. */
export function timeline(state: TimelineState): Html {
  const { process } = state.cu;
  const after: CuPhase[] = [
    ...(process.councils ? (['political'] as const) : []),
    ...(process.submitTo === 'national_board' ? (['ready', 'submitted'] as const) : (['completed'] as const)),
  ];
  const steps: CuPhase[] = ['reporting', 'drafting', ...state.chain, ...after];
  const order: CuPhase[] = ['registered', ...steps];
  const at = order.indexOf(state.phase);
  const entered = (phase: CuPhase) => state.events.filter((e) => e.kind === `phase:${phase}`).at(-1);
  const decisions = (phase: CuPhase): Html | string => {
    if (phase === 'political') {
      const all = Object.values(state.councils);
      const refused = all.filter((c) => c.status === 'rejected').length;
      return all.length
        ? html`${all.filter((c) => c.status !== 'pending').length} af ${all.length} beslutninger registreret${refused ? html` · <strong class="status err">${refused} ikke godkendt</strong>` : ''}`
        : '';
    }
    return html`${state.stepDecisions
      .filter((d) => d.step === phase)
      .map(
        (d, i) =>
          html`${i ? '; ' : ''}${decisionOf(d.step, d.decision)?.label ?? d.decision} ${d.date ? date(d.date) : dateTime(d.recordedAt)} (${DECIDED_VIA[d.via].toLowerCase()})${d.remarks ? html`: ${bdi(d.remarks)}` : ''}`,
      )}`;
  };
  return html`<ol class="timeline">${steps.map((phase) => {
    const index = order.indexOf(phase);
    const status = index < at ? 'done' : index === at ? 'current' : '';
    const event = entered(phase);
    const label = isApprovalStep(phase) ? `${stepRow(phase).name} ${stepRow(phase).does}` : (LABELS[phase] ?? CU_PHASES[phase]);
    const detail = decisions(phase);
    return html`<li class="${status}"${status === 'current' ? html` aria-current="step"` : ''}><strong>${label}</strong>${status === 'done' ? html` <span class="visually-hidden">(afsluttet)</span>` : status === 'current' ? html` <span class="status ok">nu</span>` : ''}
${event ? html`<br><span class="hint">${dateTime(event.at)} · ${actorLabel(event.by)}</span>` : ''}${detail && String(detail) ? html`<br>${detail}` : ''}</li>`;
  })}</ol>`;
}

/** The form that records a step's decision, in the step's own words; `last` when it also sets the councils' deadline. */
export function stepDecisionForm(
  step: ApprovalStep,
  o: { issues: FieldIssue[]; today: IsoDate; last: boolean; councilDeadline: IsoDate },
): Html {
  const row = stepRow(step);
  const decisions = Object.entries(row.decisions).map(([id, d]): [string, string] => [id, d.label]);
  return html`<form method="post" novalidate><h3>Registrér ${row.genitive} beslutning</h3><input type="hidden" name="trin" value="${step}">
${select({ path: 'decision', label: 'Beslutning', options: decisions, issues: o.issues, required: true })}
${row.dated ? input({ path: 'date', label: 'Dato for beslutningen', type: 'date', value: o.today, issues: o.issues, required: true }) : ''}
${select({ path: 'via', label: 'Truffet', options: Object.entries(DECIDED_VIA), issues: o.issues, required: true, hint: 'En beslutning truffet pr. e-mail mellem møderne registreres som sådan.' })}
${o.last ? input({ path: 'councilDeadline', label: 'Frist for kommunalbestyrelserne og Regionsrådet', type: 'date', value: o.councilDeadline, issues: o.issues, required: true }) : ''}
${textarea({ path: 'remarks', label: 'Bemærkninger', hint: 'Skal udfyldes, hvis afrapporteringen sendes retur.', issues: o.issues })}
<button type="submit" name="handling" value="trin">Registrér ${row.genitive} beslutning</button></form>`;
}

/** A step's decision as its form posts it, read with the API's schema (the workflow checks the step's own rules). */
export function parseStepDecisionForm(body: Record<string, string | undefined>): z.output<typeof stepDecisionBody> {
  return parseOrThrow(stepDecisionBody, {
    decision: body.decision,
    ...(body.date ? { date: body.date } : {}),
    via: body.via,
    remarks: body.remarks ?? '',
    ...(body.councilDeadline ? { councilDeadline: body.councilDeadline } : {}),
  });
}

export function progressCell(o: CuOverview): Html {
  return html`${o.reporting.answered} af ${o.reporting.total} har svaret${o.reporting.overdue.length ? html`<br><span class="status err">${o.reporting.overdue.length} forsinket</span>` : ''}`;
}

export function overviewTable(items: CuOverview[], detailHref: (cuId: string) => string): Html {
  if (items.length === 0) return html`<p>Der er ingen centrale udmeldinger endnu.</p>`;
  return html`<table>
<caption>Centrale udmeldinger (${items.length})</caption>
<thead><tr><th scope="col">Central udmelding</th><th scope="col">Fase</th><th scope="col">Kommunernes frist</th><th scope="col">Indberetning</th><th scope="col">Godkendelser</th><th scope="col">National frist</th><th scope="col">Ventet færdig</th></tr></thead>
<tbody>${items.map(
    (
      o,
    ) => html`<tr><th scope="row"><a href="${detailHref(o.cuId)}">${bdi(o.title)}</a></th><td>${CU_PHASES[o.phase]}</td><td>${date(o.municipalDeadline)}</td>
<td>${progressCell(o)}</td><td>${o.approvals.councils.total ? `${o.approvals.councils.decided} af ${o.approvals.councils.total} byråd/regionsråd` : o.approvals.lastStep ? `${o.approvals.lastStep.name}: ${o.approvals.lastStep.label.toLowerCase()}` : '–'}</td><td>${date(o.nationalDeadline)}</td><td>${expectedEnd(o)}</td></tr>`,
  )}</tbody></table>`;
}

function expectedEnd(o: CuOverview): Html | string {
  const end = o.expected;
  if (!end) return '–';
  return html`${date(end.date)}${end.atRisk ? html` <strong class="status err">I fare: ${-end.daysToSpare} dage efter den nationale frist</strong>` : ''}`;
}

/** Each running CU as a bar of its phases along the calendar, with its dates as a table beside it. */
export function overviewTimelines(items: CuOverviewWithTimeline[]): Html {
  const running = items.filter((o) => o.expected);
  if (running.length === 0) return html`<p>Ingen runder er i gang.</p>`;
  return html`${running.map((o) => {
    const id = `tidslinje-${o.cuId}`;
    return html`<figure class="cu-timeline"><figcaption>${bdi(o.title)}${o.expected?.atRisk ? html` <strong class="status err">I fare</strong>` : ''}</figcaption>
${timelineChart({ title: `Tidslinje for ${o.title}`, describedBy: id, segments: o.timeline.segments, marks: o.timeline.marks })}
<details><summary>Tidslinjen som tabel</summary><table id="${id}"><caption>${bdi(o.title)}: faser og frister</caption>
<thead><tr><th scope="col">Hvad</th><th scope="col">Fra</th><th scope="col">Til</th><th scope="col">Status</th></tr></thead>
<tbody>${o.timeline.segments.map((s) => html`<tr><th scope="row">${s.label}</th><td>${date(s.from)}</td><td>${date(s.to)}</td><td>${SEGMENT_STATE[s.state]}</td></tr>`)}
${o.timeline.marks.filter((m) => m.kind !== 'today').map((m) => html`<tr><th scope="row">${m.label}</th><td colspan="2">${date(m.date)}</td><td>${m.kind === 'risk' ? 'efter den nationale frist' : ''}</td></tr>`)}</tbody></table></details></figure>`;
  })}`;
}

const SEGMENT_STATE = { done: 'Afsluttet', now: 'I gang', next: 'Forventet' } as const;

export function overdueList(items: CuOverview[]): Html {
  const rows = items.flatMap((o) => o.reporting.overdue.map((m) => ({ ...m, title: o.title })));
  if (rows.length === 0) return html`<p>Ingen kommuner er forsinkede.</p>`;
  return html`<table><caption>Forsinkede kommuner</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Central udmelding</th><th scope="col" class="num">Dage over fristen</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.name}</th><td>${bdi(r.title)}</td><td class="num">${r.days}</td></tr>`)}</tbody></table>`;
}
