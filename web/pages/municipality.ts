// The municipal contact's page: the questionnaire with drafts, inline validation and the services
// table, submission with a receipt, the revision comment, and later the council's decision. Once the
// CU is renewed and the renewal's round is out, an old link leads on into the renewal.
import { respondentGenitive, respondentName } from '../../domain/municipalities';
import { Router } from 'express';
import type { Udmeld } from '../../app';
import type { AccessOptions } from '../../auth/authenticate';
import { UdmeldError } from '../../domain/errors';
import { bdi, html, type Html } from '../../domain/html';
import { withinScope } from '../../domain/people';
import { overdueDays } from '../../domain/time';
import { municipalityCodeSchema, type FieldIssue } from '../../domain/zod';
import {
  answerForm,
  answerSummary,
  attachmentField,
  attachmentQuestionOf,
  parseAnswerForm,
  questionLabels,
  takesFiles,
} from '../answer-form';
import { readMultipart, type PostedFile } from '../multipart';
import { MAX_ATTACHMENT_BYTES } from '../../domain/attachments';
import { date, dateTime, errorSummary, input, notice, statusBadge } from '../components';
import { COUNCIL_ACTION, COUNCIL_FIELDS, councilSection, parseCouncilForm } from '../council-form';
import { pageRoute, type PageContext } from '../page-route';
import type { AnswerChanges, PreviousAnswer } from '../../domain/views';

const AWAITING = ['invited', 'draft', 'revision_requested'];

