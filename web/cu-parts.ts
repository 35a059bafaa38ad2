// Parts of a CU's page that both the secretariat and the directors see.
import { actorLabel } from '../domain/actors';
import type { CuOverview } from '../domain/overview';
import { DECISION_LABELS } from '../domain/cu';
import { CU_PHASES, type CuPhase } from '../domain/cu-process';
import type { CuRecord } from '../domain/views';
import { date, dateTime } from './components';
import { bdi, html, type Html } from './html';

const CHAIN: { phase: CuPhase; label: string }[] = [
  { phase: 'reporting', label: 'Kommunernes indberetning' },
  { phase: 'drafting', label: 'Sekretariatets afrapportering' },
  { phase: 'forum', label: 'Socialdirektørforum' },
  { phase: 'kkr', label: 'KKR Syddanmark' },
  { phase: 'political', label: 'Kommunalbestyrelser og Regionsrådet' },
  { phase: 'ready', label: 'Klar til indsendelse' },
  { phase: 'submitted', label: 'Indsendt til Social- og Boligstyrelsen' },
];
const ORDER = ['registered', ...CHAIN.map((c) => c.phase)];

/** The approval chain as a timeline: what is done, what is current, with who and when. */
export function timeline(state: Pick<CuRecord, 'phase' | 'events' | 'forum' | 'kkr' | 'councils'>): Html {
  const at = ORDER.indexOf(state.phase);
  const entered = (phase: CuPhase) => state.events.filter((e) => e.kind === `phase:${phase}`).at(-1);
  return html`<ol class="timeline">${CHAIN.map((step) => {
    const index = ORDER.indexOf(step.phase);
    const status = index < at ? 'done' : index === at ? 'current' : '';
    const event = entered(step.phase);
    const detail =
      step.phase === 'forum'
        ? state.forum.decisions.map((d, i) => html`${i ? '; ' : ''}${d.decision === 'approved' ? 'Godkendt' : html`Sendt retur (${bdi(d.comment)})`} ${dateTime(d.at)}`)
        : step.phase === 'kkr' && state.kkr
          ? `${DECISION_LABELS[state.kkr.decision]} ${date(state.kkr.date)}`
          : step.phase === 'political' && Object.keys(state.councils).length
            ? `${Object.values(state.councils).filter((c) => c.status !== 'pending').length} af ${Object.keys(state.councils).length} beslutninger registreret`
            : '';
    return html`<li class="${status}"${status === 'current' ? html` aria-current="step"` : ''}><strong>${step.label}</strong>${status === 'done' ? html` <span class="visually-hidden">(afsluttet)</span>` : status === 'current' ? html` <span class="status ok">nu</span>` : ''}
${event ? html`<br><span class="hint">${dateTime(event.at)} · ${actorLabel(event.by)}</span>` : ''}${detail ? html`<br>${detail}` : ''}</li>`;
  })}</ol>`;
}

export function progressCell(o: CuOverview): Html {
  return html`${o.reporting.answered} af ${o.reporting.total} har svaret${o.reporting.overdue.length ? html`<br><span class="status err">${o.reporting.overdue.length} forsinket</span>` : ''}`;
}

export function overviewTable(items: CuOverview[], detailHref: (cuId: string) => string): Html {
  if (items.length === 0) return html`<p>Der er ingen centrale udmeldinger endnu.</p>`;
  return html`<table>
<caption>Centrale udmeldinger (${items.length})</caption>
<thead><tr><th scope="col">Central udmelding</th><th scope="col">Fase</th><th scope="col">Kommunernes frist</th><th scope="col">Indberetning</th><th scope="col">Godkendelser</th><th scope="col">National frist</th></tr></thead>
<tbody>${items.map(
    (o) => html`<tr><th scope="row"><a href="${detailHref(o.cuId)}">${bdi(o.title)}</a></th><td>${CU_PHASES[o.phase as CuPhase]}</td><td>${date(o.municipalDeadline)}</td>
<td>${progressCell(o)}</td><td>${o.approvals.councils.total ? `${o.approvals.councils.decided} af ${o.approvals.councils.total} byråd/regionsråd` : o.approvals.forum ? `Forum: ${o.approvals.forum === 'approved' ? 'godkendt' : 'retur'}` : '–'}</td><td>${date(o.nationalDeadline)}</td></tr>`,
  )}</tbody></table>`;
}

export function overdueList(items: CuOverview[]): Html {
  const rows = items.flatMap((o) => o.reporting.overdue.map((m) => ({ ...m, title: o.title })));
  if (rows.length === 0) return html`<p>Ingen kommuner er forsinkede.</p>`;
  return html`<table><caption>Forsinkede kommuner</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Central udmelding</th><th scope="col" class="num">Dage over fristen</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.name}</th><td>${bdi(r.title)}</td><td class="num">${r.days}</td></tr>`)}</tbody></table>`;
}

