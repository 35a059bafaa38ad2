// The meeting calendars of the approval chain's steps and the councils.
import type { Udmeld } from '../../app';
import { meetingFilter, meetingImportBody } from '../../app/meetings';
import { meetingInputSchema } from '../../domain/meeting-input';
import { MEETING_BODIES } from '../../domain/meetings';
import { regionCodeSchema, z } from '../../domain/zod';
import { route, type Route } from '../route';
import { noBody } from './params';

const TAG = 'Mødekalendre';
const storedMeetingSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  body: z.enum(MEETING_BODIES),
  municipalityCode: z.string().optional(),
  date: z.string(),
  agendaWorkingDays: z.number(),
  title: z.string(),
});
const saved = z.object({ added: z.number(), updated: z.number() });
const params = z.strictObject({ meetingId: z.string().regex(/^m_[A-Za-z0-9]{16}$/, 'Ugyldigt møde-id') });

export function meetingRoutes(app: Udmeld): Route[] {
  return [
    route('readMeetings', {
      method: 'get',
      path: '/api/meetings',
      tag: TAG,
      summary:
        'Regionens møder fra en dato (som standard en måned tilbage): trin i godkendelseskæden og byråd, med dagsordensfristen i arbejdsdage',
      query: meetingFilter,
      response: z.array(storedMeetingSchema),
      handle: ({ query, caller }) => app.meetings(query, caller),
    }),
    route('writeMeetings', {
      method: 'post',
      path: '/api/meetings',
      tag: TAG,
      summary: 'Tilføj et møde; et møde samme dag for samme organ får den nye dagsordensfrist og titel',
      body: meetingInputSchema,
      example: { regionCode: '1083', body: 'kkr', date: '2027-03-04', agendaWorkingDays: 10, title: 'KKR Syddanmark' },
      created: true,
      response: saved,
      handle: ({ body, caller }) => app.addMeeting(body, caller),
    }),
    route('writeMeetings', {
      method: 'post',
      path: '/api/meetings/import',
      tag: TAG,
      summary:
        'Importér en mødekalender: CSV med kolonnerne Organ, Dato, Dagsordensfrist (arbejdsdage) og Titel, eller iCalendar (.ics) for ét organ (body, og council for et byråd). Hele filen afvises ved fejl, med linjen og grunden',
      body: meetingImportBody,
      example: {
        format: 'csv',
        text: 'Organ;Dato;Dagsordensfrist;Titel\nKKR;2027-03-04;10;KKR Syddanmark\nOdense;2027-03-22;8;Byrådsmøde',
      },
      response: saved,
      handle: ({ body, caller }) => app.importMeetings(body, caller),
    }),
    route('writeMeetings', {
      method: 'post',
      path: '/api/meetings/:meetingId/delete',
      tag: TAG,
      summary: 'Slet et møde; et trin, der allerede er spurgt til mødet, beholder sine påmindelser',
      params,
      query: z.strictObject({ regionCode: regionCodeSchema.optional() }),
      body: noBody,
      response: storedMeetingSchema,
      handle: ({ params, query, caller }) => app.deleteMeeting(params.meetingId, query.regionCode, caller),
    }),
  ];
}
