// Working days in Denmark, computed (no table to keep up to date, nothing to load in a workflow):
// Saturdays, Sundays and the public holidays are closed, Easter's included; so are the days a round
// names as closed besides (by default 24 December, 31 December and 5 June, when most offices are).
// Store bededag stopped being a public holiday in 2024. Pure and deterministic: the workflows use it.
import { addDays, type IsoDate } from './time';

/** Month and day (MM-DD) closed every year besides the public holidays. */
export const DEFAULT_CLOSED_DAYS = ['12-24', '12-31', '06-05'] as const;
export const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Easter Sunday of a year (the Gregorian computus of Meeus, Jones and Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The public holidays of a year, each with its Danish name. */
export function publicHolidays(year: number): Map<IsoDate, string> {
  const easter = easterSunday(year);
  const fromEaster: [number, string][] = [
    [-3, 'Skærtorsdag'],
    [-2, 'Langfredag'],
    [0, 'Påskedag'],
    [1, '2. påskedag'],
    ...(year < 2024 ? ([[26, 'Store bededag']] as [number, string][]) : []),
    [39, 'Kristi himmelfartsdag'],
    [49, 'Pinsedag'],
    [50, '2. pinsedag'],
  ];
  return new Map([
    [`${year}-01-01`, 'Nytårsdag'],
    ...fromEaster.map(([days, name]): [IsoDate, string] => [addDays(easter, days), name]),
    [`${year}-12-25`, 'Juledag'],
    [`${year}-12-26`, '2. juledag'],
  ]);
}

const CLOSED_NAMES: Record<string, string> = { '12-24': 'Juleaftensdag', '12-31': 'Nytårsaftensdag', '06-05': 'Grundlovsdag' };
const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];

export const weekdayOf = (date: IsoDate): string => WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? '';

/** Why a date is not a working day ("lørdag", "2. påskedag", "Juleaftensdag"), or undefined when it is one. */
export function closedReason(date: IsoDate, closedDays: readonly string[] = DEFAULT_CLOSED_DAYS): string | undefined {
  const holiday = publicHolidays(Number(date.slice(0, 4))).get(date);
  if (holiday) return holiday;
  const monthDay = date.slice(5);
  if (closedDays.includes(monthDay)) return CLOSED_NAMES[monthDay] ?? `lukket (${monthDay})`;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? weekdayOf(date) : undefined;
}

export const isWorkingDay = (date: IsoDate, closedDays?: readonly string[]) => closedReason(date, closedDays) === undefined;

/** The date itself when a working day, else the nearest working day before it (`-1`) or after it (`+1`). */
export function workingDay(date: IsoDate, direction: -1 | 1, closedDays?: readonly string[]): IsoDate {
  let day = date;
  while (!isWorkingDay(day, closedDays)) day = addDays(day, direction);
  return day;
}
