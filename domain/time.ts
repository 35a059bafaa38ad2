// Calendar dates and instants in Europe/Copenhagen, computed without Intl so the same code runs
// deterministically inside workflows. EU summer time: last Sunday of March 01:00 UTC until last
// Sunday of October 01:00 UTC.

export type IsoDate = string; // YYYY-MM-DD

const DAY_MS = 86_400_000;
export const REMINDER_HOUR = 8; // reminders go out at 08:00 local time

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_FORMAT = 'Datoen skal skrives som ÅÅÅÅ-MM-DD';
export const NO_SUCH_DATE = 'Datoen findes ikke';

export function isValidDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 2100 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Offset of Copenhagen local time from UTC at the given instant, in ms. */
export function copenhagenOffsetMs(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const summer = utcMs >= lastSundayUtc(year, 2) && utcMs < lastSundayUtc(year, 9);
  return (summer ? 2 : 1) * 3_600_000;
}

/** The instant of a local wall-clock time on a date in Copenhagen. */
export function copenhagenInstant(date: IsoDate, hour = 0, minute = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  const guess = wall - copenhagenOffsetMs(wall - 3_600_000);
  return wall - copenhagenOffsetMs(guess);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A deadline date means "by the end of that day" in Copenhagen. */
export function endOfDay(date: IsoDate): number {
  return copenhagenInstant(addDays(date, 1));
}

/** The Copenhagen calendar date of an instant. */
export function copenhagenDate(utcMs: number): IsoDate {
  return new Date(utcMs + copenhagenOffsetMs(utcMs)).toISOString().slice(0, 10);
}

/** Calendar days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Calendar days from `now`'s Copenhagen date to the deadline (0 on the day itself). */
export function daysLeft(deadline: IsoDate, now: number): number {
  return daysBetween(copenhagenDate(now), deadline);
}

/** Whole days a deadline is overdue at `now` (0 while not overdue). */
export function overdueDays(deadline: IsoDate, now: number): number {
  const end = endOfDay(deadline);
  return now < end ? 0 : Math.floor((now - end) / DAY_MS) + 1;
}

export const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

/** "1. marts 2026" */
export function danishDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

/** "1. marts 2026 kl. 14.30" (Copenhagen time) */
export function danishDateTime(utcMs: number): string {
  const local = new Date(utcMs + copenhagenOffsetMs(utcMs));
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${danishDate(local.toISOString().slice(0, 10))} kl. ${hh}.${mm}`;
}
