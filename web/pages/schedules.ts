// Recurring rounds on pages: every template's calendar at a glance, and one template's calendar to
// set, change, pause, resume or run now, with its next rounds and the rounds it made.
import { Router } from 'express';
import type { Udmeld } from '../../app';
import type { AccessOptions } from '../../auth/authenticate';
import { UdmeldError } from '../../domain/errors';
import { bdi, html, type Html } from '../../domain/html';
import type { Caller } from '../../domain/people';
import type { RoundScheduleInput, ScheduleState } from '../../domain/schedules';
import { DISAGREEMENTS, type AgreementReport, type LastRestore } from '../../domain/agreement';
import { respondentName } from '../../domain/municipalities';
import { danishDateTime, MONTHS } from '../../domain/time';
import type { FieldIssue } from '../../domain/zod';
import { errorSummary, fieldId, input, notice, textarea } from '../components';
import { pageRoute, type PageResult } from '../page-route';
import type { Body } from './cu-actions';

const LIST = '/sekretariat/tidsplaner';
const pageOf = (templateId: string) => `/sekretariat/skabeloner/${templateId}/tidsplan`;
const when = (iso: string) => danishDateTime(Date.parse(iso));
const monthsOf = (months: number[]) => months.map((m) => MONTHS[m - 1]).join(' og ');
const LABELS: Record<string, string> = {
  title: 'Titel',
  targetGroup: 'Målgruppe',
  months: 'Måneder',
  day: 'Dag i måneden',
  deadlineDays: 'Respondenternes frist',
  dueDays: 'Rundens frist',
};

function parseScheduleForm(templateId: string, b: Body): RoundScheduleInput {
  const n = (name: string) => (b[name]?.trim() ? Number(b[name]) : Number.NaN);
  return {
    templateId,
    title: b.title ?? '',
    targetGroup: b.targetGroup ?? '',
    months: MONTHS.flatMap((_, i) => (b[`month.${i + 1}`] === 'ja' ? [i + 1] : [])),
    day: n('day'),
    deadlineDays: n('deadlineDays'),
    dueDays: n('dueDays'),
  };
}

type FormValues = Partial<Pick<RoundScheduleInput, 'title' | 'targetGroup' | 'months' | 'day' | 'deadlineDays' | 'dueDays'>>;

function scheduleForm(templateId: string, values: FormValues, issues: FieldIssue[]): Html {
  const chosen = new Set(values.months ?? []);
  const monthsError = issues.find((i) => i.path === 'months' || i.path.startsWith('months.'))?.message;
  return html`<form method="post" action="${pageOf(templateId)}" novalidate>
${input({ path: 'title', label: 'Titel', hint: 'Måned og år tilføjes, fx "Belægningsprocenter, juli 2027".', value: values.title, issues, required: true })}
${textarea({ path: 'targetGroup', label: 'Målgruppe', value: values.targetGroup, issues, required: true })}
<fieldset id="${fieldId('months')}"${monthsError ? html` aria-describedby="${fieldId('months')}-fejl"` : ''}><legend>Måneder</legend>
${monthsError ? html`<p class="error" id="${fieldId('months')}-fejl">${monthsError}</p>` : ''}
<div class="cols">${MONTHS.map(
    (name, i) =>
      html`<div><input type="checkbox" id="${fieldId(`month.${i + 1}`)}" name="month.${i + 1}" value="ja"${chosen.has(i + 1) ? html` checked` : ''}> <label class="choice" for="${fieldId(`month.${i + 1}`)}">${name}</label></div>`,
  )}</div></fieldset>
<div class="cols">
<div>${input({ path: 'day', label: 'Dag i måneden', hint: '1-28; runden laves kl. 8 dansk tid.', value: values.day, inputmode: 'numeric', issues, required: true })}</div>
<div>${input({ path: 'deadlineDays', label: 'Respondenternes frist', hint: 'Dage efter rundens start.', value: values.deadlineDays ?? 30, inputmode: 'numeric', issues, required: true })}</div>
<div>${input({ path: 'dueDays', label: 'Rundens frist', hint: 'Dage efter rundens start.', value: values.dueDays ?? 90, inputmode: 'numeric', issues, required: true })}</div>
</div>
<button type="submit" name="handling" value="gem">Gem tidsplanen</button></form>`;
}

