// The reporting round: launch, and the changes while the municipalities report.
import { launchBody, previewBody, previewExtensionBody } from '../../app/cu';
import { bulkExtendBody, bulkRemindBody, extendRoundBody, reopenBody, resendBody } from '../../app/round';
import { z } from '../../domain/zod';
import { municipalContactsSchema } from '../../app/register';
import type { Udmeld } from '../../app';
import { route, type Route } from '../route';
import { cuParams, municipalityParams, noBody } from './params';
import { cuAckSchema } from '../../domain/views';
import { roundProjectionSchema } from '../../domain/projection';

const TAG = 'Indberetning';

export function roundRoutes(app: Udmeld): Route[] {
  return [
    route('launchRound', {
      method: 'post',
      path: '/api/cus/:cuId/launch',
      tag: TAG,
      summary: 'Send indberetningen ud til de valgte kommuner (kontakter fra kontaktregistret)',
      params: cuParams,
      body: launchBody,
      example: { municipalities: ['0461', '0410'], deadline: '2027-03-01' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.launchRound(params.cuId, body, caller, updateId),
    }),
    route('readCu', {
      method: 'post',
      path: '/api/cus/:cuId/launch/preview',
      tag: TAG,
      summary:
        'Tidsplanen, hvis runden blev sendt ud nu med disse værdier (samme krop som launch, plus de arbejdsdage sekretariatet skal bruge til afrapporteringen): invitationer, hver påmindelse på den arbejdsdag, den faktisk sendes, rykkere, endelig lukning; derefter hvert trin i godkendelseskæden ved sit næste møde i mødekalenderen, byrådenes behandling og indsendelsen, og om den nationale frist holder. Intet sendes eller gemmes',
      params: cuParams,
      body: previewBody,
      example: { deadline: '2027-03-01', reminders: { daysBefore: [14, 7, 2], overdueEveryDays: 3 }, draftingWorkingDays: 10 },
      response: roundProjectionSchema,
      handle: ({ params, body, caller }) => app.previewLaunch(params.cuId, body, caller),
    }),
    route('readCu', {
      method: 'post',
      path: '/api/cus/:cuId/extend-round/preview',
      tag: TAG,
      summary:
        'Tidsplanen, hvis hele indberetningen fik denne frist (før forlængelsen gives): de påmindelser, der så går ud, godkendelseskæden ved sine møder, byrådene og indsendelsen, og om den nationale frist holder. Intet sendes eller gemmes',
      params: cuParams,
      body: previewExtensionBody,
      example: { deadline: '2027-04-01' },
      response: roundProjectionSchema,
      handle: ({ params, body, caller }) => app.previewExtension(params.cuId, body, caller),
    }),
    route('extendRound', {
      method: 'post',
      path: '/api/cus/:cuId/extend-round',
      tag: TAG,
      summary: 'Forlæng hele indberetningen: alle kommuner, der endnu ikke har svaret, får den nye frist',
      params: cuParams,
      body: extendRoundBody,
      example: { deadline: '2027-03-22', reason: 'Sommerferie i flere kommuner' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.extendRound(params.cuId, body, caller, updateId),
    }),
    route('closeReporting', {
      method: 'post',
      path: '/api/cus/:cuId/close-reporting',
      tag: TAG,
      summary: 'Luk indberetningen før tid (manglende kommuner registreres som ikke indsendt)',
      params: cuParams,
      body: noBody,
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, caller, updateId }) => app.closeReporting(params.cuId, caller, updateId),
    }),
    route('changeRoundContacts', {
      method: 'put',
      path: '/api/cus/:cuId/municipalities/:code/contacts',
      tag: TAG,
      summary: 'Skift en kommunes kontaktpersoner i en igangværende indberetning: nye får invitationen, fjernede mister deres links her',
      params: municipalityParams,
      body: municipalContactsSchema,
      example: { contacts: [{ name: 'Karen Kontakt', email: 'karen@odense.dk' }], directorEmail: 'direktor@odense.dk' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.changeRoundContacts(params.cuId, params.code, body, caller, updateId),
    }),
    route('reopenMunicipality', {
      method: 'post',
      path: '/api/cus/:cuId/municipalities/:code/reopen',
      tag: TAG,
      summary:
        'Genåbn en kommune efter indberetningen er lukket (sent svar eller rettelse), før afrapporteringen sendes videre; rapporten dannes igen, når kommunen har svaret',
      params: municipalityParams,
      body: reopenBody,
      example: { deadline: '2027-04-01', reason: 'Kommunen har fundet tallene' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.reopenMunicipality(params.cuId, params.code, body, caller, updateId),
    }),
    route('resendToMunicipality', {
      method: 'post',
      path: '/api/cus/:cuId/municipalities/:code/resend',
      tag: TAG,
      summary: 'Send invitationen eller en påmindelse til kommunens kontaktpersoner igen, i hånden',
      params: municipalityParams,
      body: resendBody,
      example: { what: 'invitation' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.resendToMunicipality(params.cuId, params.code, body, caller, updateId),
    }),
    route('resendToMunicipality', {
      method: 'post',
      path: '/api/cus/:cuId/municipalities/remind',
      tag: TAG,
      summary: 'Send en påmindelse nu til hver af de valgte kommuner; afvises helt, hvis en af dem allerede har svaret',
      params: cuParams,
      body: bulkRemindBody,
      example: { codes: ['0461', '0410'] },
      response: z.object({ reminded: z.array(z.string()) }),
      handle: ({ params, body, caller }) => app.remindMunicipalities(params.cuId, body, caller),
    }),
    route('extendDeadline', {
      method: 'post',
      path: '/api/cus/:cuId/municipalities/extend',
      tag: TAG,
      summary:
        'Ny frist for hver af de valgte kommuner (de får en e-mail, og påmindelserne flyttes med); afvises helt, hvis en af dem allerede har svaret',
      params: cuParams,
      body: bulkExtendBody,
      example: { codes: ['0461', '0410'], deadline: '2027-04-01', reason: 'Sommerferie' },
      response: z.object({ extended: z.array(z.string()) }),
      handle: ({ params, body, caller }) => app.extendDeadlines(params.cuId, body, caller),
    }),
  ];
}
