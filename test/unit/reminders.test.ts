import { expect, test } from 'vitest';
import { hardStop, nextReminder, reminderSchedule } from '../../domain/reminders';
import { copenhagenInstant, endOfDay } from '../../domain/time';

const plan = { daysBefore: [14, 7, 2], overdueEveryDays: 3 };
const deadline = '2026-06-15';
const window = { deadline, plan, escalate: true, plannedSince: 0, until: hardStop(deadline, 10) };

test('before, escalation and overdue reminders at 08:00 Copenhagen time, up to the hard stop', () => {
  const schedule = reminderSchedule(window);
  expect(schedule.map((d) => d.key)).toEqual([
    'before:2026-06-15:14',
    'before:2026-06-15:7',
    'before:2026-06-15:2',
    'escalation:2026-06-15',
    'overdue:2026-06-15:3',
    'overdue:2026-06-15:6',
    'overdue:2026-06-15:9',
  ]);
  expect(schedule[0]!.at).toBe(copenhagenInstant('2026-06-01', 8));
  expect(schedule[3]!.at).toBe(copenhagenInstant('2026-06-16', 8));
  expect(hardStop(deadline, 10)).toBe(endOfDay('2026-06-25'));
});

test('reminders planned before the deadline was set are skipped; sent ones are not repeated', () => {
  const setOn = copenhagenInstant('2026-06-05', 12);
  expect(nextReminder({ ...window, plannedSince: setOn }, [])!.key).toBe('before:2026-06-15:7');
  expect(nextReminder({ ...window, plannedSince: setOn }, ['before:2026-06-15:7'])!.key).toBe('before:2026-06-15:2');
});

test('without escalation (councils) there is no escalation reminder', () => {
  expect(reminderSchedule({ ...window, escalate: false }).some((d) => d.kind === 'escalation')).toBe(false);
});
