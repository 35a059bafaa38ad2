// A municipality's answer: its page's data, drafts and submissions, and what the secretariat does
// about it (extension, revision, excuse).
import { answerBody, excuseBody, extendDeadlineBody, requestRevisionBody } from '../../app/answers';
import type { Udmeld } from '../../app';
import { route, type Route } from '../route';
import { municipalityParams } from './params';
import { answerChangesSchema, municipalityAckSchema, municipalityViewSchema } from '../../domain/views';

const TAG = 'Kommunens besvarelse';
const path = (action: string) => `/api/cus/:cuId/municipalities/:code/${action}`;

export function answerRoutes(app: Udmeld): Route[] {
  return [
    route('readMunicipality', {
      method: 'get',
      path: '/api/cus/:cuId/municipalities/:code',
      tag: TAG,
      summary: 'Spørgeskemaet, kommunens kladde og svar, frist og eventuel revisionskommentar',
      params: municipalityParams,
      response: municipalityViewSchema,
      handle: ({ params, caller }) => app.municipality(params.cuId, params.code, caller),
    }),
    route('saveDraft', {
      method: 'put',
      path: path('draft'),
      tag: TAG,
      summary: 'Gem en kladde (alt må mangle, men det udfyldte skal være gyldigt)',
      params: municipalityParams,
      body: answerBody,
      example: { values: { antal: 42, identifikation: 'Via sagsbehandlingssystemet og praktiserende læger' } },
      idempotent: true,
      response: municipalityAckSchema,
      handle: ({ params, body, caller, updateId }) => app.saveDraft(params.cuId, params.code, body, caller, updateId),
    }),
    route('saveDraft', {
      method: 'post',
      path: path('draft/from-last-period'),
      tag: TAG,
      summary: 'Kopiér sidste periodes svar ind som kladde (fra forrige runde af samme skabelon): det, der passer til dette spørgeskema',
      params: municipalityParams,
      idempotent: true,
      response: municipalityAckSchema,
      handle: ({ params, caller, updateId }) => app.copyPreviousAnswer(params.cuId, params.code, caller, updateId),
    }),
    route('readMunicipality', {
      method: 'get',
      path: path('changes'),
      tag: TAG,
      summary: 'Hvad der er ændret i svaret (eller kladden) i forhold til sidste periodes svar',
      params: municipalityParams,
      response: answerChangesSchema,
      handle: ({ params, caller }) => app.answerChanges(params.cuId, params.code, caller),
    }),
    route('submitAnswer', {
      method: 'post',
      path: path('submission'),
      tag: TAG,
      summary: 'Indsend kommunens besvarelse',
      params: municipalityParams,
      body: answerBody,
      example: { values: { antal: 42, identifikation: 'Via sagsbehandlingssystemet og praktiserende læger' } },
      idempotent: true,
      response: municipalityAckSchema,
      handle: ({ params, body, caller, updateId }) => app.submitAnswer(params.cuId, params.code, body, caller, updateId),
    }),
    route('extendDeadline', {
      method: 'post',
      path: path('extension'),
      tag: TAG,
      summary: 'Forlæng kommunens frist (påmindelserne flytter med)',
      params: municipalityParams,
      body: extendDeadlineBody,
      example: { deadline: '2027-03-15', reason: 'Kommunalbestyrelsen behandler svaret på sit næste møde' },
      idempotent: true,
      response: municipalityAckSchema,
      handle: ({ params, body, caller, updateId }) => app.extendDeadline(params.cuId, params.code, body, caller, updateId),
    }),
    route('requestRevision', {
      method: 'post',
      path: path('revision'),
      tag: TAG,
      summary: 'Bed kommunen om at revidere sit svar, med en kommentar',
      params: municipalityParams,
      body: requestRevisionBody,
      example: { comment: 'Angiv også antallet for 2025.', deadline: '2027-03-08' },
      idempotent: true,
      response: municipalityAckSchema,
      handle: ({ params, body, caller, updateId }) => app.requestRevision(params.cuId, params.code, body, caller, updateId),
    }),
    route('excuseMunicipality', {
      method: 'post',
      path: path('excuse'),
      tag: TAG,
      summary: 'Frita kommunen for at indberette',
      params: municipalityParams,
      body: excuseBody,
      example: { reason: 'Kommunen har ingen borgere i målgruppen og har meddelt det skriftligt' },
      idempotent: true,
      response: municipalityAckSchema,
      handle: ({ params, body, caller, updateId }) => app.excuseMunicipality(params.cuId, params.code, body, caller, updateId),
    }),
  ];
}
