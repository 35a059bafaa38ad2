// A CU's page for the secretariat, following its phase: launch, the round board, the report and its
// approval chain, the political treatment, submission and renewed treatment.
import type { Request } from 'express';
import type { Udmeld } from '../../app';
import { actorLabel } from '../../domain/actors';
import { decisionOf, isApprovalStep, stepAfter, stepRow } from '../../domain/approval-chain';
import { DECISION_LABELS, DECISIONS } from '../../domain/cu';
import { commandAllowed, CU_PHASES } from '../../domain/cu-process';
import { bdi, html, type Html } from '../../domain/html';
import { isRegion, municipality, respondentsOfRegion } from '../../domain/municipalities';
import { AWAITING, MUNICIPALITY_STATUSES } from '../../domain/municipality-process';
import type { Caller } from '../../domain/people';
import { addDays, copenhagenDate, overdueDays } from '../../domain/time';
import { workingDay } from '../../domain/working-days';
import { DEFAULT_COUNCIL_DAYS, DEFAULT_DRAFTING_WORKING_DAYS } from '../../domain/chain-projection';
import { previewTimeline } from '../../domain/timeline';
import { timelineChart } from '../timeline-chart';
import type { CuRecord as CuState } from '../../domain/views';
import type { FieldIssue } from '../../domain/zod';
import { csvSheets } from '../../report/answers-export';
import { reportModel } from '../../report/model';
import { ASSESSMENT, assessmentHeading, CASE_PRESENTATION, RECOMMENDATION } from '../../domain/report';
import { date, dateTime, errorSummary, fieldId, input, notice, select, statusBadge, textarea } from '../components';
import { contactFields } from '../contact-fields';
import { overviewTimelines, stepDecisionForm, timeline } from '../cu-parts';
import { cuForm } from '../questionnaire-form';
import { chosen, MESSAGES, rowPrefix, type Body } from './cu-actions';

/** The forms for the whole round: their fields' names carry a prefix, as a municipality's row's carry its code. */
const FORM_PREFIXES: Record<string, string> = {
  'forlaeng-runde': 'runde',
  'tidsplan-forlaeng': 'runde',
  'forlaeng-valgte': 'valgte',
  'paamind-valgte': 'valgte',
  'national-frist': 'national',
  forny: 'forny',
  'traek-tilbage': 'traek',
};

export type LaunchPreview = Awaited<ReturnType<Udmeld['previewLaunch']>>;

