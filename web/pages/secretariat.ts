// The secretariat's pages: CUs, registering one with its questionnaire, and one CU's page that
// follows its phase (web/pages/cu-page.ts), whose forms carry out their actions (cu-actions.ts).
import { Router } from 'express';
import type { Udmeld } from '../../app';
import { cuDefinitionSchema } from '../../app/cu';
import type { AccessOptions } from '../../auth/authenticate';
import { parseOrThrow, UdmeldError } from '../../domain/errors';
import { html } from '../../domain/html';
import type { FieldIssue } from '../../domain/zod';
import { errorSummary } from '../components';
import { overviewTable } from '../cu-parts';
import { pageRoute } from '../page-route';
import { CU_LABELS, cuForm, editQuestionnaire, emptyCu, formPath, parseCuForm, type CuDraft } from '../questionnaire-form';
import { act, type Body } from './cu-actions';
import { cuBody } from './cu-page';

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
    only(() => Promise.resolve(registerPage(emptyCu(), []))),
  );
  router.post(
    '/sekretariat/ny',
    only(async ({ req, caller }) => {
      const body = req.body as Body;
      const draft = parseCuForm(body);
      if (body.handling !== 'gem') return registerPage(editQuestionnaire(draft, body.handling ?? ''), []);
      try {
        await app.registerCu(parseOrThrow(cuDefinitionSchema, draft), caller);
        return { redirect: `/sekretariat/cu/${draft.id}?besked=registreret` };
      } catch (err) {
        if (err instanceof UdmeldError && err.kind === 'invalid_input') {
          return registerPage(
            draft,
            err.issues.length
              ? err.issues.map((x) => ({ ...x, path: x.path.replace(/^cu\./, '') }))
              : [{ path: 'id', message: err.message }],
          );
        }
        if (err instanceof UdmeldError && err.kind === 'conflict') return registerPage(draft, [{ path: 'id', message: err.message }]);
        throw err;
      }
    }),
  );

  const cuPage = only(async ({ req, caller }) => {
    const cuId = String(req.params.cuId);
    let outcome: { issues: FieldIssue[]; message?: string; form?: string } | undefined;
    if (req.method === 'POST') {
      const body = req.body as Body;
      try {
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
