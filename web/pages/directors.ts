// The directors' pages: the overview of all CUs, and one CU with its approval chain and the
// forum's approve / return.
import { Router } from 'express';
import type { Udmeld } from '../../app';
import type { AccessOptions } from '../../auth/authenticate';
import { isApprovalStep, stepAfter, stepRow } from '../../domain/approval-chain';
import { CU_PHASES } from '../../domain/cu-process';
import { UdmeldError } from '../../domain/errors';
import { bdi, html } from '../../domain/html';
import { addDays, copenhagenDate } from '../../domain/time';
import { date, errorSummary, notice } from '../components';
import { overdueList, overviewTable, overviewTimelines, parseStepDecisionForm, stepDecisionForm, timeline } from '../cu-parts';
import { pageRoute } from '../page-route';

export function directorPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();

  router.get(
    '/oversigt',
    pageRoute(access, ['director', 'secretariat'], async ({ caller }) => {
      const items = await app.overviewWithTimelines({}, caller);
      return {
        title: 'Overblik',
        body: html`<h1>Overblik over centrale udmeldinger</h1>
<div id="overblik" data-live>${overviewTable(items, (id) => `/oversigt/cu/${id}`)}<h2>Tidslinjer</h2>
<p class="hint">Grøn: afsluttet, blå: i gang, lys: forventet efter mødekalenderne. En rød streg med udråbstegn: den forventede indsendelse ligger efter den nationale frist.</p>
${overviewTimelines(items)}<h2>Forsinkede kommuner</h2>${overdueList(items)}</div>`,
      };
    }),
  );

  const detail = pageRoute(access, ['director', 'secretariat'], async ({ req, caller }) => {
    const cuId = String(req.params.cuId);
    const body = req.method === 'POST' ? (req.body as Record<string, string>) : undefined;
    let problem: UdmeldError | undefined;
    if (body) {
      try {
        const step = body.trin ?? '';
        if (!isApprovalStep(step)) throw new UdmeldError('invalid_input', 'Ukendt trin i godkendelsesforløbet');
        await app.recordStepDecision(cuId, step, parseStepDecisionForm(body), caller);
        return { redirect: `/oversigt/cu/${cuId}?besluttet=1` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || (err.kind !== 'invalid_input' && err.kind !== 'invalid_state')) throw err;
        problem = err;
      }
    }
    const [state, glance] = await Promise.all([app.directorsView(cuId, caller), app.cuOverview(cuId, caller)]);
    // Its members decide a step that asks them (FU, the forum); the secretariat records the others'.
    const step = isApprovalStep(state.phase) && stepRow(state.phase).audience === 'forum' ? state.phase : undefined;
    const today = copenhagenDate(Date.now());
    const statuses = Object.values(state.municipalities).map((m) => m.status);
    const answered = statuses.filter((s) => s === 'submitted' || s === 'revision_requested').length;
    return {
      title: state.cu.title,
      status: problem ? 400 : 200,
      body: html`<h1>${bdi(state.cu.title)}</h1>
${req.query.besluttet ? notice('Beslutningen er registreret.', 'ok') : ''}
${problem?.issues.length ? errorSummary(problem.issues, { remarks: 'Bemærkninger', date: 'Dato for beslutningen', councilDeadline: 'Frist for den politiske behandling' }) : problem ? notice(problem.message, 'warn') : ''}
<div id="cu" data-live>
<dl class="facts"><dt>Fase</dt><dd>${CU_PHASES[state.phase]}</dd><dt>Målgruppe</dt><dd>${bdi(state.cu.targetGroup)}</dd>
<dt>Kommunernes frist</dt><dd>${date(state.round?.deadline)}</dd><dt>National frist</dt><dd>${date(state.cu.nationalDeadline)}</dd>
<dt>Indberetning</dt><dd>${answered} af ${statuses.length} kommuner har svaret</dd></dl>
${glance.expected ? html`<h2>Tidslinje</h2>${overviewTimelines([glance])}` : ''}
<h2>Godkendelseskæden</h2>
${timeline(state)}
</div>
${state.report ? html`<p><a class="button secondary" href="/api/cus/${state.cu.id}/report.html">Læs afrapporteringen</a> <a class="button secondary" href="/api/cus/${state.cu.id}/report.docx">Hent som Word</a></p>` : ''}
${step ? html`<h2>${stepRow(step).name}</h2>${stepDecisionForm(step, { issues: problem?.issues ?? [], today, last: stepAfter(state.chain, step) === 'political', councilDeadline: addDays(today, 60) })}` : ''}`,
    };
  });
  router.get('/oversigt/cu/:cuId', detail);
  router.post('/oversigt/cu/:cuId', detail);
  return router;
}