/** The timeline a launch would give (what-if): a table, with what moved to a working day and whether the national deadline holds. */
function previewTable(p: LaunchPreview, title = 'Tidsplan, hvis runden sendes ud nu'): Html {
  const { chain } = p;
  const end = chain.end;
  const councilsFromCalendar = chain.councils.filter((c) => c.fromCalendar).length;
  return html`<section aria-labelledby="tidsplan"><h3 id="tidsplan">${title}</h3>
${p.deadlineClosed ? notice(html`Fristen er ${p.deadlineClosed.reason}, ikke en arbejdsdag. Næste arbejdsdag: ${date(p.deadlineClosed.nextWorkingDay)}.`, 'warn') : ''}
${notice(
  end.kind === 'completed'
    ? html`Runden ventes afsluttet ${date(end.date)}.`
    : end.atRisk
      ? html`Den nationale frist holder ikke: afrapporteringen ventes indsendt ${date(end.date)}, ${-end.daysToSpare} dage efter fristen ${date(p.events.find((e) => e.kind === 'national_deadline')?.date)}.`
      : html`Den nationale frist holder: afrapporteringen ventes indsendt ${date(end.date)}, ${end.daysToSpare} dage før fristen.`,
  end.atRisk ? 'warn' : 'ok',
)}
${p.holds ? '' : notice(`Løber indberetningen til den endelige lukning, ligger den ${-p.daysAfterHardStop} dage efter den nationale frist.`, 'warn')}
${timelineChart({
  title: `Tidslinje: indberetning, godkendelse og ${end.kind === 'submission' ? 'indsendelse' : 'afslutning'}`,
  describedBy: 'tidsplan-tabel',
  ...previewTimeline(
    {
      today: p.events[0]?.date ?? end.date,
      deadline: p.events.find((e) => e.kind === 'deadline')?.date ?? end.date,
      nationalDeadline: p.events.find((e) => e.kind === 'national_deadline')?.date ?? end.date,
    },
    chain,
  ),
})}
<table id="tidsplan-tabel"><caption>Indberetningen</caption><thead><tr><th scope="col">Dato</th><th scope="col">Hvad</th><th scope="col">Flyttet</th></tr></thead>
<tbody>${p.events.map(
    (e) =>
      html`<tr><td>${date(e.date)}</td><td>${e.label}</td><td>${e.movedFrom ? `fra ${date(e.movedFrom.date)} (${e.movedFrom.reason})` : ''}</td></tr>`,
  )}</tbody></table>
<table><caption>Godkendelse${chain.councils.length ? ', politisk behandling' : ''} og ${end.kind === 'submission' ? 'indsendelse' : 'afslutning'}</caption><thead><tr><th scope="col">Dato</th><th scope="col">Hvad</th></tr></thead>
<tbody>${chain.events.map((e) => html`<tr><td>${date(copenhagenDate(Date.parse(e.at)))}</td><td>${e.label}</td></tr>`)}</tbody></table>
${chain.councils.length ? html`<p class="hint">${councilsFromCalendar} af de ${chain.councils.length} politiske behandlinger (byråd og regionsråd) har et møde i mødekalenderen; de øvrige er regnet med ${DEFAULT_COUNCIL_DAYS} dages frist.</p>` : ''}
<p class="hint">Uden mødekalender for et trin regnes med, at det beslutter, når den første påmindelse ville gå ud. <a href="/sekretariat/moeder">Mødekalenderen</a></p></section>`;
}

