// The secretariat's pages: CUs, registering one with its questionnaire, and
// one CU's page that follows its phase: launch, round board, report, approvals, submission.
import { Router, type Request } from 'express';
import { actorLabel } from '../../domain/actors';
import type { AccessOptions, Caller } from '../../api/access';
import { parseOrThrow, UdmeldError } from '../../client/errors';
import { APPROVAL_STEPS, DECIDED_VIA, GENERIC_STEPS, isApprovalStep, stepAfter, type GenericStep } from '../../domain/approval-chain';
import {
  councilDecisionBody,
  extendRoundBody,
  forumDecisionBody,
  kkrDecisionBody,
  moveNationalDeadlineBody,
  reopenMunicipalityBody,
  stepDecisionBody,
  withdrawBody,
} from '../../domain/commands';
import { renewalRequestBody, type Udmeld } from '../../client/udmeld';
import type { Config } from '../../config';
import { cuDefinitionSchema, DECISION_LABELS, DECISIONS } from '../../domain/cu';
import { municipalitiesOfRegion, municipality } from '../../domain/municipalities';
import { commandAllowed, CU_PHASES } from '../../domain/cu-process';
import { AWAITING } from '../../domain/municipality-process';
import type { CuRecord as CuState } from '../../domain/views';
import { addDays, copenhagenDate, overdueDays } from '../../domain/time';
import type { FieldIssue, z } from '../../domain/zod';
import { reportModel } from '../../report/model';
import { csvSheets } from '../../report/answers-export';
import * as msg from '../../workflows/messages';
import { date, dateTime, errorSummary, fieldId, input, notice, select, statusBadge, textarea } from '../components';
import { contactFields, contactsFromForm } from '../contact-fields';
import { overviewTable, stepDecisionForm, timeline } from '../cu-parts';
import { bdi, html, type Html } from '../html';
import { pageRoute } from '../page-route';
import { CU_LABELS, cuForm, editQuestionnaire, emptyCu, formPath, parseCuForm, type CuDraft } from '../questionnaire-form';

type Body = Record<string, string>;

export function secretariatPages(udmeld: Udmeld, access: AccessOptions, config: Config): Router {
  const router = Router();
  const only = (handle: Parameters<typeof pageRoute>[2]) => pageRoute(access, ['secretariat'], handle);

  router.get(
    '/sekretariat',
    only(async () => ({
      title: 'Centrale udmeldinger',
      body: html`<h1>Centrale udmeldinger</h1><p><a class="button" href="/sekretariat/ny">Registrér en central udmelding</a></p>
<div id="liste" data-live>${overviewTable(await udmeld.overview(), (id) => `/sekretariat/cu/${id}`)}</div>`,
    })),
  );

  const registerPage = (draft: CuDraft, issues: FieldIssue[]) => ({
    title: 'Ny central udmelding',
    status: issues.length ? 400 : 200,
    body: html`<h1>Registrér en central udmelding</h1>${errorSummary(
      issues.map((x) => ({ ...x, path: formPath(x.path) })),
      CU_LABELS,
    )}
<form method="post" novalidate>${cuForm(draft, issues, { editId: true })}<p><button type="submit" name="handling" value="gem">Registrér</button></p></form>`,
  });
  router.get(
    '/sekretariat/ny',
    only(async () => registerPage(emptyCu(), [])),
  );
  router.post(
    '/sekretariat/ny',
    only(async ({ req, caller }) => {
      const body = req.body as Body;
      const draft = parseCuForm(body);
      if (body.handling !== 'gem') return registerPage(editQuestionnaire(draft, body.handling ?? ''), []);
      try {
        await udmeld.registerCu({ cu: draft, by: caller.actor });
        return { redirect: `/sekretariat/cu/${draft.id}?besked=registreret` };
      } catch (err) {
        if (err instanceof UdmeldError && err.kind !== 'unavailable') {
          return registerPage(
            draft,
            err.issues.length
              ? err.issues.map((x) => ({ ...x, path: x.path.replace(/^cu\./, '') }))
              : [{ path: 'id', message: err.message }],
          );
        }
        throw err;
      }
    }),
  );

  const cuPage = only(async ({ req, caller }) => {
    const cuId = String(req.params.cuId);
    let outcome: { issues: FieldIssue[]; message?: string; form?: string } | undefined;
    if (req.method === 'POST') {
      try {
        const done = await act(udmeld, config, cuId, req, caller);
        const renewed = /^fornyet:(.+)$/.exec(done)?.[1];
        return {
          redirect: renewed
            ? `/sekretariat/cu/${encodeURIComponent(renewed)}?besked=fornyet`
            : `/sekretariat/cu/${cuId}?besked=${encodeURIComponent(done)}`,
        };
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind === 'unavailable' || err.kind === 'not_found') throw err;
        outcome = {
          issues: err.issues,
          form: String((req.body as Body).handling ?? ''),
          ...(err.issues.length ? {} : { message: err.message }),
        };
      }
    }
    const state = await udmeld.status(cuId);
    return { title: state.cu.title, status: outcome ? 400 : 200, body: await cuBody(udmeld, state, req, outcome) };
  });
  router.get('/sekretariat/cu/:cuId', cuPage);
  router.post('/sekretariat/cu/:cuId', cuPage);
  return router;
}

