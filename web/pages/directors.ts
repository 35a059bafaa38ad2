// The directors' pages: the overview of all CUs, and one CU with its approval chain and the
// forum's approve / return.
import { Router } from 'express';
import type { AccessOptions } from '../../api/access';
import { forDirectors } from '../../api/directors-view';
import { parseOrThrow, UdmeldError } from '../../client/errors';
import { DECIDED_VIA, stepAfter } from '../../domain/approval-chain';
import { forumDecisionBody, stepDecisionBody } from '../../domain/commands';
import { addDays, copenhagenDate } from '../../domain/time';
import type { Udmeld } from '../../client/udmeld';
import { CU_PHASES } from '../../domain/cu-process';
import * as msg from '../../workflows/messages';
import { date, errorSummary, notice, select, textarea } from '../components';
import { overdueList, overviewTable, stepDecisionForm, timeline } from '../cu-parts';
import { bdi, html } from '../html';
import { pageRoute } from '../page-route';

export function directorPages(udmeld: Udmeld, access: AccessOptions, threshold: number): Router {
  const router = Router();

  router.get(
    '/oversigt',
    pageRoute(access, ['director', 'secretariat'], async () => {
      const items = await udmeld.overview();
      return {
        title: 'Overblik',
        body: html`<h1>Overblik over centrale udmeldinger</h1>
<div id="overblik" data-live>${overviewTable(items, (id) => `/oversigt/cu/${id}`)}<h2>Forsinkede kommuner</h2>${overdueList(items)}</div>`,
      };
    }),
  );

  const detail = pageRoute(access, ['director', 'secretariat'], async ({ req, caller }) => {
    const cuId = String(req.params.cuId);
    const body = req.method === 'POST' ? (req.body as Record<string, string>) : undefined;
    let problem: UdmeldError | undefined;
    if (body) {
      try {
        if (body.trin === 'fu') {
          const decision = parseOrThrow(stepDecisionBody, {
            decision: body.decision,
            date: body.date ?? '',
            via: body.via,
            remarks: body.remarks ?? '',
            ...(body.councilDeadline ? { councilDeadline: body.councilDeadline } : {}),
          });
          await udmeld.cuUpdate(cuId, msg.recordStepDecision, { ...decision, step: 'fu', by: caller.actor });
        } else {
          await udmeld.cuUpdate(cuId, msg.recordForumDecision, {
            ...parseOrThrow(forumDecisionBody, { decision: body.decision, comment: body.comment ?? '', via: body.via }),
            by: caller.actor,
          });
        }
        return { redirect: `/oversigt/cu/${cuId}?besluttet=1` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || (err.kind !== 'invalid_input' && err.kind !== 'invalid_state')) throw err;
        problem = err;
      }
    }
    const state = forDirectors(await udmeld.status(cuId, { answers: false }), threshold);
    const statuses = Object.values(state.municipalities).map((m) => m.status);
    const answered = statuses.filter((s) => s === 'submitted' || s === 'revision_requested').length;
    return {
      title: state.cu.title,
      status: problem ? 400 : 200,
      body: html`<h1>${bdi(state.cu.title)}</h1>
${req.query.besluttet ? notice('Beslutningen er registreret.', 'ok') : ''}
${problem?.issues.length ? errorSummary(problem.issues, { comment: 'Bemærkninger', remarks: 'Bemærkninger', date: 'Dato for beslutningen' }) : problem ? notice(problem.message, 'warn') : ''}
<div id="cu" data-live>
<dl class="facts"><dt>Fase</dt><dd>${CU_PHASES[state.phase]}</dd><dt>Målgruppe</dt><dd>${bdi(state.cu.targetGroup)}</dd>
<dt>Kommunernes frist</dt><dd>${date(state.round?.deadline)}</dd><dt>National frist</dt><dd>${date(state.cu.nationalDeadline)}</dd>
<dt>Indberetning</dt><dd>${answered} af ${statuses.length} kommuner har svaret</dd></dl>
<h2>Godkendelseskæden</h2>
${timeline(state)}
</div>
${state.report ? html`<p><a class="button secondary" href="/api/cus/${state.cu.id}/report.html">Læs afrapporteringen</a> <a class="button secondary" href="/api/cus/${state.cu.id}/report.docx">Hent som Word</a></p>` : ''}
${state.phase === 'fu' ? html`<h2>Forretningsudvalget</h2>${stepDecisionForm('fu', { issues: problem?.issues ?? [], today: copenhagenDate(Date.now()), last: stepAfter(state.chain, 'fu') === 'political', councilDeadline: addDays(copenhagenDate(Date.now()), 60) })}` : ''}
${
  state.phase === 'forum'
    ? html`<h2>Socialdirektørforums beslutning</h2>
<form method="post" novalidate>
${select({ path: 'via', label: 'Truffet', options: Object.entries(DECIDED_VIA), issues: problem?.issues ?? [], required: true, hint: 'En beslutning truffet pr. e-mail mellem møderne registreres som sådan.' })}
${textarea({ path: 'comment', label: 'Bemærkninger', hint: 'Skal udfyldes, hvis afrapporteringen sendes retur.', issues: problem?.issues ?? [] })}
<button type="submit" name="decision" value="approved">Godkend afrapporteringen</button>
<button type="submit" name="decision" value="returned" class="secondary">Send retur til sekretariatet</button>
</form>`
    : ''
}`,
    };
  });
  router.get('/oversigt/cu/:cuId', detail);
  router.post('/oversigt/cu/:cuId', detail);
  return router;
}
