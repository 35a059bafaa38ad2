// Recurring rounds: each template's calendar (a Temporal Schedule), its pause, and a round made now;
// and whether Temporal and the record agree.
import type { Udmeld } from '../../app';
import { schedulePauseSchema } from '../../app/schedules';
import { scheduleBodySchema, scheduleStateSchema } from '../../domain/schedules';
import { agreementReportSchema } from '../../domain/agreement';
import { templateIdSchema } from '../../domain/templates';
import { z } from '../../domain/zod';
import { route, type Route } from '../route';
import { noBody } from './params';

const TAG = 'Tidsplaner';
const params = z.strictObject({ templateId: templateIdSchema });
const path = (action = '') => `/api/templates/:templateId/schedule${action}`;

export function scheduleRoutes(app: Udmeld): Route[] {
  return [
    route('checkAgreement', {
      method: 'get',
      path: '/api/check',
      tag: 'Drift',
      summary:
        'Er Temporal og registreringen enige? Hver åben udmelding og respondent sammenlignet med sit workflow: mangler, afsluttet, fase, status og svarversion',
      response: agreementReportSchema,
      handle: ({ caller }) => app.checkAgreement(caller),
    }),
    route('repairAgreement', {
      method: 'post',
      path: '/api/check/repair',
      tag: 'Drift',
      summary:
        'Kontrollen, der reparerer det sikre: en respondent, hvis workflow mangler eller er afbrudt, mens runden er åben, startes igen fra registreringen (markeret repaired); resten overlades til en person',
      body: noBody,
      response: agreementReportSchema,
      handle: ({ caller }) => app.repairAgreement(caller),
    }),
    route('readSchedules', {
      method: 'get',
      path: '/api/schedules',
      tag: TAG,
      summary: 'Alle tidsplaner for runder: skabelon, måneder og dag, næste gange og de seneste runder',
      response: z.array(scheduleStateSchema),
      handle: ({ caller }) => app.schedules(caller),
    }),
    route('readSchedules', {
      method: 'get',
      path: path(),
      tag: TAG,
      summary: 'En skabelons tidsplan',
      params,
      response: scheduleStateSchema,
      handle: ({ params, caller }) => app.schedule(params.templateId, caller),
    }),
    route('writeSchedules', {
      method: 'put',
      path: path(),
      tag: TAG,
      summary: 'Sæt skabelonen på tidsplan, eller ret dens tidsplan: en runde den valgte dag i de valgte måneder kl. 8',
      params,
      body: scheduleBodySchema,
      example: {
        title: 'Belægningsprocenter',
        targetGroup: 'Tilbud med en afvigelse på 5 %-point eller mere',
        months: [1, 7],
        day: 1,
        deadlineDays: 30,
        dueDays: 90,
      },
      response: scheduleStateSchema,
      handle: ({ params, body, caller }) => app.saveSchedule({ ...body, templateId: params.templateId }, caller),
    }),
    route('writeSchedules', {
      method: 'post',
      path: path('/pause'),
      tag: TAG,
      summary: 'Sæt tidsplanen på pause (med en bemærkning)',
      params,
      body: schedulePauseSchema,
      example: { note: 'Afventer ny skabelon' },
      response: scheduleStateSchema,
      handle: ({ params, body, caller }) => app.pauseSchedule(params.templateId, body, caller),
    }),
    route('writeSchedules', {
      method: 'post',
      path: path('/resume'),
      tag: TAG,
      summary: 'Genoptag tidsplanen',
      params,
      body: schedulePauseSchema,
      example: { note: '' },
      response: scheduleStateSchema,
      handle: ({ params, body, caller }) => app.resumeSchedule(params.templateId, body, caller),
    }),
    route('writeSchedules', {
      method: 'post',
      path: path('/run'),
      tag: TAG,
      summary: 'Lav dagens runde nu, som om tidsplanen var nået til den',
      params,
      response: scheduleStateSchema,
      handle: ({ params, caller }) => app.runScheduleNow(params.templateId, caller),
    }),
    route('writeSchedules', {
      method: 'post',
      path: path('/delete'),
      tag: TAG,
      summary: 'Slet tidsplanen (runder, den har lavet, består)',
      params,
      response: z.object({ deleted: z.string() }),
      handle: ({ params, caller }) => app.deleteSchedule(params.templateId, caller),
    }),
  ];
}