function stateSection(state: ScheduleState): Html {
  const { templateId } = state.schedule;
  const note = html`<input type="hidden" name="note" value="">`;
  return html`<dl class="facts">
<dt>Status</dt><dd>${state.paused ? html`<span class="status warn">På pause</span>` : html`<span class="status ok">Aktiv</span>`}${state.note ? html` ${bdi(state.note)}` : ''}</dd>
<dt>Hvornår</dt><dd>Den ${state.schedule.day}. i ${monthsOf(state.schedule.months)} kl. 8</dd>
<dt>Næste runder</dt><dd>${state.paused ? 'Ingen, mens tidsplanen er på pause' : state.next.slice(0, 3).map((t, i) => html`${i ? ', ' : ''}${when(t)}`)}</dd>
</dl>
<div class="inline-form">
${
  state.paused
    ? html`<form method="post" action="${pageOf(templateId)}">${note}<button type="submit" name="handling" value="genoptag" class="secondary">Genoptag</button></form>`
    : html`<form method="post" action="${pageOf(templateId)}" class="inline-form">${input({ path: 'pauseNote', label: 'Bemærkning til pausen', issues: [] })}<button type="submit" name="handling" value="pause" class="secondary">Sæt på pause</button></form>`
}
<form method="post" action="${pageOf(templateId)}"><button type="submit" name="handling" value="koer" class="secondary">Lav dagens runde nu</button></form>
<form method="post" action="${pageOf(templateId)}"><button type="submit" name="handling" value="slet" class="danger">Slet tidsplanen</button></form>
</div>
${
  state.recent.length
    ? html`<table><caption>Runder, tidsplanen har lavet</caption><thead><tr><th scope="col">Planlagt</th><th scope="col">Startet</th><th scope="col">Workflow</th></tr></thead>
<tbody>${[...state.recent].reverse().map((r) => html`<tr><td>${when(r.scheduledAt)}</td><td>${when(r.startedAt)}</td><td><code>${r.workflowId}</code></td></tr>`)}</tbody></table>`
    : ''
}`;
}

/** What the last restore lost: the messages the journal says went out after the backup was taken. */
function restoreSection(r: LastRestore): Html {
  return html`<h2>Seneste tilbagelægning</h2>
<p>Registreringen og Temporal blev lagt tilbage ${when(r.restoredAt)} fra sikkerhedskopien taget ${when(r.backupTakenAt)}. Det, der skete efter kopien, er ikke i registreringen; e-mailene herunder gik ud i den tid og sendes ikke igen. Svar, der blev kvitteret for her, skal indsendes igen.</p>
${
  r.sentAfterBackup.length
    ? html`<table><caption>${r.sentAfterBackup.length} e-mails sendt efter sikkerhedskopien</caption><thead><tr><th scope="col">Sendt</th><th scope="col">E-mail</th><th scope="col">Udmelding</th><th scope="col">Respondent</th></tr></thead>
<tbody>${r.sentAfterBackup.map((m) => html`<tr><td>${when(m.sentAt)}</td><td>${m.template}</td><td>${m.cuId ? html`<a href="/sekretariat/cu/${m.cuId}">${m.cuId}</a>` : ''}</td><td>${m.municipalityCode ? respondentName(m.municipalityCode) : ''}</td></tr>`)}</tbody></table>`
    : html`<p>Ingen e-mails gik ud efter kopien.</p>`
}`;
}

