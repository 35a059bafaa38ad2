// Working days: Easter and the holidays that hang on it, and over many start dates no reminder of a
// year-long round (before the deadline, escalated, overdue, or a step's periodic one) falls on a
// weekend, a public holiday or a closed day; each goes out at 08:00, before-reminders before the
// deadline, overdue ones after it, and never two on one morning.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { periodicReminders, reminderSchedule } from '../../domain/reminders';
import { addDays, copenhagenDate, copenhagenInstant, endOfDay } from '../../domain/time';
import { closedReason, easterSunday, isWorkingDay, publicHolidays, workingDay } from '../../domain/working-days';

const localHour = (at: number) => Math.round((at - copenhagenInstant(copenhagenDate(at))) / 3_600_000);

test('Easter and the holidays that follow it, known years', () => {
  expect(['2024', '2025', '2026', '2027', '2030', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
    '2024-03-31',
    '2025-04-20',
    '2026-04-05',
    '2027-03-28',
    '2030-04-21',
    '2038-04-25',
  ]);
  expect([...publicHolidays(2026).entries()]).toEqual([
    ['2026-01-01', 'Nytårsdag'],
    ['2026-04-02', 'Skærtorsdag'],
    ['2026-04-03', 'Langfredag'],
    ['2026-04-05', 'Påskedag'],
    ['2026-04-06', '2. påskedag'],
    ['2026-05-14', 'Kristi himmelfartsdag'],
    ['2026-05-24', 'Pinsedag'],
    ['2026-05-25', '2. pinsedag'],
    ['2026-12-25', 'Juledag'],
    ['2026-12-26', '2. juledag'],
  ]);
  expect(publicHolidays(2023).get('2023-05-05')).toBe('Store bededag');
  expect(closedReason('2026-12-24')).toBe('Juleaftensdag');
  expect(closedReason('2026-12-24', [])).toBeUndefined();
  expect(closedReason('2026-06-06')).toBe('lørdag');
  expect(workingDay('2026-04-02', 1)).toBe('2026-04-07');
  expect(workingDay('2026-04-06', -1)).toBe('2026-04-01');
});

const plans = fc.record({
  start: fc.date({ min: new Date('2025-01-01'), max: new Date('2045-12-31'), noInvalidDate: true }),
  daysBefore: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
  overdueEveryDays: fc.integer({ min: 1, max: 14 }),
  closedDays: fc.constantFrom(undefined, [] as string[], ['12-24', '12-31', '06-05', '12-27']),
});

test('no reminder of a year-long round falls on a closed day; each at 08:00, before or after the deadline as it should', () => {
  fc.assert(
    fc.property(plans, ({ start, daysBefore, overdueEveryDays, closedDays }) => {
      const launched = copenhagenDate(start.getTime());
      const deadline = addDays(launched, 365);
      const due = reminderSchedule({
        deadline,
        plan: { daysBefore, overdueEveryDays, ...(closedDays ? { closedDays } : {}) },
        escalate: true,
        plannedSince: start.getTime(),
        until: endOfDay(addDays(deadline, 60)),
      });
      expect(due.length).toBeGreaterThan(0);
      for (const d of due) {
        const on = copenhagenDate(d.at);
        expect(isWorkingDay(on, closedDays), `${d.key} on ${on}`).toBe(true);
        expect(localHour(d.at)).toBe(8);
        if (d.kind === 'before') expect(on < deadline).toBe(true);
        else expect(on > deadline).toBe(true);
      }
      const mornings = due.map((d) => d.at);
      expect([...mornings].sort((a, b) => a - b)).toEqual(mornings);
      expect(new Set(mornings).size).toBe(mornings.length);
    }),
    { numRuns: 500 },
  );
});

test("a step's periodic reminders come on working days at 08:00, one a morning, for a year", () => {
  fc.assert(
    fc.property(plans, fc.integer({ min: 1, max: 30 }), ({ start, closedDays }, everyDays) => {
      let last = 0;
      for (const { at } of periodicReminders(start.toISOString(), everyDays, closedDays)) {
        if (at > start.getTime() + 366 * 86_400_000) break;
        expect(isWorkingDay(copenhagenDate(at), closedDays)).toBe(true);
        expect(localHour(at)).toBe(8);
        expect(at).toBeGreaterThan(last);
        last = at;
      }
    }),
    { numRuns: 300 },
  );
});