/** The CU's page as its phase shows it; `outcome` is a refused form's, whose fields keep what was typed. */
export async function cuBody(
  app: Udmeld,
  caller: Caller,
  state: CuState,
  req: Request,
  outcome?: { issues: FieldIssue[]; message?: string; form?: string; preview?: LaunchPreview },
): Promise<Html> {
  const cu = state.cu;
  const issues = outcome?.issues ?? [];
  const [form, formCode] = (outcome?.form ?? '').split(':');
  // Errors of a row's form carry that municipality's prefix (a round-wide form's, its own), so they land on the right fields.
  const prefix = formCode ? rowPrefix(form ?? '', formCode) : FORM_PREFIXES[form ?? ''];
  const rowIssues = prefix ? issues.map((x) => ({ ...x, path: `${prefix}.${x.path}` })) : issues;
  const flash = typeof req.query.besked === 'string' ? MESSAGES[req.query.besked] : undefined;
  // What a refused form held, so nothing typed is lost.
  const typed = (field: string, fallback: string) =>
    outcome && req.method === 'POST' ? ((req.body as Body)[field] ?? fallback) : fallback;
  const ticked = (field: string, fallback: boolean) => (outcome && req.method === 'POST' ? (req.body as Body)[field] === 'ja' : fallback);
  const today = copenhagenDate(Date.now());
  // Where a running round stands and what is projected next, from the meeting calendars.
  const glance = ['registered', 'withdrawn'].includes(state.phase) ? undefined : await app.cuOverview(cu.id, caller);
  const running = glance?.expected ? glance : undefined;
  const head = html`<h1>${bdi(cu.title)}</h1>
${flash ? notice(flash, 'ok') : ''}${outcome?.message ? notice(outcome.message, 'warn') : ''}${errorSummary(rowIssues)}
<div id="fase" data-live><dl class="facts"><dt>Fase</dt><dd>${CU_PHASES[state.phase]}</dd><dt>Målgruppe</dt><dd>${bdi(cu.targetGroup)}</dd>
<dt>Udmeldt</dt><dd>${date(cu.issuedOn)}</dd><dt>National frist</dt><dd>${date(cu.nationalDeadline)}</dd>
${state.round ? html`<dt>Kommunernes frist</dt><dd>${date(state.round.deadline)}</dd>` : ''}
${state.renewalOf ? html`<dt>Fornyet behandling af</dt><dd><a href="/sekretariat/cu/${state.renewalOf.cuId}">${state.renewalOf.cuId}</a></dd>` : ''}
${state.renewedBy.length ? html`<dt>Sendt til fornyet behandling</dt><dd>${state.renewedBy.map((id, i) => html`${i ? ', ' : ''}<a href="/sekretariat/cu/${id}">${id}</a>`)}</dd>` : ''}</dl></div>
${running ? html`<h2>Tidslinje</h2>${overviewTimelines([running])}` : ''}
<p><a href="/sekretariat/cu/${cu.id}/revisionsspor">Revisionsspor</a> – hvem gjorde hvad og hvornår</p>
${state.phase === 'withdrawn' ? withdrawnNotice(state) : ''}`;
  const withdrawForm = ['registered', 'reporting', 'drafting'].includes(state.phase)
    ? html`<h2>${state.phase === 'registered' ? 'Træk tilbage' : 'Annullér indberetningen'}</h2>
<details${form === 'traek-tilbage' ? html` open` : ''}><summary>${state.phase === 'registered' ? 'Træk den centrale udmelding tilbage (registreret ved en fejl)' : 'Annullér indberetningen'}</summary><form method="post" novalidate>
<p class="hint">${state.phase === 'registered' ? 'Udmeldingen bevares i revisionssporet, men kan ikke sendes ud.' : 'Kommunerne får besked, deres links holder op med at virke, og der laves ingen afrapportering. Det, der er sket, bevares.'}</p>
${textarea({ path: 'traek.reason', label: 'Begrundelse', value: typed('traek.reason', ''), issues: rowIssues, required: true })}
<button type="submit" name="handling" value="traek-tilbage" class="danger">${state.phase === 'registered' ? 'Træk tilbage' : 'Annullér indberetningen'}</button></form></details>`
    : html``;

  if (state.phase === 'registered') {
    const contacts = await app.contacts(caller);
    const codes = respondentsOfRegion(cu.regionCode, true);
    const asked = (c: string) => !isRegion(c) || cu.process.regionResponds;
    return html`${head}
<h2>Send indberetningen ud</h2>
<form method="post" novalidate data-preview="tidsplan" data-preview-target="tidsplan-omraade">
<fieldset id="${fieldId('kommuner')}"><legend>Hvem indberetter</legend>
${codes.map((c) => html`<div><input type="checkbox" id="${fieldId(`kommune.${c}`)}" name="kommune.${c}" value="ja"${ticked(`kommune.${c}`, asked(c)) ? html` checked` : ''}> <label for="${fieldId(`kommune.${c}`)}" class="choice">${municipality(c).name}${contacts[c] ? '' : html` <span class="status err">mangler kontaktperson</span>`}</label></div>`)}
</fieldset>
${input({ path: 'deadline', label: 'Kommunernes frist', type: 'date', value: typed('deadline', workingDay(addDays(today, 90), 1)), issues, required: true, hint: 'Fristen gælder til og med dagen (dansk tid). Påmindelser går kun ud på arbejdsdage kl. 8.' })}
<div class="check"><input type="checkbox" id="${fieldId('keepDeadline')}" name="keepDeadline" value="ja"${ticked('keepDeadline', false) ? html` checked` : ''}> <label for="${fieldId('keepDeadline')}">Behold fristen, også hvis den ikke er en arbejdsdag</label></div>
${input({ path: 'reminderDays', label: 'Påmindelser, antal dage før fristen', value: '14, 7, 2', issues, required: true })}
${input({ path: 'overdueEveryDays', label: 'Rykker hver n. dag efter fristen', value: 3, inputmode: 'numeric', issues, required: true })}
${input({ path: 'hardStop', label: 'Endelig lukning, dage efter fristen', value: 30, inputmode: 'numeric', issues, required: true })}
${input({ path: 'draftingWorkingDays', name: 'draftingDays', label: 'Sekretariatets afrapportering, arbejdsdage efter fristen', value: typed('draftingDays', String(DEFAULT_DRAFTING_WORKING_DAYS)), inputmode: 'numeric', issues, hint: 'Bruges kun i tidsplanen: hvornår udkastet kan gå videre i godkendelseskæden.' })}
<button type="submit" name="handling" value="udsend">Send ud til kommunerne</button>
<button type="submit" name="handling" value="tidsplan" class="secondary">Vis tidsplan</button>
</form>
<div id="tidsplan-omraade" aria-live="polite">${outcome?.preview && form === 'udsend' ? previewTable(outcome.preview) : ''}</div>
<h2>Ret den centrale udmelding</h2>
<details><summary>Ret titel, frister og spørgeskema</summary><form method="post" novalidate>${cuForm({ ...cu }, form === 'ret' ? issues : [])}<p><button type="submit" name="handling" value="ret">Gem ændringer</button></p></form></details>
${withdrawForm}`;
  }

  const all = Object.values(state.municipalities);
  const answered = all.filter((m) => m.status === 'submitted').length;
  const reporting = state.phase === 'reporting';
  // A refused bulk action keeps what was ticked.
  const picked = new Set(outcome && req.method === 'POST' ? chosen(req.body as Body) : []);
  const byStatus = Object.entries(all.reduce<Record<string, number>>((n, m) => ({ ...n, [m.status]: (n[m.status] ?? 0) + 1 }), {})).map(
    ([status, n]) => `${n} ${MUNICIPALITY_STATUSES[status as keyof typeof MUNICIPALITY_STATUSES].toLowerCase()}`,
  );
  const bulk = reporting
    ? html`<form id="valgte" method="post" novalidate class="bulk"><fieldset><legend>De valgte kommuner</legend>
<p class="hint">Sæt flueben ved kommunerne i tabellen. Kun kommuner, der endnu ikke har svaret, kan vælges.</p>
<button type="submit" name="handling" value="paamind-valgte" class="secondary">Send en påmindelse nu</button>
<details${form === 'forlaeng-valgte' ? html` open` : ''}><summary>Forlæng fristen for de valgte</summary>
${input({ path: 'valgte.deadline', label: 'Ny frist', type: 'date', value: typed('valgte.deadline', state.round ? addDays(state.round.deadline, 14) : ''), issues: rowIssues, required: true })}
${input({ path: 'valgte.reason', label: 'Begrundelse', value: typed('valgte.reason', ''), issues: rowIssues })}
<button type="submit" name="handling" value="forlaeng-valgte">Forlæng for de valgte</button></details></fieldset></form>`
    : '';
  const board = html`<h2>Kommunerne</h2>
<div id="tavle" data-live><p class="progress"><label for="fremdrift"><strong>${answered} af ${all.length} har svaret</strong></label>
<progress id="fremdrift" max="${all.length}" value="${answered}">${answered} af ${all.length}</progress> <span class="hint">${byStatus.join(' · ')}</span></p>
${bulk}
<table class="board"><caption>Indberetning fra ${all.length} kommuner</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Status</th><th scope="col">Frist</th><th scope="col">Seneste påmindelse</th><th scope="col" class="num">Dage over fristen</th>${reporting || state.phase === 'drafting' ? html`<th scope="col">Handlinger</th>` : ''}</tr></thead>
<tbody>${Object.values(state.municipalities)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((m) => {
      const overdue = ['submitted', 'excused'].includes(m.status) ? 0 : overdueDays(m.deadline, Date.now());
      const p = (f: string) => `${m.code}.${f}`;
      // A municipality still to answer can be ticked for the bulk actions: its name is the checkbox's label.
      const name =
        reporting && AWAITING.includes(m.status)
          ? html`<input type="checkbox" form="valgte" name="valgt" value="${m.code}" id="${fieldId(`valgt.${m.code}`)}"${picked.has(m.code) ? html` checked` : ''}> <label for="${fieldId(`valgt.${m.code}`)}" class="choice">${m.name}</label>`
          : html`${m.name}`;
      return html`<tr><th scope="row">${name}</th><td>${statusBadge(m.status)}${m.mailFailures.length ? html`<br><span class="status err">e-mail afvist</span>` : ''}</td><td>${date(m.deadline)}</td>
<td>${dateTime(m.reminders.at(-1)?.at)}</td><td class="num">${overdue || ''}</td>
${
  state.phase === 'reporting'
    ? html`<td><details class="menu"${formCode === m.code ? html` open` : ''}><summary>Handlinger<span class="visually-hidden"> for ${m.name}</span></summary><div class="menu-items">
<details${form === 'forlaeng' && formCode === m.code ? html` open` : ''}><summary>Forlæng fristen<span class="visually-hidden"> for ${m.name}</span></summary><form method="post" novalidate>
${input({ path: p('deadline'), label: 'Ny frist', type: 'date', value: addDays(m.deadline, 14), issues: rowIssues, required: true })}
${input({ path: p('reason'), label: 'Begrundelse', issues: rowIssues })}
<button type="submit" name="handling" value="forlaeng:${m.code}">Forlæng</button></form></details>
${
  m.status === 'submitted'
    ? html`<details><summary>Bed om revision<span class="visually-hidden"> fra ${m.name}</span></summary><form method="post" novalidate>
${textarea({ path: p('comment'), label: 'Hvad skal rettes?', issues: rowIssues, required: true })}
<button type="submit" name="handling" value="revision:${m.code}">Send til kommunen</button></form></details>`
    : ''
}
<form method="post" class="inline-form"><button type="submit" name="handling" value="gensend-invitation:${m.code}" class="secondary">Send invitationen igen<span class="visually-hidden"> til ${m.name}</span></button>
${AWAITING.includes(m.status) ? html`<button type="submit" name="handling" value="gensend-paamindelse:${m.code}" class="secondary">Send en påmindelse nu<span class="visually-hidden"> til ${m.name}</span></button>` : ''}</form>
<details${form === 'kontakter' && formCode === m.code ? html` open` : ''}><summary>Skift kontaktpersoner<span class="visually-hidden"> for ${m.name}</span></summary><form method="post" novalidate>
<p class="hint">Nye kontaktpersoner får invitationen; fjernede kan ikke længere bruge deres link til denne indberetning.</p>
${contactFields(m.code, state.round?.contacts[m.code], { issues: rowIssues, ...(outcome && form === 'kontakter' && formCode === m.code ? { submitted: req.body as Body } : {}) })}
<button type="submit" name="handling" value="kontakter:${m.code}">Gem kontaktpersoner</button></form></details>
${
  ['invited', 'draft', 'revision_requested'].includes(m.status)
    ? html`<details${form === 'frita' && formCode === m.code ? html` open` : ''}><summary>Frita<span class="visually-hidden"> ${m.name}</span></summary><form method="post" novalidate>
${input({ path: `${rowPrefix('frita', m.code)}.reason`, label: 'Begrundelse', issues: rowIssues, required: true })}
<button type="submit" name="handling" value="frita:${m.code}" class="danger">Frita kommunen</button></form></details>`
    : ''
}
</div></details></td>`
    : commandAllowed('reopenMunicipality', state.phase)
      ? html`<td><details${form === 'genaabn' && formCode === m.code ? html` open` : ''}><summary>${m.status === 'submitted' ? 'Genåbn for rettelse' : 'Genåbn for sent svar'}<span class="visually-hidden"> ${m.name}</span></summary><form method="post" novalidate>
<p class="hint">Kommunen får besked og kan svare indtil den nye frist; afrapporteringen dannes igen, når den har svaret.${isApprovalStep(state.phase) ? ` Udkastet trækkes tilbage fra ${stepRow(state.phase).name}, og godkendelsen begynder forfra, når I sender det igen.` : ''}</p>
${input({ path: p('deadline'), label: 'Ny frist', type: 'date', value: typed(p('deadline'), addDays(today, 7)), issues: rowIssues, required: true })}
${input({ path: p('reason'), label: 'Begrundelse', value: typed(p('reason'), ''), issues: rowIssues, required: true })}
<button type="submit" name="handling" value="genaabn:${m.code}">Genåbn</button></form></details></td>`
      : ''
}</tr>`;
    })}</tbody></table></div>`;

  const downloads = html`<p><a class="button secondary" href="/api/cus/${cu.id}/report.docx">Afrapportering (Word)</a>
<a class="button secondary" href="/api/cus/${cu.id}/report.docx?beskyttet=ja">Word med beskyttede små tal</a>
<a class="button secondary" href="/api/cus/${cu.id}/answers.xlsx">Alle besvarelser (Excel)</a>
${csvSheets(state).map((s) => html`<a href="/api/cus/${cu.id}/answers/${s}.csv">CSV: ${s}</a> `)}</p>`;

  const nationalForm =
    state.phase === 'submitted' || state.phase === 'completed' || state.phase === 'withdrawn'
      ? html``
      : html`<details${form === 'national-frist' ? html` open` : ''}><summary>Flyt den nationale frist</summary><form method="post" novalidate>
${input({ path: 'national.nationalDeadline', label: 'Ny national frist', type: 'date', value: typed('national.nationalDeadline', cu.nationalDeadline), issues: rowIssues, required: true })}
${input({ path: 'national.reason', label: 'Begrundelse', value: typed('national.reason', ''), issues: rowIssues, required: true, hint: 'Fx styrelsens nye frist. Gemmes i revisionssporet.' })}
<button type="submit" name="handling" value="national-frist">Flyt fristen</button></form></details>`;

  if (state.phase === 'reporting') {
    return html`${head}${board}
<h2>Hele indberetningen</h2>
<details${form === 'forlaeng-runde' || form === 'tidsplan-forlaeng' ? html` open` : ''}><summary>Forlæng fristen for alle kommuner</summary><form method="post" novalidate data-preview="tidsplan-forlaeng" data-preview-target="tidsplan-forlaeng-omraade">
<p class="hint">Alle kommuner, der endnu ikke har svaret (også dem, der er registreret som ikke indsendt), får den nye frist og en e-mail; deres påmindelser flyttes med.</p>
${input({ path: 'runde.deadline', label: 'Ny frist for kommunerne', type: 'date', value: typed('runde.deadline', state.round ? addDays(state.round.deadline, 14) : ''), issues: rowIssues, required: true })}
${input({ path: 'runde.reason', label: 'Begrundelse', value: typed('runde.reason', ''), issues: rowIssues, required: true })}
<button type="submit" name="handling" value="forlaeng-runde">Forlæng for alle</button>
<button type="submit" name="handling" value="tidsplan-forlaeng" class="secondary">Vis tidsplan med den nye frist</button></form></details>
<div id="tidsplan-forlaeng-omraade" aria-live="polite">${outcome?.preview && form === 'forlaeng-runde' ? previewTable(outcome.preview, 'Tidsplan, hvis fristen forlænges') : ''}</div>
${nationalForm}
<form method="post"><button type="submit" name="handling" value="luk" class="secondary">Luk indberetningen nu</button>
<span class="hint">Kommuner, der ikke har svaret, registreres som ikke indsendt.</span></form>
${withdrawForm}`;
  }

  if (state.phase === 'withdrawn') return html`${head}${state.round ? board : ''}`;

  const model = reportModel(state);
  const firstStep = state.chain[0];
  const returned = lastReturn(state);
  const assessmentField = textarea({
    path: `summary.${ASSESSMENT}`,
    label: assessmentHeading(state.chain),
    hint: 'Et afsnit for sig i afrapporteringen, efter temaerne.',
    value: state.report?.summaries[ASSESSMENT] ?? '',
    issues,
  });
  const preview = html`<h2 id="afrapportering">Afrapportering</h2>${downloads}
${
  state.phase === 'drafting'
    ? html`<form method="post" novalidate>
${textarea({ path: `summary.${CASE_PRESENTATION}`, label: 'Sagsfremstilling', hint: 'Som et dagsordenspunkt: baggrunden og sagens forløb. Står først i afrapporteringen. En tom linje skiller afsnit.', value: state.report?.summaries[CASE_PRESENTATION] ?? '', issues })}
${cu.questionnaire.themes.map((t) => textarea({ path: `summary.${t.id}`, label: `Sammenfatning: ${t.title}`, value: state.report?.summaries[t.id] ?? '', issues }))}
${assessmentField}
${textarea({ path: `summary.${RECOMMENDATION}`, label: 'Indstilling', hint: 'Hvad udvalget, forummet og byrådene indstilles til at beslutte, fx "at afrapporteringen godkendes". Står efter vurderingen.', value: state.report?.summaries[RECOMMENDATION] ?? '', issues })}
<button type="submit" name="handling" value="sammenfatning" class="secondary">Gem sammenfatninger</button>
${firstStep ? html`<button type="submit" name="handling" value="godkendelse">Gem og send til ${stepRow(firstStep).name}</button>` : ''}
</form>`
    : state.phase === 'oeg'
      ? html`<form method="post" novalidate>${assessmentField}<button type="submit" name="handling" value="vurdering" class="secondary">Gem vurderingen</button></form>`
      : ''
}
${state.phase === 'drafting' && returned ? notice(html`<strong>Sendt retur af ${returned.by}:</strong> ${bdi(returned.comment)}`, 'warn') : ''}
<details><summary>Vis udkastet (${model.sections.length} afsnit)</summary>${model.sections.map((s) => html`<h3>${bdi(s.heading)}</h3>${s.blocks.map((b) => (b.kind === 'table' ? html`<table><caption>${bdi(b.table.caption)}</caption><thead><tr>${b.table.head.map((h) => html`<th scope="col">${bdi(h)}</th>`)}</tr></thead><tbody>${b.table.rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${bdi(c)}</th>` : html`<td>${bdi(c)}</td>`))}</tr>`)}</tbody></table>` : b.kind === 'subheading' ? html`<h4>${bdi(b.text)}</h4>` : html`<p>${bdi(b.text)}</p>`))}`)}</details>`;

  const refused = Object.values(state.councils).filter((c) => c.status === 'rejected');
  const step = isApprovalStep(state.phase) ? state.phase : undefined;
  const approvals = html`<h2 id="godkendelse">Godkendelse</h2>${
    refused.length
      ? html`<div class="notice warn" role="alert"><strong>Ikke godkendt af ${refused.map((c, i) => html`${i ? ', ' : ''}${c.name}`)}.</strong>
