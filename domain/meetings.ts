// Meeting calendars as data: each step of the approval chain (FU, the forum, K22, KKR) and each
// council meets on given days, and wants its agenda material a number of working days before. A
// step is asked in time for the agenda deadline of its next meeting, is expected to decide at that
// meeting, and is reminded relative to it; without a calendar, it is reminded every so many days.
import { APPROVAL_STEP_IDS, stepRow, type ApprovalStep } from './approval-chain';
import { periodicReminders } from './reminders';
import { REGION_COUNCIL } from './commands';
import { municipality } from './municipalities';
import { addDays, copenhagenDate, copenhagenInstant, REMINDER_HOUR, type IsoDate } from './time';
import { DEFAULT_CLOSED_DAYS, workingDay } from './working-days';
import { isoDateSchema, z } from './zod';

/** Who meets: a step of the chain, or a council (with its municipality's code). */
export type MeetingBody = ApprovalStep | 'council';
export const MEETING_BODIES = [...APPROVAL_STEP_IDS, 'council'] as const satisfies readonly MeetingBody[];
export const MAX_AGENDA_WORKING_DAYS = 60;

export interface Meeting {
  body: MeetingBody;
  /** The council's municipality (only for `council`). */
  municipalityCode?: string;
  date: IsoDate;
  /** The agenda deadline: this many working days before the meeting. */
  agendaWorkingDays: number;
}

/** A meeting as a step's or council's wait uses it: when it meets, and when its agenda closes. */
export interface MeetingTimes {
  date: IsoDate;
  agendaDeadline: IsoDate;
}

/** The meetings a round's chain decides by (its steps' calendars), as the workflow carries them: at most a few dozen. */
export const MAX_CHAIN_MEETINGS = 500;
export const chainMeetingSchema = z.strictObject({
  body: z.enum(APPROVAL_STEP_IDS),
  date: isoDateSchema,
  agendaWorkingDays: z.number().int().min(0).max(MAX_AGENDA_WORKING_DAYS),
});
export type ChainMeeting = z.output<typeof chainMeetingSchema>;
export const chainMeetingsSchema = z.array(chainMeetingSchema).max(MAX_CHAIN_MEETINGS);

/** Two answers of `nextMeeting` are the same meeting (or both none). */
export const sameMeeting = (a?: MeetingTimes, b?: MeetingTimes) => a?.date === b?.date && a?.agendaDeadline === b?.agendaDeadline;

export const bodyName = (body: MeetingBody): string => (body === 'council' ? 'Byråd / kommunalbestyrelse' : stepRow(body).name);

/** Who holds a meeting, by name: the step, a municipality's council, or Regionsrådet. */
export const meetingHolder = (m: { body: MeetingBody; municipalityCode?: string }): string =>
  m.body !== 'council'
    ? bodyName(m.body)
    : m.municipalityCode === REGION_COUNCIL
      ? 'Regionsrådet'
      : `${municipality(m.municipalityCode ?? '').name} Byråd`;

/** The working day `n` working days before `date` (n = 0: the date itself, or the working day before it). */
export function workingDaysBefore(date: IsoDate, n: number, closedDays: readonly string[] = DEFAULT_CLOSED_DAYS): IsoDate {
  let day = workingDay(date, -1, closedDays);
  for (let left = n; left > 0; left--) day = workingDay(addDays(day, -1), -1, closedDays);
  return day;
}

export const meetingTimes = (m: Meeting, closedDays?: readonly string[]): MeetingTimes => ({
  date: m.date,
  agendaDeadline: workingDaysBefore(m.date, m.agendaWorkingDays, closedDays),
});

/** The first meeting whose agenda deadline is on or after `from`: the one a step asked on `from` can reach. */
export function nextMeeting(meetings: readonly Meeting[], from: IsoDate, closedDays?: readonly string[]): MeetingTimes | undefined {
  return meetings
    .map((m) => meetingTimes(m, closedDays))
    .filter((m) => m.agendaDeadline >= from)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
}

/** A reminder of a step while it has not decided. `agenda` goes to the secretariat; the others to the step's audience. */
export interface StepReminder {
  key: string;
  kind: 'agenda' | 'meeting' | 'periodic';
  at: number;
}

/**
 * A step's reminders in order: with a meeting, the secretariat's the working day before the agenda
 * deadline (when that is still ahead), the step's the working day after the meeting, and then every
 * `everyDays` from the meeting; without one, every `everyDays` from when it was asked. All at 08:00.
 */
export function* stepReminders(
  askedAt: string,
  meeting: MeetingTimes | undefined,
  everyDays: number,
  closedDays: readonly string[] = DEFAULT_CLOSED_DAYS,
): Generator<StepReminder> {
  const morning = (date: IsoDate) => copenhagenInstant(date, REMINDER_HOUR);
  if (!meeting) {
    for (const { n, at } of periodicReminders(askedAt, everyDays, closedDays)) yield { key: String(n), kind: 'periodic', at };
    return;
  }
  const agendaAt = morning(workingDay(addDays(meeting.agendaDeadline, -1), -1, closedDays));
  if (agendaAt > Date.parse(askedAt)) yield { key: `agenda:${meeting.date}`, kind: 'agenda', at: agendaAt };
  const after = morning(workingDay(addDays(meeting.date, 1), 1, closedDays));
  yield { key: `meeting:${meeting.date}`, kind: 'meeting', at: after };
  for (const { n, at } of periodicReminders(new Date(copenhagenInstant(meeting.date, 12)).toISOString(), everyDays, closedDays)) {
    if (at > after) yield { key: `meeting:${meeting.date}:${n}`, kind: 'periodic', at };
  }
}

/** The date a step asked at `askedAt` is expected to decide: its meeting's, else after its reminder interval. */
export function expectedDecision(askedAt: number, meeting: MeetingTimes | undefined, everyDays: number, closedDays?: readonly string[]) {
  return meeting?.date ?? workingDay(addDays(copenhagenDate(askedAt), everyDays), 1, closedDays);
}

/** The working day `n` working days after `date`. */
export function workingDaysAfter(date: IsoDate, n: number, closedDays?: readonly string[]): IsoDate {
  let day = date;
  for (let left = n; left > 0; left--) day = workingDay(addDays(day, 1), 1, closedDays);
  return day;
}