const MESSAGES: Record<string, string> = {
  registreret: 'Den centrale udmelding er registreret.',
  fornyet: 'Den fornyede behandling er registreret. Send den ud til kommunerne herunder.',
  rettet: 'Den centrale udmelding er rettet.',
  udsendt: 'Indberetningen er sendt ud til kommunerne.',
  forlaenget: 'Fristen er forlænget, og kommunen har fået besked.',
  trukket: 'Den centrale udmelding er trukket tilbage; kommunerne har fået besked.',
  gensendt: 'E-mailen er sendt igen til kommunens kontaktpersoner.',
  genaabnet: 'Kommunen er genåbnet og har fået besked. Afrapporteringen dannes igen, når kommunen har svaret.',
  kontakter: 'Kontaktpersonerne er skiftet; nye kontaktpersoner har fået invitationen.',
  runde: 'Hele indberetningen er forlænget; kommuner, der endnu ikke har svaret, får besked.',
  nationalfrist: 'Den nationale frist er flyttet.',
  revision: 'Kommunen er bedt om en revision.',
  fritaget: 'Kommunen er fritaget.',
  lukket: 'Indberetningen er lukket.',
  gemt: 'Sammenfatningerne er gemt.',
  forum: 'Afrapporteringen er sendt videre i godkendelsesforløbet.',
  forumbeslutning: 'Forummets beslutning er registreret.',
  trin: 'Beslutningen er registreret.',
  kkr: 'KKR’s beslutning er registreret.',
  raad: 'Beslutningen er registreret.',
  indsendt: 'Afrapporteringen er sendt til Social- og Boligstyrelsen.',
};

/** The forms for the whole round: their fields' names carry a prefix, as a municipality's row's carry its code. */
const FORM_PREFIXES: Record<string, string> = {
  'forlaeng-runde': 'runde',
  'national-frist': 'national',
  forny: 'forny',
  'traek-tilbage': 'traek',
};

