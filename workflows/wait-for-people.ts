import { condition } from '@temporalio/workflow';
import { nextReminder, type DueReminder, type ReminderWindow } from '../domain/reminders';

export interface PeopleWait {
  /** True once nobody needs reminding any more. */
  done: () => boolean;
  /** Re-read after every wake-up, so extensions move the timers. */
  window: () => ReminderWindow;
  sentKeys: () => readonly string[];
  /** Bumped by every message handler; waking on it lets the loop re-plan. */
  changes: () => number;
  remind: (due: DueReminder) => Promise<void>;
}

/** Reminds on schedule until done, or until the window's end (the hard stop) passes. */
export async function waitForPeople(wait: PeopleWait): Promise<'done' | 'timed_out'> {
  for (;;) {
    if (wait.done()) return 'done';
    const window = wait.window();
    const now = Date.now();
    if (now >= window.until) return 'timed_out';
    const next = nextReminder(window, wait.sentKeys());
    const wakeAt = Math.min(next?.at ?? Infinity, window.until);
    const seen = wait.changes();
    const changed = await condition(() => wait.changes() !== seen, Math.max(1, wakeAt - now));
    if (!changed && next && Date.now() >= next.at && !wait.done()) await wait.remind(next);
  }
}