export function municipalityPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  const path = '/kommune/:cuId/:code';
  const show = async (
    { req, caller }: PageContext,
    posted?: { values: Record<string, unknown>; issues: FieldIssue[]; message?: Html; extraRows?: Record<string, number> },
  ) => {
    const { cuId, code } = target(req.params as Record<string, string>);
    if (!withinScope(caller, { cuId, code }))
      throw new UdmeldError('not_found', 'Dit link giver kun adgang til din egen kommunes besvarelse');
    const [view, cu] = await Promise.all([app.municipality(cuId, code, caller), app.ownCu(cuId, { code }, caller)]);
    const council = cu.phase === 'political' ? cu.councils[code] : undefined;
    const renewal = cu.renewedBy.at(-1);
    const forward = renewal && (await app.renewalLink(cuId, code, caller));
    if (forward) return { redirect: forward };
    const awaiting = AWAITING.includes(view.status) && !view.closed;
    const values = posted?.values ?? view.draft?.values ?? view.answer?.values ?? {};
    const flash = req.query.gemt
      ? notice('Kladden er gemt.', 'ok')
      : req.query.indsendt
        ? notice(html`<strong>Tak – besvarelsen er modtaget.</strong> Kommunen får en kvittering på e-mail.`, 'ok')
        : req.query.raad
          ? notice('Beslutningen er registreret.', 'ok')
          : req.query.excel
            ? notice('Excel-filen er indlæst som kladde. Se den igennem, og indsend.', 'ok')
            : req.query.kopieret
              ? notice('Sidste periodes svar er kopieret ind som kladde. Ret det, der har ændret sig, og indsend.', 'ok')
              : '';
    const changes = view.previous ? await app.answerChanges(cuId, code, caller) : undefined;
    const overdue = overdueDays(view.deadline, Date.now());
    return {
      title: `${respondentName(code)} – ${view.cuTitle}`,
      status: posted?.issues.length ? 400 : 200,
      body: html`<h1>${bdi(view.cuTitle)}<br><small>${respondentGenitive(code)} besvarelse</small></h1>
${flash}${posted?.message ?? ''}
${renewal ? notice(html`<strong>Udmeldingen er sendt til fornyet behandling.</strong> Kommunen får en ny invitation med sit eget link, når sekretariatet sender den nye runde ud. Denne side viser den afsluttede behandling.`, 'warn') : ''}
${cu.renewalOf && req.query.fra === 'tidligere' ? notice(html`Linket var til den tidligere behandling af udmeldingen. Det fører nu hertil: den fornyede behandling, som kommunen skal besvare.`) : ''}
${errorSummary(posted?.issues ?? [], { ...questionLabels(view.questionnaire, posted?.issues), ...COUNCIL_FIELDS })}
<section id="status" data-live aria-labelledby="status-titel">
<h2 id="status-titel">Status</h2>
<dl class="facts">
<dt>Status</dt><dd>${statusBadge(view.status)}</dd>
<dt>Frist</dt><dd>${date(view.deadline)}${awaiting && overdue > 0 ? html` <span class="status err">overskredet med ${overdue} ${overdue === 1 ? 'dag' : 'dage'}</span>` : ''}</dd>
${view.draftSavedAt ? html`<dt>Kladde gemt</dt><dd>${dateTime(view.draftSavedAt)}</dd>` : ''}
${view.answer ? html`<dt>Indsendt</dt><dd>${dateTime(view.answer.submittedAt)}${view.answer.version > 1 ? ` (version ${view.answer.version})` : ''}</dd>` : ''}
</dl>
${view.revision ? notice(html`<strong>Sekretariatet beder om en revision:</strong> ${bdi(view.revision.comment)}`, 'warn') : ''}
${view.status === 'excused' ? notice(html`Kommunen er fritaget for at indberette. ${bdi(view.excuse?.reason)}`) : ''}
${view.status === 'not_submitted' ? notice('Fristen er endeligt udløbet, og kommunen er registreret som ikke indsendt. Kontakt sekretariatet, hvis I stadig vil bidrage.', 'warn') : ''}
</section>
${view.previous ? lastPeriod(view.previous, awaiting, changes) : ''}
${awaiting ? inExcel(cuId, code, posted?.issues ?? []) : ''}
${
  awaiting
    ? html`<form method="post" novalidate${takesFiles(view.questionnaire) ? html` enctype="multipart/form-data"` : ''}>
<p class="hint">Felter uden "(valgfri)" skal udfyldes, før besvarelsen kan indsendes. En kladde kan gemmes når som helst.</p>
${answerForm(view.questionnaire, values, posted?.issues ?? [], posted?.extraRows)}
<button type="submit" name="handling" value="kladde" class="secondary">Gem kladde</button>
<button type="submit" name="handling" value="indsend">Indsend besvarelse</button>
</form>`
    : view.answer
      ? html`<h2>${respondentGenitive(code)} besvarelse</h2>${answerSummary(view.questionnaire, view.answer.values)}`
      : ''
}
${council ? councilSection(cuId, council, posted?.issues) : ''}`,
    };
  };

  router.get(
    path,
    pageRoute(access, ['municipality', 'secretariat'], (ctx) => show(ctx)),
  );

  router.post(
    path,
    pageRoute(access, ['municipality', 'secretariat'], async (ctx) => {
      const { cuId, code } = target(ctx.req.params as Record<string, string>);
      if (!withinScope(ctx.caller, { cuId, code })) throw new UdmeldError('not_found', 'Ukendt besvarelse');
      const { body, issues: fileIssues, excel: excelFile } = await formWithFiles(app, ctx, cuId, code);
      const action = String(body.handling ?? '');
      const here = `/kommune/${cuId}/${code}`;
      try {
        if (action === 'excel') {
          if (fileIssues.length) throw new UdmeldError('invalid_input', 'Filen er for stor', fileIssues);
          await app
            .importAnswerWorkbook(cuId, code, excelFile?.bytes.length ? excelFile.bytes : undefined, ctx.caller)
            .catch((err: unknown) => {
              if (!(err instanceof UdmeldError)) throw err;
              throw new UdmeldError(
                err.kind,
                err.message,
                err.issues.map((i) => (i.path === 'file' ? { ...i, path: EXCEL_FIELD } : i)),
              );
            });
          return { redirect: `${here}?excel=1` };
        }
        if (action === 'kopier') {
          await app.copyPreviousAnswer(cuId, code, ctx.caller);
          return { redirect: `${here}?kopieret=1` };
        }
        if (action === COUNCIL_ACTION) {
          await app.recordCouncilDecision(cuId, code, parseCouncilForm(body), ctx.caller);
          return { redirect: `${here}?raad=1` };
        }
        const view = await app.municipality(cuId, code, ctx.caller);
        const values = parseAnswerForm(view.questionnaire, body);
        if (fileIssues.length) return show(ctx, { values, issues: fileIssues });
        const [verb, questionId = '', index] = action.split(':');
        if (verb === 'tilfoej' || verb === 'fjern') {
          const rows = [...((values[questionId] as unknown[]) ?? [])];
          if (verb === 'fjern') rows.splice(Number(index), 1);
          return show(ctx, {
            values: { ...values, [questionId]: rows },
            issues: [],
            extraRows: { [questionId]: verb === 'tilfoej' ? 1 : 0 },
          });
        }
        if (action === 'indsend') await app.submitAnswer(cuId, code, { values }, ctx.caller);
        else await app.saveDraft(cuId, code, { values }, ctx.caller);
        return { redirect: `${here}?${action === 'indsend' ? 'indsendt' : 'gemt'}=1` };
      } catch (err) {
        if (err instanceof UdmeldError && (err.kind === 'invalid_input' || err.kind === 'invalid_state')) {
          const view = await app.municipality(cuId, code, ctx.caller);
          const values = action === COUNCIL_ACTION ? undefined : parseAnswerForm(view.questionnaire, body);
          return show(ctx, {
            values: values ?? view.draft?.values ?? {},
            issues: err.issues.length ? err.issues : [],
            message: err.issues.length ? undefined : notice(err.message, 'warn'),
          });
        }
        throw err;
      }
    }),
  );
  return router;
}

