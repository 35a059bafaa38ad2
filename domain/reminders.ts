// When reminders fall due for a deadline: N days before it, an escalation the first morning it is
// overdue, and then every few days while overdue. All at 08:00 Copenhagen time.
import type { ReminderPlan } from './cu';
import type { SentReminder } from './views';
import { addDays, copenhagenInstant, endOfDay, REMINDER_HOUR, type IsoDate } from './time';

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
  const at = (days: number) => copenhagenInstant(addDays(w.deadline, days), REMINDER_HOUR);
  const due: DueReminder[] = w.plan.daysBefore.map((days) => ({
    key: `before:${w.deadline}:${days}`,
    kind: 'before',
    at: at(-days),
    deadline: w.deadline,
    days,
  }));
  if (w.escalate) due.push({ key: `escalation:${w.deadline}`, kind: 'escalation', at: at(1), deadline: w.deadline, days: 1 });
  for (let days = w.plan.overdueEveryDays; at(days) < w.until; days += w.plan.overdueEveryDays) {
    due.push({ key: `overdue:${w.deadline}:${days}`, kind: 'overdue', at: at(days), deadline: w.deadline, days });
  }
  return due.filter((d) => d.at > w.plannedSince && d.at < w.until).sort((a, b) => a.at - b.at);
}

export function nextReminder(w: ReminderWindow, sentKeys: readonly string[]): DueReminder | undefined {
  return reminderSchedule(w).find((d) => !sentKeys.includes(d.key));
}

export function hardStop(deadline: IsoDate, daysAfter: number): number {
  return endOfDay(addDays(deadline, daysAfter));
}
