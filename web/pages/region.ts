// Regionsrådet's page for one CU, opened from the personal link in the council request: the approved
// report to download and the regional council's decision to record.
import { Router } from 'express';
import { withinScope } from '../../domain/people';
import { type AccessOptions } from '../../auth/authenticate';
import { UdmeldError } from '../../domain/errors';
import type { Udmeld } from '../../app';
import { REGION_COUNCIL } from '../../domain/commands';
import { CU_PHASES } from '../../domain/cu-process';
import { REGIONS } from '../../domain/municipalities';
import type { FieldIssue } from '../../domain/zod';
import { COUNCIL_ACTION, COUNCIL_FIELDS, councilSection, parseCouncilForm } from '../council-form';
import { errorSummary, notice } from '../components';
import { bdi, html, type Html } from '../../domain/html';
import { pageRoute, type PageContext } from '../page-route';

const regionPath = (cuId: string) => `/region/${cuId}`;

export function regionPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();

  const show = async ({ req, caller }: PageContext, posted?: { issues: FieldIssue[]; message?: Html }) => {
    const cuId = ownCu((req.params as Record<string, string>).cuId, caller);
    const cu = await app.ownCu(cuId, { council: REGION_COUNCIL }, caller);
    const council = cu.councils[REGION_COUNCIL];
    const renewal = cu.renewedBy.at(-1);
    return {
      title: `Regionsrådet – ${cu.cu.title}`,
      status: posted?.issues.length ? 400 : 200,
      body: html`<h1>${bdi(cu.cu.title)}<br><small>Regionsrådets behandling, ${REGIONS[cu.cu.regionCode]}</small></h1>
${req.query.raad ? notice('Beslutningen er registreret.', 'ok') : ''}${posted?.message ?? ''}
${errorSummary(posted?.issues ?? [], COUNCIL_FIELDS)}
${renewal ? notice(html`<strong>Udmeldingen er sendt til fornyet behandling.</strong> Regionsrådet får en ny anmodning, når den nye afrapportering er godkendt regionalt. Denne side viser den afsluttede behandling.`, 'warn') : ''}
<dl class="facts"><dt>Fase</dt><dd>${CU_PHASES[cu.phase]}</dd></dl>
${council ? councilSection(cuId, council, posted?.issues) : notice('Afrapporteringen er ikke sendt til politisk behandling endnu.')}`,
    };
  };

  router.get(
    '/region/:cuId',
    pageRoute(access, ['region', 'secretariat'], (ctx) => show(ctx)),
  );

  router.post(
    '/region/:cuId',
    pageRoute(access, ['region', 'secretariat'], async (ctx) => {
      const cuId = ownCu((ctx.req.params as Record<string, string>).cuId, ctx.caller);
      const body = ctx.req.body as Record<string, string>;
      try {
        if (body.handling !== COUNCIL_ACTION) throw new UdmeldError('invalid_input', 'Ukendt handling');
        await app.recordCouncilDecision(cuId, REGION_COUNCIL, parseCouncilForm(body), ctx.caller);
        return { redirect: `${regionPath(cuId)}?raad=1` };
      } catch (err) {
        if (err instanceof UdmeldError && (err.kind === 'invalid_input' || err.kind === 'invalid_state')) {
          return show(ctx, { issues: err.issues, ...(err.issues.length ? {} : { message: notice(err.message, 'warn') }) });
        }
        throw err;
      }
    }),
  );
  return router;
}

function ownCu(cuId: string | undefined, caller: PageContext['caller']): string {
  if (!cuId || !withinScope(caller, { cuId, council: REGION_COUNCIL }))
    throw new UdmeldError('not_found', 'Dit link giver kun adgang til regionsrådets behandling af sin egen udmelding');
  return cuId;
}