/** Carries out one form's action; returns the key of the message to show. */
async function act(udmeld: Udmeld, config: Config, cuId: string, req: Request, caller: Caller): Promise<string> {
  const b = req.body as Body;
  const by = caller.actor;
  const [action, code] = String(b.handling ?? '').split(':');
  switch (action) {
    case 'ret': {
      const draft = parseCuForm(b);
      // Possibly incomplete on purpose: the workflow's validator names each missing field.
      await udmeld.cuUpdate(cuId, msg.editCu, { cu: { ...draft, id: cuId } as z.input<typeof cuDefinitionSchema>, by });
      return 'rettet';
    }
    case 'udsend': {
      const state = await udmeld.status(cuId);
      const chosen = municipalitiesOfRegion(state.cu.regionCode).filter((c) => b[`kommune.${c}`] === 'ja');
      if (chosen.length === 0)
        throw new UdmeldError('invalid_input', 'Vælg kommuner', [{ path: 'kommuner', message: 'Vælg mindst én kommune' }]);
      const days = (b.reminderDays ?? '')
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number);
      const launch = {
        municipalities: chosen,
        deadline: b.deadline ?? '',
        reminders: { daysBefore: days, overdueEveryDays: Number(b.overdueEveryDays) },
        hardStopDaysAfterDeadline: Number(b.hardStop),
        addresses: config.addresses,
        baseUrl: config.http.publicUrl,
        by,
      };
      try {
        await udmeld.launchFromRegister(cuId, launch);
      } catch (err) {
        // The register's gaps belong to the municipality's checkbox on this page.
        if (err instanceof UdmeldError) {
          err.issues.forEach((i) => {
            const code = /^contacts\.(\d{4})$/.exec(i.path)?.[1];
            if (code) Object.assign(i, { path: `kommune.${code}`, message: `${municipality(code).name}: ${i.message}` });
          });
        }
        throw err;
      }
      return 'udsendt';
    }
    case 'forlaeng':
      await udmeld.municipalityUpdate(cuId, code!, msg.extendDeadline, {
        deadline: b[`${code}.deadline`] ?? '',
        reason: b[`${code}.reason`] ?? '',
        by,
      });
      return 'forlaenget';
    case 'revision':
      await udmeld.municipalityUpdate(cuId, code!, msg.requestRevision, { comment: b[`${code}.comment`] ?? '', by });
      return 'revision';
    case 'frita':
      await udmeld.municipalityUpdate(cuId, code!, msg.excuseMunicipality, { reason: b[`${code}.reason`] ?? '', by });
      return 'fritaget';
    case 'forlaeng-runde':
      await udmeld.cuUpdate(cuId, msg.extendRound, {
        ...parseOrThrow(extendRoundBody, { deadline: b['runde.deadline'] ?? '', reason: b['runde.reason'] ?? '' }),
        by,
      });
      return 'runde';
    case 'national-frist':
      await udmeld.cuUpdate(cuId, msg.moveNationalDeadline, {
        ...parseOrThrow(moveNationalDeadlineBody, {
          nationalDeadline: b['national.nationalDeadline'] ?? '',
          reason: b['national.reason'] ?? '',
        }),
        by,
      });
      return 'nationalfrist';
    case 'kontakter': {
      await udmeld.changeRoundContacts(cuId, code!, contactsFromForm(b, code!), by);
      return 'kontakter';
    }
    case 'genaabn':
      await udmeld.reopenMunicipality(
        cuId,
        code!,
        parseOrThrow(reopenMunicipalityBody, { deadline: b[`${code}.deadline`] ?? '', reason: b[`${code}.reason`] ?? '' }),
        by,
      );
      return 'genaabnet';
    case 'gensend-invitation':
    case 'gensend-paamindelse':
      await udmeld.cuUpdate(cuId, msg.resendToMunicipality, {
        municipalityCode: code!,
        what: action === 'gensend-invitation' ? 'invitation' : 'reminder',
        by,
      });
      return 'gensendt';
    case 'traek-tilbage':
      await udmeld.cuUpdate(cuId, msg.withdrawCu, { ...parseOrThrow(withdrawBody, { reason: b['traek.reason'] ?? '' }), by });
      return 'trukket';
    case 'luk':
      await udmeld.cuUpdate(cuId, msg.closeReporting, { by });
      return 'lukket';
    case 'sammenfatning':
    case 'forum': {
      const state = await udmeld.status(cuId);
      const summaries = Object.fromEntries(state.cu.questionnaire.themes.map((t) => [t.id, b[`summary.${t.id}`] ?? '']));
      await udmeld.cuUpdate(cuId, msg.editReport, { summaries, by });
      if (action === 'sammenfatning') return 'gemt';
      await udmeld.cuUpdate(cuId, msg.sendToForum, { by });
      return 'forum';
    }
    case 'forumbeslutning':
      await udmeld.cuUpdate(cuId, msg.recordForumDecision, {
        ...parseOrThrow(forumDecisionBody, { decision: b.decision, comment: b.comment ?? '', via: b.via }),
        by,
      });
      return 'forumbeslutning';
    case 'kkr':
      const kkr = parseOrThrow(kkrDecisionBody, {
        decision: b.decision,
        date: b.date ?? '',
        remarks: b.remarks ?? '',
        via: b.via,
        ...(b.councilDeadline ? { councilDeadline: b.councilDeadline } : {}),
      });
      await udmeld.cuUpdate(cuId, msg.recordKkrDecision, { ...kkr, by });
      return 'kkr';
    case 'raad':
      const decision = parseOrThrow(councilDecisionBody, {
        decision: b[`${code}.decision`],
        date: b[`${code}.date`] ?? '',
        remarks: b[`${code}.remarks`] ?? '',
      });
      await udmeld.cuUpdate(cuId, msg.recordCouncilDecision, { ...decision, council: code!, by });
      return 'raad';
    case 'trin': {
      const step = GENERIC_STEPS.find((s) => s === b.trin);
      if (!step) throw new UdmeldError('invalid_input', 'Ukendt trin', [{ path: 'trin', message: 'Ukendt trin i godkendelsesforløbet' }]);
      const decision = parseOrThrow(stepDecisionBody, {
        decision: b.decision,
        date: b.date ?? '',
        via: b.via,
        remarks: b.remarks ?? '',
        ...(b.councilDeadline ? { councilDeadline: b.councilDeadline } : {}),
      });
      await udmeld.cuUpdate(cuId, msg.recordStepDecision, { ...decision, step, by });
      return 'trin';
    }
    case 'forny': {
      const renewal = parseOrThrow(renewalRequestBody, {
        reason: b['forny.reason'] ?? '',
        issuedOn: b['forny.issuedOn'] ?? '',
        nationalDeadline: b['forny.nationalDeadline'] ?? '',
      });
      const renewed = await udmeld.startRenewedTreatment(cuId, { ...renewal, by });
      return `fornyet:${renewed.cu.id}`;
    }
    case 'indsend':
      await udmeld.cuUpdate(cuId, msg.submitReport, { by });
      return 'indsendt';
    default:
      throw new UdmeldError('invalid_input', 'Ukendt handling');
  }
}