function target(params: Record<string, string>): { cuId: string; code: string } {
  const code = municipalityCodeSchema.safeParse(params.code);
  if (!code.success) throw new UdmeldError('not_found', 'Ukendt kommune');
  return { cuId: params.cuId ?? '', code: code.data };
}

/** Last period's answer: to read, to copy in while the round is open, and what changed against it. */
function lastPeriod(previous: PreviousAnswer, awaiting: boolean, changes?: AnswerChanges): Html {
  const compared = changes?.compared === 'draft' ? 'kladden' : 'svaret';
  return html`<section aria-labelledby="sidst"><h2 id="sidst">Sidste periode</h2>
<p>Svaret på "${bdi(previous.cuTitle)}", indsendt ${dateTime(previous.submittedAt)}.</p>
<details><summary>Vis sidste periodes svar</summary>${answerSummary(previous.questionnaire, previous.values)}</details>
${
  awaiting
    ? html`<form method="post"><button type="submit" name="handling" value="kopier" class="secondary">Kopiér sidste periodes svar ind som kladde</button>
<span class="hint">Det, der passer til dette skema, kopieres; en kladde, I har nu, erstattes.</span></form>`
    : ''
}
${
  changes && changes.compared !== 'nothing'
    ? changes.changes.length
      ? html`<table><caption>Ændret i ${compared} siden sidste periode (${changes.changes.length})</caption>
<thead><tr><th scope="col">Spørgsmål</th><th scope="col">Hvad</th><th scope="col">Sidste periode</th><th scope="col">Nu</th></tr></thead>
<tbody>${changes.changes.map(
          (c) =>
            html`<tr><th scope="row">${bdi(c.label)}</th><td>${c.row ? html`${bdi(c.row)}${c.column ? html`: ${bdi(c.column)}` : ''} ` : ''}${CHANGE_WORDS[c.change]}</td><td>${bdi(c.before)}</td><td>${bdi(c.after)}</td></tr>`,
        )}</tbody></table>`
      : html`<p>Intet er ændret i ${compared} siden sidste periode.</p>`
    : ''
}</section>`;
}

const CHANGE_WORDS = { changed: 'ændret', added: 'ny', removed: 'fjernet' } as const;

/**
 * The posted form; with files (a form with attachment questions is multipart), each file chosen is
 * uploaded first, and the answer then names it as the question's file.
 */
async function formWithFiles(
  app: Udmeld,
  ctx: PageContext,
  cuId: string,
  code: string,
): Promise<{ body: Record<string, string>; issues: FieldIssue[]; excel?: PostedFile }> {
  if (!ctx.req.is('multipart/form-data')) return { body: ctx.req.body as Record<string, string>, issues: [] };
  const { fields, files } = await readMultipart(ctx.req, { files: 20, fileSize: MAX_ATTACHMENT_BYTES, fields: 5000, fieldSize: 100_000 });
  const issues: FieldIssue[] = [];
  const excel = files.find((f) => f.field === EXCEL_FIELD);
  if (excel?.tooLarge) issues.push({ path: EXCEL_FIELD, message: 'Filen er for stor' });
  for (const file of files) {
    const questionId = attachmentQuestionOf(file.field);
    if (!questionId || (file.bytes.length === 0 && !file.tooLarge)) continue;
    const path = `values.${questionId}`;
    if (file.tooLarge) {
      issues.push({ path, message: 'Filen er for stor (højst 20 MB)' });
      continue;
    }
    try {
      const ref = await app.uploadAttachment(cuId, code, { question: questionId, name: file.name || 'fil' }, file.bytes, ctx.caller);
      fields[attachmentField(questionId).kept] = JSON.stringify(ref);
    } catch (err) {
      if (!(err instanceof UdmeldError) || err.kind !== 'invalid_input') throw err;
      issues.push({ path, message: err.issues[0]?.message ?? err.message });
    }
  }
  return { body: fields, issues, ...(excel ? { excel } : {}) };
}

const EXCEL_FIELD = 'excel';

/** The answer in Excel: the workbook to fill in, and reading it back as the draft. */
function inExcel(cuId: string, code: string, issues: FieldIssue[]): Html {
  return html`<details${issues.some((i) => i.path === EXCEL_FIELD) ? html` open` : ''}><summary>Udfyld i Excel</summary>
<p>Hent skemaet som Excel-fil med et ark til spørgsmålene og et ark pr. tabel, udfyld det, og indlæs det her. Det indlæste gemmes som kladde og kontrolleres som alt andet; vedhæftede filer og tilbudslisten udfyldes på siden.</p>
<p><a class="button secondary" href="/api/cus/${cuId}/municipalities/${code}/answer.xlsx">Hent skemaet som Excel</a></p>
<form method="post" enctype="multipart/form-data" novalidate>
${input({ path: EXCEL_FIELD, label: 'Udfyldt Excel-fil', type: 'file', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', issues })}
<button type="submit" name="handling" value="excel" class="secondary">Indlæs fra Excel</button></form></details>`;
}
