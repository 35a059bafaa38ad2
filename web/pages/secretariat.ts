// The secretariat's pages: CUs, registering one with its questionnaire, and one CU's page that
// follows its phase (web/pages/cu-page.ts), whose forms carry out their actions (cu-actions.ts).
import { Router } from 'express';
import type { Udmeld } from '../../app';
import { cuDefinitionSchema } from '../../app/cu';
import type { AccessOptions } from '../../auth/authenticate';
import { parseOrThrow, UdmeldError } from '../../domain/errors';
import { bdi, html } from '../../domain/html';
import type { FieldIssue } from '../../domain/zod';
import { errorSummary } from '../components';
import { overviewTable } from '../cu-parts';
import { pageRoute } from '../page-route';
import { CU_LABELS, cuForm, editQuestionnaire, emptyCu, formIssues, parseCuForm, type CuDraft } from '../questionnaire-form';
import { processInWords, type Template, type TemplateSummary } from '../../domain/templates';
import type { Caller } from '../../domain/people';
import { processSteps } from '../template-form';
import { act, previewTiming, type Body } from './cu-actions';
import { cuBody, type LaunchPreview } from './cu-page';

export function secretariatPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  const only = (handle: Parameters<typeof pageRoute>[2]) => pageRoute(access, ['secretariat'], handle);

  router.get(
    '/sekretariat',
    only(async ({ caller }) => ({
      title: 'Centrale udmeldinger',
      body: html`<h1>Centrale udmeldinger</h1><p><a class="button" href="/sekretariat/ny">Registrér en central udmelding</a></p>
<div id="liste" data-live>${overviewTable(await app.overview({}, caller), (id) => `/sekretariat/cu/${id}`)}</div>`,
    })),
  );

  /** The round's template, carried in hidden fields from the choice on GET to the registration. */
  type From = { template?: Template };
  const registerPage = (draft: CuDraft, issues: FieldIssue[], { template }: From, templates: TemplateSummary[]) => ({
    title: 'Ny runde',
    status: issues.length ? 400 : 200,
    body: html`<h1>Registrér en central udmelding eller en anden runde</h1>${errorSummary(formIssues(issues), CU_LABELS)}
<nav aria-label="Skabeloner" class="choices"><p>Start fra en skabelon:</p><ul>${templates.map(
      (t) =>
        html`<li><a href="/sekretariat/ny?skabelon=${t.id}"${t.id === template?.id ? html` aria-current="true"` : ''}>${bdi(t.name)}</a></li>`,
    )}</ul></nav>
${
  template
    ? html`<p>Skabelon: <strong>${bdi(template.name)}</strong> (version ${template.version}). Efter indberetningen: ${processSteps(template.process)}; ${processInWords(template.process)}.</p>`
    : ''
}
<form method="post" novalidate>${
      template
        ? html`<input type="hidden" name="template.id" value="${template.id}"><input type="hidden" name="template.version" value="${template.version}">`
        : ''
    }${cuForm(draft, issues, { editId: true })}<p><button type="submit" name="handling" value="gem">Registrér</button></p></form>`,
  });
  const chosen = async (id: string | undefined, version: string | undefined, caller: Caller): Promise<From> =>
    id ? { template: await app.template(id, caller, version ? Number(version) : undefined) } : {};

  router.get(
    '/sekretariat/ny',
    only(async ({ req, caller }) => {
      const from = await chosen(typeof req.query.skabelon === 'string' ? req.query.skabelon : undefined, undefined, caller);
      const draft = from.template ? { questionnaire: structuredClone(from.template.questionnaire) } : emptyCu();
      return registerPage(draft, [], from, await app.templates(caller));
    }),
  );
  router.post(
    '/sekretariat/ny',
    only(async ({ req, caller }) => {
      const body = req.body as Body;
      const from = await chosen(body['template.id'], body['template.version'], caller);
      const templates = await app.templates(caller);
      let draft: CuDraft = { questionnaire: from.template?.questionnaire ?? emptyCu().questionnaire };
      try {
        draft = parseCuForm(body);
        if (body.handling !== 'gem') return registerPage(editQuestionnaire(draft, body.handling ?? ''), [], from, templates);
        const template = from.template ? { template: { id: from.template.id, version: from.template.version } } : {};
        await app.registerCu({ ...parseOrThrow(cuDefinitionSchema, draft), process: undefined, ...template }, caller);
        return { redirect: `/sekretariat/cu/${draft.id}?besked=registreret` };
      } catch (err) {
        if (err instanceof UdmeldError && err.kind === 'invalid_input') {
          return registerPage(
            draft,
            err.issues.length
              ? err.issues.map((x) => ({ ...x, path: x.path.replace(/^cu\./, '') }))
              : [{ path: 'id', message: err.message }],
            from,
            templates,
          );
        }
        if (err instanceof UdmeldError && err.kind === 'conflict')
          return registerPage(draft, [{ path: 'id', message: err.message }], from, templates);
        throw err;
      }
    }),
  );

  const cuPage = only(async ({ req, caller }) => {
    const cuId = String(req.params.cuId);
    let outcome: { issues: FieldIssue[]; message?: string; form?: string; preview?: LaunchPreview } | undefined;
    if (req.method === 'POST') {
      const body = req.body as Body;
      try {
        if (body.handling === 'tidsplan-forlaeng') {
          const preview = await app.previewExtension(cuId, { deadline: body['runde.deadline'] ?? '' }, caller);
          const state = await app.fullCu(cuId, caller);
          return { title: state.cu.title, body: await cuBody(app, caller, state, req, { issues: [], form: 'forlaeng-runde', preview }) };
        }
        if (body.handling === 'tidsplan') {
          const state = await app.fullCu(cuId, caller);
          const preview = await app.previewLaunch(cuId, previewTiming(body, state.cu.regionCode), caller);
          return { title: state.cu.title, body: await cuBody(app, caller, state, req, { issues: [], form: 'udsend', preview }) };
        }
        const done = await act(app, cuId, body, caller);
        const renewed = /^fornyet:(.+)$/.exec(done)?.[1];
        return {
          redirect: renewed
            ? `/sekretariat/cu/${encodeURIComponent(renewed)}?besked=fornyet`
            : `/sekretariat/cu/${cuId}?besked=${encodeURIComponent(done)}`,
        };
      } catch (err) {
        if (!(err instanceof UdmeldError) || !['invalid_input', 'invalid_state', 'conflict'].includes(err.kind)) throw err;
        outcome = { issues: err.issues, form: String(body.handling ?? ''), ...(err.issues.length ? {} : { message: err.message }) };
      }
    }
    const state = await app.fullCu(cuId, caller);
    return { title: state.cu.title, status: outcome ? 400 : 200, body: await cuBody(app, caller, state, req, outcome) };
  });
  router.get('/sekretariat/cu/:cuId', cuPage);
  router.post('/sekretariat/cu/:cuId', cuPage);
  return router;
}