async function cuBody(
  udmeld: Udmeld,
  state: CuState,
  req: Request,
  outcome?: { issues: FieldIssue[]; message?: string; form?: string },
): Promise<Html> {
  const cu = state.cu;
  const issues = outcome?.issues ?? [];
  const [form, formCode] = (outcome?.form ?? '').split(':');
  // Errors of a row's form carry that municipality's prefix (a round-wide form's, its own), so they land on the right fields.
  const prefix = formCode ?? FORM_PREFIXES[form ?? ''];
  const rowIssues = prefix ? issues.map((x) => ({ ...x, path: `${prefix}.${x.path}` })) : issues;
  const flash = MESSAGES[String(req.query.besked ?? '')];
  // What a refused form held, so nothing typed is lost.
  const typed = (field: string, fallback: string) =>
    outcome && req.method === 'POST' ? ((req.body as Body)[field] ?? fallback) : fallback;
  const today = copenhagenDate(Date.now());
  const head = html`<h1>${bdi(cu.title)}</h1>
${flash ? notice(flash, 'ok') : ''}${outcome?.message ? notice(outcome.message, 'warn') : ''}${errorSummary(rowIssues)}
<div id="fase" data-live><dl class="facts"><dt>Fase</dt><dd>${CU_PHASES[state.phase]}</dd><dt>Målgruppe</dt><dd>${bdi(cu.targetGroup)}</dd>
<dt>Udmeldt</dt><dd>${date(cu.issuedOn)}</dd><dt>National frist</dt><dd>${date(cu.nationalDeadline)}</dd>
${state.round ? html`<dt>Kommunernes frist</dt><dd>${date(state.round.deadline)}</dd>` : ''}
${state.renewalOf ? html`<dt>Fornyet behandling af</dt><dd><a href="/sekretariat/cu/${state.renewalOf.cuId}">${state.renewalOf.cuId}</a></dd>` : ''}
${state.renewedBy.length ? html`<dt>Sendt til fornyet behandling</dt><dd>${state.renewedBy.map((id, i) => html`${i ? ', ' : ''}<a href="/sekretariat/cu/${id}">${id}</a>`)}</dd>` : ''}</dl></div>
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
    const contacts = await udmeld.contacts();
    const codes = municipalitiesOfRegion(cu.regionCode);
    return html`${head}
<h2>Send indberetningen ud</h2>
<form method="post" novalidate>
<fieldset id="${fieldId('kommuner')}"><legend>Kommuner</legend>
${codes.map((c) => html`<div><input type="checkbox" id="${fieldId(`kommune.${c}`)}" name="kommune.${c}" value="ja" checked> <label for="${fieldId(`kommune.${c}`)}" class="choice">${municipality(c).name}${contacts[c] ? '' : html` <span class="status err">mangler kontaktperson</span>`}</label></div>`)}
</fieldset>
${input({ path: 'deadline', label: 'Kommunernes frist', type: 'date', value: addDays(today, 90), issues, required: true, hint: 'Fristen gælder til og med dagen (dansk tid).' })}
${input({ path: 'reminderDays', label: 'Påmindelser, antal dage før fristen', value: '14, 7, 2', issues, required: true })}
${input({ path: 'overdueEveryDays', label: 'Rykker hver n. dag efter fristen', value: 3, inputmode: 'numeric', issues, required: true })}
${input({ path: 'hardStop', label: 'Endelig lukning, dage efter fristen', value: 30, inputmode: 'numeric', issues, required: true })}
<button type="submit" name="handling" value="udsend">Send ud til kommunerne</button>
</form>
<h2>Ret den centrale udmelding</h2>
<details><summary>Ret titel, frister og spørgeskema</summary><form method="post" novalidate>${cuForm({ ...cu }, form === 'ret' ? issues : [])}<p><button type="submit" name="handling" value="ret">Gem ændringer</button></p></form></details>
${withdrawForm}`;
  }

  const board = html`<h2>Kommunerne</h2>
<div id="tavle" data-live><table><caption>Indberetning fra ${Object.keys(state.municipalities).length} kommuner</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Status</th><th scope="col">Frist</th><th scope="col">Seneste påmindelse</th><th scope="col" class="num">Dage over fristen</th>${state.phase === 'reporting' || state.phase === 'drafting' ? html`<th scope="col">Handlinger</th>` : ''}</tr></thead>
<tbody>${Object.values(state.municipalities)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((m) => {
      const overdue = ['submitted', 'excused'].includes(m.status) ? 0 : overdueDays(m.deadline, Date.now());
      const p = (f: string) => `${m.code}.${f}`;
      return html`<tr><th scope="row">${m.name}</th><td>${statusBadge(m.status)}${m.mailFailures.length ? html`<br><span class="status err">e-mail afvist</span>` : ''}</td><td>${date(m.deadline)}</td>
<td>${m.reminders.length ? dateTime(m.reminders.at(-1)!.at) : '–'}</td><td class="num">${overdue || ''}</td>
${
  state.phase === 'reporting'
    ? html`<td>
<details><summary>Forlæng fristen<span class="visually-hidden"> for ${m.name}</span></summary><form method="post" novalidate>
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
    ? html`<details><summary>Frita<span class="visually-hidden"> ${m.name}</span></summary><form method="post" novalidate>
${input({ path: p('reason'), label: 'Begrundelse', issues: rowIssues, required: true })}
<button type="submit" name="handling" value="frita:${m.code}" class="danger">Frita kommunen</button></form></details>`
    : ''
}
</td>`
    : commandAllowed('reopenMunicipality', state.phase)
      ? html`<td><details${form === 'genaabn' && formCode === m.code ? html` open` : ''}><summary>${m.status === 'submitted' ? 'Genåbn for rettelse' : 'Genåbn for sent svar'}<span class="visually-hidden"> ${m.name}</span></summary><form method="post" novalidate>
<p class="hint">Kommunen får besked og kan svare indtil den nye frist; afrapporteringen dannes igen, når den har svaret.${isApprovalStep(state.phase) ? ` Udkastet trækkes tilbage fra ${APPROVAL_STEPS[state.phase].name}, og godkendelsen begynder forfra, når I sender det igen.` : ''}</p>
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
    state.phase === 'submitted' || state.phase === 'withdrawn'
      ? html``
      : html`<details${form === 'national-frist' ? html` open` : ''}><summary>Flyt den nationale frist</summary><form method="post" novalidate>
${input({ path: 'national.nationalDeadline', label: 'Ny national frist', type: 'date', value: typed('national.nationalDeadline', cu.nationalDeadline), issues: rowIssues, required: true })}
${input({ path: 'national.reason', label: 'Begrundelse', value: typed('national.reason', ''), issues: rowIssues, required: true, hint: 'Fx styrelsens nye frist. Gemmes i revisionssporet.' })}
<button type="submit" name="handling" value="national-frist">Flyt fristen</button></form></details>`;

  if (state.phase === 'reporting') {
    return html`${head}${board}
<h2>Hele indberetningen</h2>
<details${form === 'forlaeng-runde' ? html` open` : ''}><summary>Forlæng fristen for alle kommuner</summary><form method="post" novalidate>
<p class="hint">Alle kommuner, der endnu ikke har svaret (også dem, der er registreret som ikke indsendt), får den nye frist og en e-mail; deres påmindelser flyttes med.</p>
${input({ path: 'runde.deadline', label: 'Ny frist for kommunerne', type: 'date', value: typed('runde.deadline', state.round ? addDays(state.round.deadline, 14) : ''), issues: rowIssues, required: true })}
${input({ path: 'runde.reason', label: 'Begrundelse', value: typed('runde.reason', ''), issues: rowIssues, required: true })}
<button type="submit" name="handling" value="forlaeng-runde">Forlæng for alle</button></form></details>
${nationalForm}
<form method="post"><button type="submit" name="handling" value="luk" class="secondary">Luk indberetningen nu</button>
<span class="hint">Kommuner, der ikke har svaret, registreres som ikke indsendt.</span></form>
${withdrawForm}`;
  }

  if (state.phase === 'withdrawn') return html`${head}${state.round ? board : ''}`;

  const model = reportModel(state);
  const preview = html`<h2>Afrapportering</h2>${downloads}
${
  state.phase === 'drafting'
    ? html`<form method="post" novalidate>
${cu.questionnaire.themes.map((t) => textarea({ path: `summary.${t.id}`, label: `Sammenfatning: ${t.title}`, value: state.report?.summaries[t.id] ?? '', issues }))}
<button type="submit" name="handling" value="sammenfatning" class="secondary">Gem sammenfatninger</button>
<button type="submit" name="handling" value="forum">Gem og send til ${APPROVAL_STEPS[state.chain[0]!].name}</button>
</form>`
    : ''
}
${state.phase === 'drafting' && lastReturn(state) ? notice(html`<strong>Sendt retur af ${lastReturn(state)!.by}:</strong> ${bdi(lastReturn(state)!.comment)}`, 'warn') : ''}
<details><summary>Vis udkastet (${model.sections.length} afsnit)</summary>${model.sections.map((s) => html`<h3>${bdi(s.heading)}</h3>${s.blocks.map((b) => (b.kind === 'table' ? html`<table><caption>${bdi(b.table.caption)}</caption><thead><tr>${b.table.head.map((h) => html`<th scope="col">${bdi(h)}</th>`)}</tr></thead><tbody>${b.table.rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${bdi(c)}</th>` : html`<td>${bdi(c)}</td>`))}</tr>`)}</tbody></table>` : b.kind === 'subheading' ? html`<h4>${bdi(b.text)}</h4>` : html`<p>${bdi(b.text)}</p>`))}`)}</details>`;

  const refused = Object.values(state.councils).filter((c) => c.status === 'rejected');
  const generic = (GENERIC_STEPS as readonly string[]).includes(state.phase) ? (state.phase as GenericStep) : undefined;
  const approvals = html`<h2>Godkendelse</h2>${
    refused.length
      ? html`<div class="notice warn" role="alert"><strong>Ikke godkendt af ${refused.map((c, i) => html`${i ? ', ' : ''}${c.name}`)}.</strong>
