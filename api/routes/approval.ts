// The report's approval: summaries, the draft into the round's approval chain, each step's decision
// (one route for every step), the councils' decisions and deadlines, submission.
import { councilDeadlineBody, councilDecisionBody, editReportBody, stepDecisionBody } from '../../app/approval';
import type { Udmeld } from '../../app';
import { route, type Route } from '../route';
import { councilParams, cuParams, noBody, stepParams } from './params';
import { cuAckSchema } from '../../domain/views';

const TAG = 'Godkendelse';

export function approvalRoutes(app: Udmeld): Route[] {
  return [
    route('editReport', {
      method: 'put',
      path: '/api/cus/:cuId/report/summaries',
      tag: TAG,
      summary:
        'Redigér afrapporteringens sammenfatninger pr. tema, og vurderingen (nøglen "vurdering"), mens udkastet skrives eller er hos Økonomisk arbejdsgruppe',
      params: cuParams,
      body: editReportBody,
      example: { summaries: { identifikation: 'Kommunerne identificerer borgerne via sagsbehandlingen.' } },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.editReport(params.cuId, body, caller, updateId),
    }),
    route('sendForApproval', {
      method: 'post',
      path: '/api/cus/:cuId/approval',
      tag: TAG,
      summary: 'Send afrapporteringen ind i godkendelsesforløbet: til første trin i rundens kæde (fx Forretningsudvalget)',
      params: cuParams,
      body: noBody,
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, caller, updateId }) => app.sendForApproval(params.cuId, caller, updateId),
    }),
    route('recordStepDecision', {
      method: 'post',
      path: '/api/cus/:cuId/steps/:step/decision',
      tag: TAG,
      summary:
        'Registrér et trins beslutning (fu, forum, k22, kkr): med trinnets egne ord, dato, bemærkninger, og om den er truffet på møde eller pr. e-mail; sidste trin sætter fristen for den politiske behandling',
      params: stepParams,
      body: stepDecisionBody,
      example: { decision: 'approved', date: '2027-04-20', remarks: 'Godkendt uden bemærkninger', via: 'meeting' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.recordStepDecision(params.cuId, params.step, body, caller, updateId),
    }),
    route('recordCouncilDecision', {
      method: 'post',
      path: '/api/cus/:cuId/councils/:council/decision',
      tag: TAG,
      summary: 'Registrér en kommunalbestyrelses eller regionsrådets beslutning',
      params: councilParams,
      body: councilDecisionBody,
      example: { decision: 'approved', date: '2027-05-18', remarks: '' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.recordCouncilDecision(params.cuId, params.council, body, caller, updateId),
    }),
    route('extendCouncilDeadline', {
      method: 'post',
      path: '/api/cus/:cuId/councils/:council/deadline',
      tag: TAG,
      summary: 'Forlæng fristen for en kommunalbestyrelses eller regionsrådets beslutning',
      params: councilParams,
      body: councilDeadlineBody,
      example: { deadline: '2027-06-30' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.extendCouncilDeadline(params.cuId, params.council, body, caller, updateId),
    }),
    route('submitReport', {
      method: 'post',
      path: '/api/cus/:cuId/submit',
      tag: TAG,
      summary: 'Indsend afrapporteringen til Social- og Boligstyrelsen',
      params: cuParams,
      body: noBody,
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, caller, updateId }) => app.submitReport(params.cuId, caller, updateId),
    }),
  ];
}