<p>Beslutningen og bemærkningerne står i afrapporteringen, der indsendes. Træffer rådet en ny beslutning, mens andre råd endnu ikke har besluttet, registreres den ved rådet nedenfor; ellers kan sekretariatet skrive den i følgebrevet til Social- og Boligstyrelsen.</p></div>`
      : ''
  }${timeline(state)}
${step ? stepDecisionForm(step, { issues, today, last: stepAfter(state.chain, step) === 'political', councilDeadline: addDays(today, 60) }) : ''}
${
  Object.keys(state.councils).length
    ? html`<div id="raad" data-live><table><caption>Politisk behandling</caption>
<thead><tr><th scope="col">Instans</th><th scope="col">Frist</th><th scope="col">Beslutning</th>${state.phase === 'political' ? html`<th scope="col">Registrér</th>` : ''}</tr></thead>
<tbody>${Object.values(state.councils).map((c) => {
        const p = (f: string) => `${c.id}.${f}`;
        return html`<tr><th scope="row">${c.name}</th><td>${date(c.deadline)}</td><td>${c.status === 'pending' ? 'Afventer' : c.status === 'no_decision' ? 'Ingen beslutning' : `${DECISION_LABELS[c.status]} ${date(c.date)}`}</td>
${
  state.phase === 'political'
    ? html`<td>${
        c.status === 'pending' || c.status === 'rejected'
          ? html`<details><summary>${c.status === 'rejected' ? 'Registrér en senere beslutning' : 'Registrér'}<span class="visually-hidden"> ${c.name}</span></summary><form method="post" novalidate>
${select({ path: p('decision'), label: 'Beslutning', options: DECISIONS.map((d) => [d, DECISION_LABELS[d]]), issues: rowIssues, required: true })}
${input({ path: p('date'), label: 'Mødedato', type: 'date', value: today, issues: rowIssues, required: true })}
${textarea({ path: p('remarks'), label: 'Bemærkninger', issues: rowIssues })}
<button type="submit" name="handling" value="raad:${c.id}">Registrér</button></form></details>`
          : ''
      }</td>`
    : ''
}</tr>`;
      })}</tbody></table></div>`
    : ''
}
${
  state.phase === 'ready'
    ? html`<form method="post"><p>Alle beslutninger er registreret. Afrapporteringen sendes som Word-dokument (med beskyttede små tal) til ${state.round?.addresses.nationalBoard}.</p>
