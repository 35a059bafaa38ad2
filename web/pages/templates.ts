// The secretariat's templates: the list, a new one, one template with its versions, and beside each
// form the questionnaire exactly as a respondent sees it, to fill in and try (nothing is stored).
import { Router } from 'express';
import type { Udmeld } from '../../app';
import type { AccessOptions } from '../../auth/authenticate';
import { UdmeldError } from '../../domain/errors';
import { bdi, html, type Html } from '../../domain/html';
import type { Caller } from '../../domain/people';
import { BLANK_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { CENTRAL_NOTICE_PROCESS } from '../../domain/cu';
import type { Questionnaire } from '../../domain/questionnaire';
import type { Template } from '../../domain/templates';
import type { FieldIssue } from '../../domain/zod';
import { answerForm, attachmentQuestionOf, parseAnswerForm, questionLabels, takesFiles } from '../answer-form';
import { readMultipart } from '../multipart';
import { MAX_ATTACHMENT_BYTES } from '../../domain/attachments';
import { dateTime, errorSummary, notice } from '../components';
import { pageRoute, type PageResult } from '../page-route';
import { editQuestionnaire } from '../questionnaire-form';
import { parseTemplateForm, TEMPLATE_LABELS, templateForm, templateIssues, type TemplateDraft } from '../template-form';
import type { Body } from './cu-actions';

const LIST = '/sekretariat/skabeloner';
const href = (id: string, version?: number) => `${LIST}/${id}${version ? `?version=${version}` : ''}`;

/** The questionnaire as a respondent sees it, in a form of its own that posts to the try-out. */
function preview(
  questionnaire: Questionnaire,
  tried: { values?: Record<string, unknown>; issues?: FieldIssue[]; extraRows?: Record<string, number>; ok?: boolean } = {},
  back?: string,
): Html {
  const issues = tried.issues ?? [];
  return html`<section class="preview" aria-labelledby="forhaandsvisning"><h2 id="forhaandsvisning">Forhåndsvisning: sådan ser kommunerne skemaet</h2>
<p class="hint">Udfyld og prøv at indsende, som en kommune ville. Intet gemmes.</p>
${tried.ok ? notice('Besvarelsen ville blive modtaget.', 'ok') : ''}${errorSummary(issues, questionLabels(questionnaire, issues))}
<form method="post" action="${LIST}/proev" novalidate${takesFiles(questionnaire) ? html` enctype="multipart/form-data"` : ''}>
<input type="hidden" name="skema" value="${JSON.stringify(questionnaire)}">${back ? html`<input type="hidden" name="tilbage" value="${back}">` : ''}
<p class="hint">Felter uden "(valgfri)" skal udfyldes, før besvarelsen kan indsendes. En kladde kan gemmes når som helst.</p>
${answerForm(questionnaire, tried.values ?? {}, issues, tried.extraRows)}
<button type="submit" name="handling" value="proev">Prøv at indsende</button>
</form></section>`;
}

function editorPage(draft: TemplateDraft, issues: FieldIssue[], at: { template?: Template; message?: Html }): PageResult {
  const { template } = at;
  const title = template ? template.name : 'Ny skabelon';
  const versions = template?.versions ?? [];
  return {
    title,
    status: issues.length ? 400 : 200,
    body: html`<p><a href="${LIST}">Alle skabeloner</a></p><h1>${bdi(title)}</h1>${at.message ?? ''}
${
  template
    ? html`<p>Version ${template.version} af ${versions.length}${template.builtin ? ' · indbygget' : ''}, gemt ${dateTime(template.updatedAt)} af ${bdi(template.updatedBy)}. <a class="button secondary" href="/sekretariat/ny?skabelon=${template.id}">Start en runde fra skabelonen</a> <a class="button secondary" href="/sekretariat/skabeloner/${template.id}/tidsplan">Tidsplan</a></p>`
    : ''
}
${errorSummary(templateIssues(issues), TEMPLATE_LABELS)}
<form method="post" novalidate>${templateForm(draft, issues, { editId: !template })}
<p><button type="submit" name="handling" value="gem">${template ? 'Gem som ny version' : 'Opret skabelon'}</button>
<button type="submit" class="secondary" name="handling" value="vis">Opdatér forhåndsvisningen</button></p></form>
${preview(draft.questionnaire, {}, template ? href(template.id) : undefined)}
${
  template && versions.length > 1
    ? html`<h2>Versioner</h2><table><thead><tr><th scope="col">Version</th><th scope="col">Gemt</th><th scope="col">Af</th></tr></thead><tbody>${[
        ...versions,
      ]
        .reverse()
        .map(
          (v) =>
            html`<tr><td><a href="${href(template.id, v.version)}"${v.version === template.version ? html` aria-current="true"` : ''}>Version ${v.version}</a></td><td>${dateTime(v.createdAt)}</td><td>${bdi(v.createdBy)}</td></tr>`,
        )}</tbody></table><p class="hint">At gemme en ældre version gør den til den nyeste. Runder, der er startet fra en version, beholder deres spørgeskema.</p>`
    : ''
}`,
  };
}

const draftOf = (t: Template): TemplateDraft => ({
  name: t.name,
  description: t.description,
  process: t.process,
  questionnaire: structuredClone(t.questionnaire),
});

export function templatePages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  const only = (handle: Parameters<typeof pageRoute>[2]) => pageRoute(access, ['secretariat'], handle);

  router.get(
    LIST,
    only(async ({ caller, req }) => {
      const templates = await app.templates(caller);
      return {
        title: 'Skabeloner',
        body: html`<h1>Skabeloner</h1>${req.query.besked === 'gemt' ? notice('Skabelonen er gemt.', 'ok') : ''}
<p>En runde starter fra en skabelon: dens spørgeskema og forløbet efter indberetningen. Hver ændring gemmes som en ny version.</p>
<p><a class="button" href="${LIST}/ny">Ny skabelon</a></p>
<table><thead><tr><th scope="col">Skabelon</th><th scope="col">Version</th><th scope="col">Gemt</th><th scope="col"><span class="visually-hidden">Handling</span></th></tr></thead><tbody>
${templates.map(
  (
    t,
  ) => html`<tr><td><a href="${href(t.id)}">${bdi(t.name)}</a>${t.builtin ? html` <span class="status muted">Indbygget</span>` : ''}<br><span class="hint">${bdi(t.description)}</span></td>
<td>${t.version}</td><td>${dateTime(t.updatedAt)}<br><span class="hint">${bdi(t.updatedBy)}</span></td>
<td><a href="/sekretariat/ny?skabelon=${t.id}">Start runde<span class="visually-hidden">: ${bdi(t.name)}</span></a></td></tr>`,
)}</tbody></table>`,
      };
    }),
  );

  const blank = (): TemplateDraft => ({
    id: '',
    name: '',
    description: '',
    process: CENTRAL_NOTICE_PROCESS,
    questionnaire: structuredClone(BLANK_QUESTIONNAIRE),
  });
  router.get(
    `${LIST}/ny`,
    only(() => Promise.resolve(editorPage(blank(), [], {}))),
  );

  /** Saves (create or new version), or redraws after an add/remove or a preview. */
  const post = (save: (draft: TemplateDraft, caller: Caller) => Promise<Template>, template?: (caller: Caller) => Promise<Template>) =>
    only(async ({ req, caller }) => {
      const body = req.body as Body;
      const { draft, issues } = parseTemplateForm(body);
      const at = template ? { template: await template(caller) } : {};
      const action = body.handling ?? '';
      if (action !== 'gem' && action !== 'vis') return editorPage(editQuestionnaire(draft, action), [], at);
      if (action === 'vis' || issues.length) return editorPage(draft, issues, at);
      try {
        const saved = await save(draft, caller);
        return { redirect: `${href(saved.id)}?besked=gemt` };
      } catch (err) {
        if (err instanceof UdmeldError && (err.kind === 'invalid_input' || err.kind === 'conflict')) {
          return editorPage(draft, err.issues.length ? err.issues : [{ path: 'name', message: err.message }], at);
        }
        throw err;
      }
    });

  router.post(
    `${LIST}/ny`,
    post(({ id, ...body }, caller) => app.createTemplate({ id: id ?? '', ...body }, caller)),
  );

  // Before the template's own address, which would take "proev" for an id.
  router.post(
    `${LIST}/proev`,
    only(async ({ req, caller }) => {
      const multipart = req.is('multipart/form-data')
        ? await readMultipart(req, { files: 20, fileSize: MAX_ATTACHMENT_BYTES, fields: 5000, fieldSize: 200_000 })
        : undefined;
      const body = multipart?.fields ?? (req.body as Body);
      const files = (multipart?.files ?? []).flatMap((f) => {
        const questionId = attachmentQuestionOf(f.field);
        return questionId && (f.bytes.length || f.tooLarge) ? [{ questionId, name: f.name, bytes: f.bytes, tooLarge: f.tooLarge }] : [];
      });
      let questionnaire: unknown;
      try {
        questionnaire = JSON.parse(body.skema ?? '');
      } catch {
        throw new UdmeldError('invalid_input', 'Skemaet kunne ikke læses', [{ path: 'skema', message: 'Ikke gyldig JSON' }]);
      }
      const back = /^\/sekretariat\/skabeloner\/[a-z0-9-]{1,40}$/.test(body.tilbage ?? '') ? body.tilbage : undefined;
      const checked = app.tryQuestionnaire({ questionnaire }, caller).questionnaire;
      const values = parseAnswerForm(checked, body);
      const [verb, questionId = '', index] = (body.handling ?? '').split(':');
      let tried: Parameters<typeof preview>[1];
      if (verb === 'tilfoej' || verb === 'fjern') {
        const rows = [...((values[questionId] as unknown[] | undefined) ?? [])];
        if (verb === 'fjern') rows.splice(Number(index), 1);
        tried = { values: { ...values, [questionId]: rows }, extraRows: { [questionId]: verb === 'tilfoej' ? 1 : 0 } };
      } else {
        const result = app.tryQuestionnaire({ questionnaire: checked, values, files }, caller);
        tried = { values: result.values, issues: result.issues, ok: result.issues.length === 0 };
      }
      return {
        title: 'Forhåndsvisning',
        body: html`<p><a href="${back ?? LIST}">${back ? 'Tilbage til skabelonen' : 'Alle skabeloner'}</a></p>${preview(checked, tried, back)}`,
      };
    }),
  );
  const templateId = (params: Record<string, string>) => String(params.templateId);
  router.get(
    `${LIST}/:templateId`,
    only(async ({ req, caller }) => {
      const version = typeof req.query.version === 'string' && /^\d{1,7}$/.test(req.query.version) ? Number(req.query.version) : undefined;
      const template = await app.template(templateId(req.params as Record<string, string>), caller, version);
      const newest = template.versions.at(-1)?.version;
      const message =
        req.query.besked === 'gemt'
          ? notice('Skabelonen er gemt.', 'ok')
          : version && version !== newest
            ? notice(html`Du ser version ${version}. Den nyeste er version ${newest}.`, 'warn')
            : undefined;
      return editorPage(draftOf(template), [], { template, ...(message ? { message } : {}) });
    }),
  );
  router.post(`${LIST}/:templateId`, (req, res, next) => {
    const id = templateId(req.params);
    return post(
      (draft, caller) =>
        app.saveTemplate(
          id,
          { name: draft.name, description: draft.description, process: draft.process, questionnaire: draft.questionnaire },
          caller,
        ),
      (caller) => app.template(id, caller),
    )(req, res, next);
  });

  return router;
}
