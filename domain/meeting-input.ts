// A meeting as the secretariat enters or imports it: by hand on the page, a row of a CSV file
// ("Organ;Dato;Dagsordensfrist;Titel"), or an event of an iCalendar file whose body the form names.
// Every problem is reported with its field or line, and nothing is saved while any remain.
import { APPROVAL_STEP_IDS, stepRow } from './approval-chain';
import { councilIdSchema, REGION_COUNCIL } from './commands';
import { csvLines, delimiterOf, splitRow } from './csv';
import { MAX_AGENDA_WORKING_DAYS, MEETING_BODIES, type Meeting } from './meetings';
import { MUNICIPALITIES, municipality, SYDDANMARK } from './municipalities';
import { isValidDate } from './time';
import { isoDateSchema, line, regionCodeSchema, z, type FieldIssue } from './zod';

export const DEFAULT_AGENDA_WORKING_DAYS = 10;
export const MAX_MEETINGS_PER_IMPORT = 2000;

const agendaWorkingDays = z
  .number({ message: 'Skriv et helt antal arbejdsdage' })
  .int('Skriv et helt antal arbejdsdage')
  .min(0, 'Mindst 0 arbejdsdage')
  .max(MAX_AGENDA_WORKING_DAYS, `Højst ${MAX_AGENDA_WORKING_DAYS} arbejdsdage`);

export const meetingInputSchema = z
  .strictObject({
    regionCode: regionCodeSchema.default(SYDDANMARK),
    body: z.enum(MEETING_BODIES, { message: 'Vælg et organ' }),
    /** For a council: its municipality's code, or `region` for the regional council. */
    council: councilIdSchema.optional(),
    date: isoDateSchema,
    agendaWorkingDays: agendaWorkingDays.default(DEFAULT_AGENDA_WORKING_DAYS),
    title: line({ min: 0, max: 200 }).default(''),
  })
  .superRefine((m, ctx) => {
    if (m.body === 'council' && !m.council) ctx.addIssue({ code: 'custom', path: ['council'], message: 'Vælg byrådet eller regionsrådet' });
    if (m.body !== 'council' && m.council)
      ctx.addIssue({ code: 'custom', path: ['council'], message: 'Kun et byråds møde har en kommune' });
    if (m.council && m.council !== REGION_COUNCIL && municipality(m.council).regionCode !== m.regionCode)
      ctx.addIssue({ code: 'custom', path: ['council'], message: `${municipality(m.council).name} hører ikke til regionen` });
  });
/** A meeting as a form or a request gives it (the organ as text: the schema checks it). */
export type MeetingInput = Omit<z.input<typeof meetingInputSchema>, 'body'> & { body: string };
export type ParsedMeeting = z.output<typeof meetingInputSchema>;

export const toMeeting = (m: ParsedMeeting): Meeting & { title: string } => ({
  body: m.body,
  ...(m.council ? { municipalityCode: m.council } : {}),
  date: m.date,
  agendaWorkingDays: m.agendaWorkingDays,
  title: m.title,
});

const COLUMNS = {
  body: ['organ', 'udvalg', 'forum', 'body'],
  date: ['dato', 'mødedato', 'date'],
  agenda: ['dagsordensfrist', 'dagsordensfrist (arbejdsdage)', 'frist', 'arbejdsdage', 'agenda working days'],
  title: ['titel', 'møde', 'title', 'beskrivelse'],
} as const;
type Column = keyof typeof COLUMNS;

/** "fu", "Forretningsudvalget", "KKR", "byråd 0461", "Odense", "Regionsrådet" → body and council. */
function bodyOf(text: string): { body: Meeting['body']; council?: string } | undefined {
  const t = text.trim().toLowerCase();
  const step = APPROVAL_STEP_IDS.find((s) => s === t || stepRow(s).name.toLowerCase() === t);
  if (step) return { body: step };
  if (t === 'regionsrådet' || t === 'regionsråd' || t === REGION_COUNCIL) return { body: 'council', council: REGION_COUNCIL };
  const rest = t.replace(/^(byråd|byrådet|kommunalbestyrelse|kommunalbestyrelsen)[\s:,-]*/, '').replace(/\s+(kommune|byråd)$/, '');
  const code = /^\d{3,4}$/.test(rest) ? rest.padStart(4, '0') : MUNICIPALITIES.find((m) => m.name.toLowerCase() === rest)?.code;
  return code && MUNICIPALITIES.some((m) => m.code === code) ? { body: 'council', council: code } : undefined;
}

/** "2027-03-04", "04-03-2027", "4.3.2027" → "2027-03-04". */
export function dateOf(text: string): string | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const dk = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(t);
  const date = iso ? t : dk ? `${dk[3]}-${dk[2]?.padStart(2, '0')}-${dk[1]?.padStart(2, '0')}` : undefined;
  return date && isValidDate(date) ? date : undefined;
}

export function parseMeetingCsv(text: string, regionCode: string): { meetings: ParsedMeeting[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const problem = (n: number, message: string) => issues.push({ path: 'text', message: `Linje ${n}: ${message}` });
  const lines = csvLines(text);
  const headerLine = lines.findIndex((l) => l.trim() !== '');
  const first = lines[headerLine];
  if (first === undefined) return { meetings: [], issues: [{ path: 'text', message: 'Filen er tom' }] };
  const delimiter = delimiterOf(first);
  const header = splitRow(first, delimiter).map((h) => h.trim().toLowerCase());
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([column, names]) => [column, header.findIndex((h) => (names as readonly string[]).includes(h))]),
  ) as Record<Column, number>;
  if (index.body < 0) problem(headerLine + 1, 'mangler en kolonne "Organ"');
  if (index.date < 0) problem(headerLine + 1, 'mangler en kolonne "Dato"');
  if (issues.length) return { meetings: [], issues };
  const meetings: ParsedMeeting[] = [];
  for (const [i, row] of lines.entries()) {
    if (i <= headerLine || row.trim() === '') continue;
    const cells = splitRow(row, delimiter).map((c) => c.trim());
    const cell = (column: Column) => (index[column] >= 0 ? (cells[index[column]] ?? '') : '');
    const body = bodyOf(cell('body'));
    const date = dateOf(cell('date'));
    if (!body) problem(i + 1, `ukendt organ "${cell('body')}" (FU, Socialdirektørforum, K22, KKR, en kommune eller Regionsrådet)`);
    if (!date) problem(i + 1, `"${cell('date')}" er ikke en dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ)`);
    if (!body || !date) continue;
    const agenda = cell('agenda');
    const parsed = meetingInputSchema.safeParse({
      regionCode,
      ...body,
      date,
      ...(agenda ? { agendaWorkingDays: Number(agenda) } : {}),
      title: cell('title'),
    });
    if (parsed.success) meetings.push(parsed.data);
    else for (const issue of parsed.error.issues) problem(i + 1, issue.message);
  }
  if (meetings.length > MAX_MEETINGS_PER_IMPORT) problem(lines.length, `højst ${MAX_MEETINGS_PER_IMPORT} møder ad gangen`);
  if (!meetings.length && !issues.length) issues.push({ path: 'text', message: 'Filen har ingen møder' });
  return { meetings, issues };
}