<p>Beslutningen og bemærkningerne står i afrapporteringen, der indsendes. Træffer rådet en ny beslutning, mens andre råd endnu ikke har besluttet, registreres den ved rådet nedenfor; ellers kan sekretariatet skrive den i følgebrevet til Social- og Boligstyrelsen.</p></div>`
      : ''
  }${timeline(state)}
${generic ? stepDecisionForm(generic, { issues, today, last: stepAfter(state.chain, generic) === 'political', councilDeadline: addDays(today, 60) }) : ''}
${
  state.phase === 'forum'
    ? html`<form method="post" novalidate><h3>Registrér forummets beslutning</h3>
${select({
  path: 'decision',
  label: 'Beslutning',
  options: [
    ['approved', 'Godkendt'],
    ['returned', 'Sendt retur'],
  ],
  issues,
  required: true,
})}
${select({ path: 'via', label: 'Truffet', options: Object.entries(DECIDED_VIA), issues, required: true })}
${textarea({ path: 'comment', label: 'Bemærkninger', issues })}
<button type="submit" name="handling" value="forumbeslutning">Registrér</button></form>`
    : ''
}
${
  state.phase === 'kkr'
    ? html`<form method="post" novalidate><h3>KKR’s beslutning</h3>
${select({ path: 'decision', label: 'Beslutning', options: DECISIONS.map((d) => [d, DECISION_LABELS[d]]), issues, required: true })}
${input({ path: 'date', label: 'Mødedato', type: 'date', value: today, issues, required: true })}
${select({ path: 'via', label: 'Truffet', options: Object.entries(DECIDED_VIA), issues, required: true })}
${input({ path: 'councilDeadline', label: 'Frist for kommunalbestyrelserne og Regionsrådet', type: 'date', value: addDays(today, 60), issues, required: true })}
${textarea({ path: 'remarks', label: 'Bemærkninger', issues })}
<button type="submit" name="handling" value="kkr">Registrér KKR’s beslutning</button></form>`
    : ''
}
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

  return html`${head}${approvals}${preview}${board}${state.phase === 'submitted' ? '' : html`<h2>Frister</h2>${nationalForm}`}${withdrawForm}`;
}

/** The latest return of the draft to the secretariat (the forum's or a step's), if it is the latest decision. */
function lastReturn(state: CuState): { by: string; comment: string } | undefined {
  const returns = [
    ...state.forum.decisions.map((d) => ({
      at: d.at,
      returned: d.decision === 'returned',
      by: APPROVAL_STEPS.forum.name,
      comment: d.comment,
    })),
    ...state.stepDecisions.map((d) => ({
      at: d.recordedAt,
      returned: d.decision === 'returned',
      by: APPROVAL_STEPS[d.step].name,
      comment: d.remarks,
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : 1));
  const last = returns.at(-1);
  return last?.returned ? { by: last.by, comment: last.comment } : undefined;
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