<button type="submit" name="handling" value="indsend">Indsend til Social- og Boligstyrelsen</button></form>`
    : ''
}
${state.submission ? notice(html`Indsendt ${dateTime(state.submission.at)} til ${state.submission.to} af ${actorLabel(state.submission.by)}. Besked-id: <code>${state.submission.messageId}</code>`, 'ok') : ''}
${
  state.phase === 'submitted'
    ? html`<h3>Fornyet behandling</h3>
<p>Beder Social- og Boligstyrelsen om en ny behandling, startes en ny central udmelding, der henviser til denne; kommunernes gamle links viser vej til den nye.</p>
<details${form === 'forny' ? html` open` : ''}><summary>Start fornyet behandling</summary><form method="post" novalidate>
${textarea({ path: 'forny.reason', label: 'Begrundelse', value: typed('forny.reason', ''), issues: rowIssues, required: true, hint: 'Fx styrelsens anmodning og dato.' })}
${input({ path: 'forny.issuedOn', label: 'Udmeldt den', type: 'date', value: typed('forny.issuedOn', today), issues: rowIssues, required: true })}
${input({ path: 'forny.nationalDeadline', label: 'Ny national frist', type: 'date', value: typed('forny.nationalDeadline', addDays(today, 120)), issues: rowIssues, required: true })}
<button type="submit" name="handling" value="forny">Start fornyet behandling</button></form></details>`
    : ''
}`;

  const closed = state.phase === 'submitted' || state.phase === 'completed';
  return html`${head}${approvals}${preview}${board}${closed ? '' : html`<h2>Frister</h2>${nationalForm}`}${withdrawForm}`;
}

/** The latest return of the draft to the secretariat by a step, if it is the latest decision. */
function lastReturn(state: CuState): { by: string; comment: string } | undefined {
  const last = state.stepDecisions.at(-1);
  return last && decisionOf(last.step, last.decision)?.outcome === 'back'
    ? { by: stepRow(last.step).name, comment: last.remarks }
    : undefined;
}

/** Why a CU was withdrawn, and whether its round had been sent out (then it was cancelled). */
function withdrawnNotice(state: CuState): Html {
  const event = state.events.filter((e) => e.kind === 'cu_withdrawn' || e.kind === 'round_cancelled').at(-1);
  const what = event?.kind === 'round_cancelled' ? 'Indberetningen er annulleret' : 'Den centrale udmelding er trukket tilbage';
  return notice(
    html`<strong>${what}.</strong> Begrundelse: ${bdi(event?.note ?? '')}. Kommunerne har fået besked, og links til udmeldingen virker ikke længere; alt, der skete, står i revisionssporet.`,
    'warn',
  );
}