export function schedulePages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  const only = (handle: Parameters<typeof pageRoute>[2]) => pageRoute(access, ['secretariat'], handle);

  const checkPage = (report: AgreementReport, repaired = false): PageResult => {
    return {
      title: 'Temporal og registreringen',
      body: html`<h1>Er Temporal og registreringen enige?</h1>
<p>${report.cus} åbne udmeldinger og ${report.respondents} åbne respondenter sammenlignet med deres workflows ${when(report.checkedAt)}.
${report.lastScheduled ? html`Den planlagte kontrol kørte senest ${when(report.lastScheduled.checkedAt)} og fandt ${report.lastScheduled.disagreements} uoverensstemmelser.` : 'Den planlagte kontrol har ikke kørt endnu.'}</p>
${
  report.disagreements.length
    ? html`<table><caption>${report.disagreements.length} uoverensstemmelser</caption><thead><tr><th scope="col">Hvad</th><th scope="col">Udmelding</th><th scope="col">Respondent</th><th scope="col">Registreringen</th><th scope="col">Temporal</th></tr></thead>
<tbody>${report.disagreements.map((d) => html`<tr><th scope="row">${DISAGREEMENTS[d.kind]}</th><td><a href="/sekretariat/cu/${d.cuId}">${d.cuId}</a></td><td>${d.code ?? ''}</td><td>${d.record}</td><td>${d.temporal}${d.repaired ? html` <span class="status ok">Repareret</span>` : ''}</td></tr>`)}</tbody></table>
${repaired ? notice(`${report.disagreements.filter((d) => d.repaired).length} repareret: respondenter, hvis workflow manglede eller var afbrudt, er startet igen fra registreringen.`, 'ok') : ''}
<form method="post"><button type="submit">Reparér det, der sikkert kan repareres</button></form>
<p class="hint">Det sikre: en respondent, hvis workflow mangler eller er afbrudt, mens runden er åben, startes igen fra registreringen (den planlagte kontrol gør det selv). En respondent i en lukket runde kan genåbnes fra udmeldingens side, før afrapporteringen godkendes. Andet kræver, at en person ser på det.</p>`
    : notice('Ingen uoverensstemmelser.', 'ok')
}
${report.lastRestore ? restoreSection(report.lastRestore) : ''}`,
    };
  };
  router.get(
    '/sekretariat/kontrol',
    only(async ({ caller }) => checkPage(await app.checkAgreement(caller))),
  );
  router.post(
    '/sekretariat/kontrol',
    only(async ({ caller }) => checkPage(await app.repairAgreement(caller), true)),
  );

  router.get(
    LIST,
    only(async ({ caller }) => {
      const [schedules, templates] = await Promise.all([app.schedules(caller), app.templates(caller)]);
      const nameOf = (id: string) => templates.find((t) => t.id === id)?.name ?? id;
      return {
        title: 'Tidsplaner',
        body: html`<h1>Tidsplaner for runder</h1>
<p>En skabelon på tidsplan laver en runde den valgte dag i de valgte måneder og sender den ud til respondenterne med kontaktregistrets kontaktpersoner. Tidsplanerne ligger i Temporal (<code>temporal schedule list</code>).</p>
${
  schedules.length
    ? html`<table><thead><tr><th scope="col">Skabelon</th><th scope="col">Hvornår</th><th scope="col">Næste runde</th><th scope="col">Status</th></tr></thead><tbody>
${schedules.map(
  (s) =>
    html`<tr><th scope="row"><a href="${pageOf(s.schedule.templateId)}">${bdi(nameOf(s.schedule.templateId))}</a></th><td>Den ${s.schedule.day}. i ${monthsOf(s.schedule.months)}</td><td>${s.paused || !s.next[0] ? '–' : when(s.next[0])}</td><td>${s.paused ? html`<span class="status warn">På pause</span>` : html`<span class="status ok">Aktiv</span>`}</td></tr>`,
)}</tbody></table>`
    : html`<p>Ingen skabeloner er på tidsplan endnu.</p>`
}
<h2>Sæt en skabelon på tidsplan</h2><ul>${templates.map((t) => html`<li><a href="${pageOf(t.id)}">${bdi(t.name)}</a></li>`)}</ul>`,
      };
    }),
  );

  const show = async (
    templateId: string,
    caller: Caller,
    posted?: { values: FormValues; issues: FieldIssue[] },
    message?: Html,
  ): Promise<PageResult> => {
    const template = await app.template(templateId, caller);
    const state = await app.schedule(templateId, caller).catch((err: unknown) => {
      if (err instanceof UdmeldError && err.kind === 'not_found') return undefined;
      throw err;
    });
    const values = posted?.values ?? state?.schedule ?? { title: template.name.replace(/ \(.*\)$/, ''), months: [] };
    const issues = posted?.issues ?? [];
    return {
      title: `Tidsplan: ${template.name}`,
      status: issues.length ? 400 : 200,
      body: html`<p><a href="${LIST}">Alle tidsplaner</a> · <a href="/sekretariat/skabeloner/${templateId}">Skabelonen</a></p>
<h1>Tidsplan: ${bdi(template.name)}</h1>${message ?? ''}${errorSummary(issues, LABELS)}
${state ? stateSection(state) : html`<p>Skabelonen er ikke på tidsplan.</p>`}
<h2>${state ? 'Ret tidsplanen' : 'Sæt på tidsplan'}</h2>
${scheduleForm(templateId, values, issues)}`,
    };
  };

  router.get(
    '/sekretariat/skabeloner/:templateId/tidsplan',
    only(({ req, caller }) => {
      const done = typeof req.query.besked === 'string' ? MESSAGES[req.query.besked] : undefined;
      return show(String(req.params.templateId), caller, undefined, done ? notice(done, 'ok') : undefined);
    }),
  );
  router.post(
    '/sekretariat/skabeloner/:templateId/tidsplan',
    only(async ({ req, caller }) => {
      const templateId = String(req.params.templateId);
      const b = req.body as Body;
      const action = b.handling ?? '';
      const here = (besked: string) => ({ redirect: `${pageOf(templateId)}?besked=${besked}` });
      if (action === 'pause') return (await app.pauseSchedule(templateId, { note: b.pauseNote ?? '' }, caller), here('pause'));
      if (action === 'genoptag') return (await app.resumeSchedule(templateId, {}, caller), here('genoptaget'));
      if (action === 'koer') return (await app.runScheduleNow(templateId, caller), here('koert'));
      if (action === 'slet') return (await app.deleteSchedule(templateId, caller), here('slettet'));
      const values = parseScheduleForm(templateId, b);
      try {
        await app.saveSchedule(values, caller);
        return here('gemt');
      } catch (err) {
        if (err instanceof UdmeldError && err.kind === 'invalid_input') return show(templateId, caller, { values, issues: err.issues });
        throw err;
      }
    }),
  );
  return router;
}

const MESSAGES: Record<string, string> = {
  gemt: 'Tidsplanen er gemt.',
  pause: 'Tidsplanen er sat på pause.',
  genoptaget: 'Tidsplanen er genoptaget.',
  koert: 'Dagens runde laves nu; den står på listen over centrale udmeldinger om et øjeblik.',
  slettet: 'Tidsplanen er slettet. Runder, den har lavet, består.',
};
