// The meeting calendars: the secretariat adds meetings by hand or imports them (CSV, or iCalendar
// for one body), and removes them. A round takes its chain's meetings when launched, and every
// change is signalled to the region's running rounds; the previews and the overview project from them.
import ICAL from 'ical.js';
import { randomId } from '../crypto/secrets';
import { deleteMeeting, listMeetings, saveMeetings, upcomingChainMeetings, type StoredMeeting } from '../db/queries/meetings';
import { listCus } from '../db/queries/cu-list';
import { cuWorkflowId } from '../domain/ids';
import { meetingsChanged } from '../workflows/central-notice/messages';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import {
  DEFAULT_AGENDA_WORKING_DAYS,
  MAX_MEETINGS_PER_IMPORT,
  meetingInputSchema,
  parseMeetingCsv,
  toMeeting,
  type MeetingInput,
  type ParsedMeeting,
} from '../domain/meeting-input';
import type { Caller } from '../domain/people';
import { SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate, type IsoDate } from '../domain/time';
import { isoDateSchema, regionCodeSchema, z, type FieldIssue } from '../domain/zod';
import type { AppContext } from './context';

export const MAX_CALENDAR_BYTES = 1_000_000;

export const meetingImportBody = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  format: z.enum(['csv', 'ics'], { message: 'Vælg CSV eller iCalendar' }),
  text: z.string().min(1, 'Filen er tom').max(MAX_CALENDAR_BYTES, 'Filen er for stor (højst 1 MB)'),
  /** An iCalendar file's body (a CSV names it on each row). */
  body: meetingInputSchema.shape.body.optional(),
  council: meetingInputSchema.shape.council,
  agendaWorkingDays: meetingInputSchema.shape.agendaWorkingDays,
});
export type MeetingImportInput = Omit<z.input<typeof meetingImportBody>, 'body' | 'format'> & { body?: string; format: string };

export const meetingFilter = z.strictObject({ regionCode: regionCodeSchema.optional(), from: isoDateSchema.optional() });

const invalid = (issues: FieldIssue[]) => new UdmeldError('invalid_input', 'Mødekalenderen kan ikke læses', issues);
const meetingId = () => `m_${randomId(16)}`;

export function meetingCommands(ctx: AppContext) {
  const { db, client } = ctx;
  /** Every running round of the region gets the steps' meetings as they are now: its waits re-plan from them. */
  const tellRounds = async (regionCode: string) => {
    const [cus, meetings] = await Promise.all([
      listCus(db, { region: regionCode }),
      upcomingChainMeetings(db, regionCode, copenhagenDate(Date.now())),
    ]);
    const running = cus.filter((cu) => !['registered', 'submitted', 'completed', 'withdrawn'].includes(cu.phase));
    await Promise.all(
      running.map((cu) =>
        client.workflow
          .getHandle(cuWorkflowId(cu.cuId))
          .signal(meetingsChanged, { meetings })
          .catch(() => undefined),
      ),
    );
  };
  const save = async (regionCode: string, meetings: ParsedMeeting[], caller: Caller) => {
    const saved = await saveMeetings(
      db,
      regionCode,
      meetings.map((m) => ({ ...toMeeting(m), id: meetingId() })),
      caller.actor,
    );
    await tellRounds(regionCode);
    return saved;
  };

  return {
    /** A region's meetings from a day on (by default, a month back). */
    async meetings(filter: z.input<typeof meetingFilter>, caller: Caller): Promise<StoredMeeting[]> {
      ctx.allow(caller, 'readMeetings');
      const f = parseOrThrow(meetingFilter, filter);
      return ctx.read('Mødekalenderen', () => listMeetings(db, f.regionCode, { from: f.from ?? addDays(copenhagenDate(Date.now()), -31) }));
    },

    async addMeeting(input: MeetingInput, caller: Caller): Promise<{ added: number; updated: number }> {
      ctx.allow(caller, 'writeMeetings');
      const m = parseOrThrow(meetingInputSchema, input);
      return save(m.regionCode, [m], caller);
    },

    /** Imports a file; any problem refuses the whole file, with each line's reason. */
    async importMeetings(input: MeetingImportInput, caller: Caller): Promise<{ added: number; updated: number }> {
      ctx.allow(caller, 'writeMeetings');
      const file = parseOrThrow(meetingImportBody, input);
      const regionCode = file.regionCode ?? SYDDANMARK;
      if (file.format === 'csv') {
        const { meetings, issues } = parseMeetingCsv(file.text, regionCode);
        if (issues.length) throw invalid(issues);
        return save(regionCode, meetings, caller);
      }
      if (!file.body) throw invalid([{ path: 'body', message: 'Vælg hvilket organ kalenderen er for' }]);
      const events = icsDates(file.text);
      if ('issue' in events) throw invalid([{ path: 'text', message: events.issue }]);
      const meetings: ParsedMeeting[] = [];
      const issues: FieldIssue[] = [];
      for (const e of events.dates) {
        const parsed = meetingInputSchema.safeParse({
          regionCode,
          body: file.body,
          ...(file.council ? { council: file.council } : {}),
          date: e.date,
          agendaWorkingDays: file.agendaWorkingDays ?? DEFAULT_AGENDA_WORKING_DAYS,
          title: e.title,
        });
        if (parsed.success) meetings.push(parsed.data);
        else
          for (const issue of parsed.error.issues)
            issues.push({ path: issue.path.join('.') || 'text', message: `${e.date}: ${issue.message}` });
      }
      if (issues.length) throw invalid(issues);
      if (!meetings.length) throw invalid([{ path: 'text', message: 'Kalenderen har ingen møder' }]);
      return save(regionCode, meetings, caller);
    },

    async deleteMeeting(id: string, regionCode: string | undefined, caller: Caller): Promise<StoredMeeting> {
      ctx.allow(caller, 'writeMeetings');
      const region = parseOrThrow(regionCodeSchema.optional(), regionCode) ?? SYDDANMARK;
      const gone = await deleteMeeting(db, region, id, caller.actor);
      if (!gone) throw new UdmeldError('not_found', 'Mødet findes ikke');
      await tellRounds(region);
      return gone;
    },
  };
}

/** Recurring events are read to this far ahead. */
const HORIZON_DAYS = 730;

/** The days of an iCalendar file's events (each occurrence of a recurring one, two years ahead), as Copenhagen dates. */
function icsDates(text: string): { dates: { date: IsoDate; title: string }[] } | { issue: string } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    return { issue: `Filen er ikke iCalendar: ${err instanceof Error ? err.message : String(err)}` };
  }
  const horizon = addDays(copenhagenDate(Date.now()), HORIZON_DAYS);
  const dates: { date: IsoDate; title: string }[] = [];
  const dayOf = (t: ICAL.Time): IsoDate =>
    t.isDate || !t.zone || t.zone.tzid === 'floating'
      ? `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`
      : copenhagenDate(t.toUnixTime() * 1000);
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    const title = (event.summary ?? '').slice(0, 200);
    if (!event.isRecurring()) {
      dates.push({ date: dayOf(event.startDate), title });
      continue;
    }
    const it = event.iterator();
    for (let next = it.next(); next && dates.length <= MAX_MEETINGS_PER_IMPORT; next = it.next()) {
      const date = dayOf(next);
      if (date > horizon) break;
      dates.push({ date, title });
    }
  }
  if (dates.length > MAX_MEETINGS_PER_IMPORT) return { issue: `Højst ${MAX_MEETINGS_PER_IMPORT} møder ad gangen` };
  return { dates };
}
