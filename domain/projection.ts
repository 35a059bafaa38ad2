// A round's timeline before it is launched (what-if): the invitations, each reminder on the working
// day it will really go out, the escalation, the overdue reminders and the hard stop, and how many
// days the national deadline leaves after reporting. Computed by the same functions the workflows
// use (domain/reminders.ts), so what it shows is what the workflows will do.
import type { ReminderPlan } from './cu';
import { hardStop, reminderSchedule, type DueReminder } from './reminders';
import { addDays, copenhagenDate, daysBetween, endOfDay, type IsoDate } from './time';
import { closedReason, workingDay } from './working-days';
import { z } from './zod';
import { chainProjectionSchema } from './chain-projection';

export interface ProjectedEvent {
  at: number;
  date: IsoDate;
  kind: 'invitation' | 'reminder' | 'escalation' | 'overdue' | 'deadline' | 'hard_stop' | 'national_deadline';
  label: string;
  /** Set when the day it was planned for was closed, and why ("lørdag", "2. påskedag"). */
  movedFrom?: { date: IsoDate; reason: string };
}

export interface RoundProjection {
  events: ProjectedEvent[];
  /** The deadline falls on a closed day: why, and the next working day. */
  deadlineClosed?: { reason: string; nextWorkingDay: IsoDate };
  /** Days from the deadline, and from the hard stop, to the national deadline (negative: after it). */
  daysAfterDeadline: number;
  daysAfterHardStop: number;
  /** The national deadline is after the hard stop: reporting ends in time even if it runs to the end. */
  holds: boolean;
}

export interface ProjectionInput {
  launchAt: number;
  deadline: IsoDate;
  reminders: ReminderPlan;
  hardStopDaysAfterDeadline: number;
  nationalDeadline: IsoDate;
  /** What happens at `launchAt` (a launch's invitations, or an extension's notice). */
  startLabel?: string;
}

export function projectRound(p: ProjectionInput): RoundProjection {
  const closedDays = p.reminders.closedDays;
  const stop = hardStop(p.deadline, p.hardStopDaysAfterDeadline);
  const due = reminderSchedule({ deadline: p.deadline, plan: p.reminders, escalate: true, plannedSince: p.launchAt, until: stop });
  const planned = (key: string): IsoDate => {
    const [kind, , n] = key.split(':');
    return kind === 'escalation' ? addDays(p.deadline, 1) : addDays(p.deadline, kind === 'before' ? -Number(n) : Number(n));
  };
  const event = (at: number, kind: ProjectedEvent['kind'], label: string, plannedOn?: IsoDate): ProjectedEvent => {
    const date = copenhagenDate(at);
    const reason = plannedOn && plannedOn !== date ? closedReason(plannedOn, closedDays) : undefined;
    return { at, date, kind, label, ...(plannedOn && reason ? { movedFrom: { date: plannedOn, reason } } : {}) };
  };
  const LABEL: Record<DueReminder['kind'], [ProjectedEvent['kind'], string]> = {
    before: ['reminder', 'Påmindelse'],
    escalation: ['escalation', 'Rykker til socialdirektøren'],
    overdue: ['overdue', 'Rykker'],
    periodic: ['reminder', 'Påmindelse'],
  };
  const events = [
    event(p.launchAt, 'invitation', p.startLabel ?? 'Invitationer sendes'),
    ...due.map((d) => {
      const [kind, label] = LABEL[d.kind];
      return event(
        d.at,
        kind,
        `${label} (${d.days} ${d.days === 1 ? 'dag' : 'dage'} ${d.kind === 'before' ? 'før' : 'efter'} fristen)`,
        planned(d.key),
      );
    }),
    event(endOfDay(p.deadline) - 1, 'deadline', 'Kommunernes frist'),
    event(stop - 1, 'hard_stop', 'Indberetningen lukker (endelig lukning)'),
    event(endOfDay(p.nationalDeadline) - 1, 'national_deadline', 'National frist for afrapporteringen'),
  ].sort((a, b) => a.at - b.at);
  const closed = closedReason(p.deadline, closedDays);
  const stopDate = addDays(p.deadline, p.hardStopDaysAfterDeadline);
  return {
    events,
    ...(closed ? { deadlineClosed: { reason: closed, nextWorkingDay: workingDay(p.deadline, 1, closedDays) } } : {}),
    daysAfterDeadline: daysBetween(p.deadline, p.nationalDeadline),
    daysAfterHardStop: daysBetween(stopDate, p.nationalDeadline),
    holds: daysBetween(stopDate, p.nationalDeadline) >= 0,
  };
}

export const roundProjectionSchema = z.object({
  /** The rest of the round after reporting: the chain at its meetings, the councils, the submission. */
  chain: chainProjectionSchema,
  events: z.array(
    z.object({
      at: z.string(),
      date: z.string(),
      kind: z.enum(['invitation', 'reminder', 'escalation', 'overdue', 'deadline', 'hard_stop', 'national_deadline']),
      label: z.string(),
      movedFrom: z.object({ date: z.string(), reason: z.string() }).optional(),
    }),
  ),
  deadlineClosed: z.object({ reason: z.string(), nextWorkingDay: z.string() }).optional(),
  daysAfterDeadline: z.number(),
  daysAfterHardStop: z.number(),
  holds: z.boolean(),
});
