// A municipality's answer: its page's data, drafts and submissions, and what the secretariat does
// about it (extension, revision, excuse).
import { answerBody, attachmentQuery, excuseBody, extendDeadlineBody, requestRevisionBody } from '../../app/answers';
import { ATTACHMENT_MEDIA_TYPES, ATTACHMENT_REF, MAX_ATTACHMENT_BYTES } from '../../domain/attachments';
import { z } from '../../domain/zod';
import type { Udmeld } from '../../app';
import { file, route, type Route } from '../route';
import { MEDIA } from '../../app/downloads';
import { municipalityParams } from './params';
import { answerChangesSchema, attachmentRefSchema, municipalityAckSchema, municipalityViewSchema } from '../../domain/views';

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
    route('saveDraft', {
      method: 'post',
      path: path('attachments'),
      tag: TAG,
      summary:
        'Upload en fil til et spørgsmål med vedhæftet fil (PDF, DOCX eller XLSX, højst 20 MB; typen afgøres af indholdet). Svaret nævner derefter filen ved den reference, der kommer tilbage',
      params: municipalityParams,
      query: attachmentQuery,
      upload: { mediaTypes: [...ATTACHMENT_MEDIA_TYPES, 'application/octet-stream'], maxBytes: MAX_ATTACHMENT_BYTES },
      created: true,
      response: attachmentRefSchema,
      handle: ({ params, query, file, caller }) => app.uploadAttachment(params.cuId, params.code, query, file, caller),
    }),
    route('readMunicipality', {
      method: 'get',
      path: path('answer.xlsx'),
      tag: TAG,
      summary:
        'Besvarelsen (kladden, ellers det indsendte svar) som Excel i skemaets opsætning: et ark med spørgsmålene og et ark pr. tabel',
      params: municipalityParams,
      response: file(MEDIA.xlsx),
      handle: ({ params, caller }) => app.answerWorkbook(params.cuId, params.code, caller),
    }),
    route('saveDraft', {
      method: 'post',
      path: path('draft/xlsx'),
      tag: TAG,
      summary: 'Indlæs en udfyldt Excel-fil (som den hentes fra answer.xlsx) som kladde; den kontrolleres som enhver kladde',
      params: municipalityParams,
      upload: { mediaTypes: [MEDIA.xlsx, 'application/octet-stream'], maxBytes: 5 * 1024 * 1024 },
      idempotent: true,
      response: municipalityAckSchema,
      handle: ({ params, file, caller, updateId }) => app.importAnswerWorkbook(params.cuId, params.code, file, caller, updateId),
    }),
    route('readMunicipality', {
      method: 'get',
      path: path('attachments/:ref'),
      tag: TAG,
      summary: 'En fil, som besvarelsen har vedhæftet',
      params: municipalityParams.extend({ ref: z.string().regex(ATTACHMENT_REF) }),
      response: file(...ATTACHMENT_MEDIA_TYPES),
      handle: ({ params, caller }) => app.attachment(params.cuId, params.code, params.ref, caller),
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
