// Recurring rounds: a template put on a calendar (occupancy on 1 January and 1 July, reporting due 30
// days later). Temporal keeps the calendar as a Schedule; each time it fires, a round is made from the
// template's newest version and launched to the region's respondents with the register's contacts.
import { line, prose, regionCodeSchema, z } from './zod';
import { SYDDANMARK } from './municipalities';
import { MONTHS } from './time';

const fields = {
  /** The rounds' title; the month and year are added ("Belægningsprocenter, juli 2027"). */
  title: line({ min: 3, max: 200, tooShort: 'Titlen skal have mindst 3 tegn' }),
  targetGroup: prose({ min: 1, max: 1000, tooShort: 'Beskriv målgruppen' }),
  regionCode: regionCodeSchema.default(SYDDANMARK),
  /** The months it runs in (1-12), on this day, at 08:00 Danish time. */
  months: z
    .array(z.number().int().min(1).max(12))
    .min(1, 'Vælg mindst én måned')
    .max(12)
    .refine((m) => new Set(m).size === m.length, 'En måned er med flere gange'),
  day: z.number().int().min(1).max(28),
  /** The respondents' deadline, days after the round starts. */
  deadlineDays: z.number().int().min(1).max(180).default(30),
  /** When the whole round is due, days after it starts. */
  dueDays: z.number().int().min(2).max(365).default(90),
};
const dueAfterDeadline = {
  check: (s: { dueDays: number; deadlineDays: number }) => s.dueDays > s.deadlineDays,
  issue: { path: ['dueDays'], message: 'Rundens frist skal ligge efter respondenternes frist' },
};

/** A template's calendar, as the API and the page give it (the template is in the address). */
export const scheduleBodySchema = z.strictObject(fields).refine(dueAfterDeadline.check, dueAfterDeadline.issue);

/** A template's calendar, as its Schedule's action carries it. */
export const roundScheduleSchema = z
  .strictObject({ templateId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Små bogstaver, tal og bindestreg, højst 40 tegn'), ...fields })
  .refine(dueAfterDeadline.check, dueAfterDeadline.issue);
export type RoundSchedule = z.output<typeof roundScheduleSchema>;
export type RoundScheduleInput = z.input<typeof roundScheduleSchema>;

/** "Belægningsprocenter, juli 2027". */
export function scheduledTitle(title: string, on: string): string {
  const [year, month] = on.split('-').map(Number) as [number, number];
  return `${title}, ${MONTHS[month - 1]} ${year}`;
}

export const scheduleStateSchema = z.object({
  id: z.string(),
  schedule: z.object({
    templateId: z.string(),
    title: z.string(),
    targetGroup: z.string(),
    regionCode: z.string(),
    months: z.array(z.number()),
    day: z.number(),
    deadlineDays: z.number(),
    dueDays: z.number(),
  }),
  paused: z.boolean(),
  note: z.string().optional(),
  /** The next times it fires. */
  next: z.array(z.string()),
  /** What it did: each time it fired, and the workflow that made the round. */
  recent: z.array(z.object({ scheduledAt: z.string(), startedAt: z.string(), workflowId: z.string() })),
});
export type ScheduleState = z.output<typeof scheduleStateSchema>;

export const schedulePauseSchema = z.strictObject({ note: prose({ max: 500 }).default('') });
