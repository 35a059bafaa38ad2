// When reminders fall due for a deadline: N days before it, an escalation the first morning it is
// overdue, and then every few days while overdue. All at 08:00 Copenhagen time, and only on working
// days: a reminder before the deadline that would fall on a weekend or a holiday goes out the working
// day before; an overdue one (which must not come before the deadline has passed) the working day after.
import type { ReminderPlan } from './cu';
import type { SentReminder } from './views';
import { addDays, copenhagenDate, copenhagenInstant, daysBetween, endOfDay, REMINDER_HOUR, type IsoDate } from './time';
import { DEFAULT_CLOSED_DAYS, workingDay } from './working-days';

export interface DueReminder {
  key: string;
  kind: SentReminder['kind'];
  at: number;
  deadline: IsoDate;
  /** Days left before the deadline (for "before"), days overdue otherwise. */
  days: number;
}

export interface ReminderWindow {
  deadline: IsoDate;
  plan: ReminderPlan;
  escalate: boolean;
  /** Reminders planned before this instant (when the deadline was set) are skipped. */
  plannedSince: number;
  /** No reminders at or after this instant. */
  until: number;
}

export function reminderSchedule(w: ReminderWindow): DueReminder[] {
  const closed = w.plan.closedDays ?? DEFAULT_CLOSED_DAYS;
  /** The reminder planned `days` from the deadline, on the working day it moves to, with the days it then really is from the deadline. */
  const on = (days: number, kind: DueReminder['kind'], key: string): DueReminder => {
    const date = workingDay(addDays(w.deadline, days), kind === 'before' ? -1 : 1, closed);
    return { key, kind, at: copenhagenInstant(date, REMINDER_HOUR), deadline: w.deadline, days: Math.abs(daysBetween(w.deadline, date)) };
  };
  const due: DueReminder[] = w.plan.daysBefore.map((days) => on(-days, 'before', `before:${w.deadline}:${days}`));
  if (w.escalate) due.push(on(1, 'escalation', `escalation:${w.deadline}`));
  for (
    let days = w.plan.overdueEveryDays;
    copenhagenInstant(addDays(w.deadline, days), REMINDER_HOUR) < w.until;
    days += w.plan.overdueEveryDays
  ) {
    due.push(on(days, 'overdue', `overdue:${w.deadline}:${days}`));
  }
  // Two reminders moved onto the same morning go out as one: the first of them in the plan.
  const mornings = new Set<number>();
  return due
    .filter((d) => d.at > w.plannedSince && d.at < w.until)
    .sort((a, b) => a.at - b.at)
    .filter((d) => !mornings.has(d.at) && !!mornings.add(d.at));
}

/**
 * A step's n-th periodic reminder: `everyDays` × n days after it was asked, at 08:00 on that day, or
 * on the working day after it when that day is closed.
 */
export function periodicReminderAt(askedAt: string, n: number, everyDays: number, closedDays?: readonly string[]): number {
  const planned = addDays(copenhagenDate(Date.parse(askedAt)), n * everyDays);
  return copenhagenInstant(workingDay(planned, 1, closedDays ?? DEFAULT_CLOSED_DAYS), REMINDER_HOUR);
}

/** A step's periodic reminders in order, one per morning: those moved onto a morning already taken are left out. */
export function* periodicReminders(
  askedAt: string,
  everyDays: number,
  closedDays?: readonly string[],
): Generator<{ n: number; at: number }> {
  let last = -Infinity;
  for (let n = 1; ; n++) {
    const at = periodicReminderAt(askedAt, n, everyDays, closedDays);
    if (at > last) yield { n, at };
    last = Math.max(last, at);
  }
}

export function nextReminder(w: ReminderWindow, sentKeys: readonly string[]): DueReminder | undefined {
  return reminderSchedule(w).find((d) => !sentKeys.includes(d.key));
}

export function hardStop(deadline: IsoDate, daysAfter: number): number {
  return endOfDay(addDays(deadline, daysAfter));
}
