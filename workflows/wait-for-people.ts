import { condition } from '@temporalio/workflow';
import { nextReminder, type DueReminder, type ReminderWindow } from '../domain/reminders';

export interface PeopleWait {
  /** True once nobody needs reminding any more. */
  done: () => boolean;
  /** The deadline, plan and hard stop now: extensions move the timers. */
  window: () => ReminderWindow;
  /** Keys of the reminders sent so far. */
  sent: ReadonlySet<string>;
  remind: (due: DueReminder) => void;
}

const planOf = (w: ReminderWindow) => `${w.deadline}|${w.plannedSince}|${w.until}`;

/**
 * Reminds on schedule until done, or until the window's end (the hard stop) passes. It wakes for
 * its own reasons only: its next reminder, its hard stop, or a change of its own window.
 */
export async function waitForPeople(wait: PeopleWait): Promise<'done' | 'timed_out'> {
  for (;;) {
    if (wait.done()) return 'done';
    const window = wait.window();
    const now = Date.now();
    if (now >= window.until) return 'timed_out';
    const next = nextReminder(window, [...wait.sent]);
    const wakeAt = Math.min(next?.at ?? Infinity, window.until);
    const plan = planOf(window);
    const changed = await condition(() => wait.done() || planOf(wait.window()) !== plan, Math.max(1, wakeAt - now));
    if (!changed && next && Date.now() >= next.at && !wait.done()) wait.remind(next);
  }
}
