// A CU itself: listing, the directors' overview, registering, reading, editing, its national
// deadline, withdrawal and renewed treatment.
import { registerCuSchema, moveNationalDeadlineBody, renewalBody, withdrawBody } from '../../app/cu';
import type { Udmeld } from '../../app';
import { regionCodeSchema, z } from '../../domain/zod';
import { route, type Route } from '../route';
import { cuParams } from './params';
import { directorsViewSchema } from '../../app/directors-view';
import { cuListItemSchema, cuOverviewSchema, cuOverviewWithTimelineSchema } from '../../domain/overview';
import { cuAckSchema, cuRecordSchema } from '../../domain/views';

const TAG = 'Centrale udmeldinger';

export function cuRoutes(app: Udmeld): Route[] {
  return [
    route('listCus', {
      method: 'get',
      path: '/api/overview',
      tag: 'Overblik',
      summary: 'Alle åbne centrale udmeldinger: indberetning, forsinkede kommuner, godkendelseskæden og hvornår de ventes færdige',
      query: z.strictObject({ region: regionCodeSchema.optional() }),
      response: z.array(cuOverviewSchema),
      handle: ({ query, caller }) => app.overview(query, caller),
    }),
    route('listCus', {
      method: 'get',
      path: '/api/overview/timelines',
      tag: 'Overblik',
      summary: 'Overblikket med hver udmeldings tidslinje: faser afsluttet, i gang og forventet efter mødekalenderne',
      query: z.strictObject({ region: regionCodeSchema.optional() }),
      response: z.array(cuOverviewWithTimelineSchema),
      handle: ({ query, caller }) => app.overviewWithTimelines(query, caller),
    }),
    route('readCu', {
      method: 'get',
      path: '/api/cus/:cuId/overview',
      tag: TAG,
      summary: 'Én udmelding i overblikket, med dens tidslinje',
      params: cuParams,
      response: cuOverviewWithTimelineSchema,
      handle: ({ params, caller }) => app.cuOverview(params.cuId, caller),
    }),
    route('listCus', {
      method: 'get',
      path: '/api/cus',
      tag: TAG,
      summary: 'List centrale udmeldinger (filtrér på region og fase)',
      query: z.strictObject({
        region: regionCodeSchema.optional(),
        status: z
          .string()
          .regex(/^[a-z_]{1,20}$/)
          .optional(),
      }),
      response: z.array(cuListItemSchema),
      handle: ({ query, caller }) => app.listCus(query, caller),
    }),
    route('registerCu', {
      method: 'post',
      path: '/api/cus',
      tag: TAG,
      summary: 'Registrér en central udmelding eller en anden runde, med dens spørgeskema eller fra en skabelon',
      body: registerCuSchema,
      example: {
        id: 'cu-2026-spiseforstyrrelser',
        title: 'Borgere med svære spiseforstyrrelser',
        targetGroup: 'Borgere med svære spiseforstyrrelser',
        issuedOn: '2026-12-01',
        nationalDeadline: '2027-09-30',
      },
      created: true,
      response: cuRecordSchema,
      handle: ({ body, caller }) => app.registerCu(body, caller),
    }),
    route('readCu', {
      method: 'get',
      path: '/api/cus/:cuId',
      tag: TAG,
      summary: 'Hele tilstanden for én central udmelding',
      params: cuParams,
      response: z.union([cuRecordSchema, directorsViewSchema]),
      handle: ({ params, caller }) => app.cu(params.cuId, caller),
    }),
    route('editCu', {
      method: 'put',
      path: '/api/cus/:cuId',
      tag: TAG,
      summary: 'Ret en central udmelding og dens spørgeskema (før indberetningen er sendt ud)',
      params: cuParams,
      body: registerCuSchema,
      example: {
        id: 'cu-2026-spiseforstyrrelser',
        title: 'Borgere med svære spiseforstyrrelser',
        targetGroup: 'Borgere med svære spiseforstyrrelser',
        issuedOn: '2026-12-01',
        nationalDeadline: '2027-09-30',
      },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.editCu(params.cuId, body, caller, updateId),
    }),
    route('moveNationalDeadline', {
      method: 'put',
      path: '/api/cus/:cuId/national-deadline',
      tag: TAG,
      summary: 'Flyt den nationale frist (med begrundelse); en ny version af udmeldingen',
      params: cuParams,
      body: moveNationalDeadlineBody,
      example: { nationalDeadline: '2027-10-31', reason: 'Styrelsen har flyttet fristen (brev af 1. december)' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.moveNationalDeadline(params.cuId, body, caller, updateId),
    }),
    route('withdrawCu', {
      method: 'post',
      path: '/api/cus/:cuId/withdraw',
      tag: TAG,
      summary:
        'Træk en central udmelding tilbage (registreret ved en fejl) eller annullér dens indberetning: kommunerne får besked, alle links holder op med at virke',
      params: cuParams,
      body: withdrawBody,
      example: { reason: 'Registreret ved en fejl; udmeldingen findes allerede' },
      idempotent: true,
      response: cuAckSchema,
      handle: ({ params, body, caller, updateId }) => app.withdrawCu(params.cuId, body, caller, updateId),
    }),
    route('startRenewedTreatment', {
      method: 'post',
      path: '/api/cus/:cuId/renewal',
      tag: TAG,
      summary: 'Start fornyet behandling: en ny runde, der henviser til den indsendte',
      params: cuParams,
      body: renewalBody,
      example: {
        reason: 'Styrelsen har bedt om fornyet behandling, § 13 b stk. 3',
        issuedOn: '2027-10-01',
        nationalDeadline: '2028-06-30',
      },
      created: true,
      response: cuRecordSchema,
      handle: ({ params, body, caller }) => app.startRenewedTreatment(params.cuId, body, caller),
    }),
  ];
}
