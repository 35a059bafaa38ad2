import { describe, expect, test } from 'vitest';
import { addDays, copenhagenDate, copenhagenInstant, danishDate, danishDateTime, endOfDay, overdueDays } from '../../domain/time';

const format = new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const intlParts = (ms: number) => {
  const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.day}.${p.month}.${p.year} ${p.hour}.${p.minute}`;
};

describe('Europe/Copenhagen without Intl', () => {
  test('agrees with Intl at 08:00 on every day of three years, across summer time changes', () => {
    for (let date = '2025-01-01'; date < '2028-01-01'; date = addDays(date, 1)) {
      const at8 = copenhagenInstant(date, 8);
      const [y, m, d] = date.split('-');
      expect(intlParts(at8)).toBe(`${d}.${m}.${y} 08.00`);
      expect(copenhagenDate(at8)).toBe(date);
    }
  });

  test('a deadline is the end of its day: midnight local time, summer time aware', () => {
    expect(new Date(endOfDay('2026-03-01')).toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(new Date(endOfDay('2026-07-01')).toISOString()).toBe('2026-07-01T22:00:00.000Z');
    expect(new Date(endOfDay('2026-03-28')).toISOString()).toBe('2026-03-28T23:00:00.000Z'); // night before the change
    expect(new Date(endOfDay('2026-10-24')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  test('overdue days count from the end of the deadline day', () => {
    expect(overdueDays('2026-03-01', endOfDay('2026-03-01') - 1)).toBe(0);
    expect(overdueDays('2026-03-01', endOfDay('2026-03-01'))).toBe(1);
    expect(overdueDays('2026-03-01', endOfDay('2026-03-04') - 1)).toBe(3);
  });

  test('Danish formats', () => {
    expect(danishDate('2026-03-01')).toBe('1. marts 2026');
    expect(danishDateTime(Date.parse('2026-07-01T12:30:00Z'))).toBe('1. juli 2026 kl. 14.30');
    expect(danishDateTime(Date.parse('2026-12-24T07:05:00Z'))).toBe('24. december 2026 kl. 08.05');
  });
});
