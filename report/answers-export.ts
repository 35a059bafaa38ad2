// All answers for the secretariat's own work, exact figures: XLSX with one sheet per theme (one row
// per respondent, a column per question: numbers as numbers, choices and yes/no as their words), a
// sheet per table (one row per row, computed columns worked out) and the services on their own
// sheet; CSV of the same.
import { PROVIDER_TYPES, withComputed, type ServiceRow, type TableRow } from '../domain/answer';
import { answerText, cellText } from '../domain/answer-text';
import type { Question } from '../domain/questionnaire';
import { municipality } from '../domain/municipalities';
import { MUNICIPALITY_STATUSES } from '../domain/municipality-process';
import { csv, xlsx, type SheetData } from './cells';
import type { CuRecord as CuState, MunicipalityRecord as MunicipalityState } from '../domain/views';

interface Sheet extends SheetData {
  /** The theme's id, a table question's id, or "tilbudsliste" for the services. */
  id: string;
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SERVICES_SHEET = 'Tilbud';
const SERVICES_CSV = 'tilbudsliste';
const MAX_SHEET_NAME = 31;

/**
 * Legal, unique sheet names from any titles: Excel allows 31 characters, none of []:*?/\\, no
 * apostrophe first or last, not "History" (reserved), and no two alike regardless of case.
 */
export function sheetNames(titles: string[]): string[] {
  const used = new Set<string>();
  const tidy = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
  return titles.map((title, i) => {
    // eslint-disable-next-line no-control-regex -- a sheet name may not hold control characters
    let base = tidy(title.replace(/[[\]:*?/\\\u0000-\u001f\u007f]/g, ' ')).slice(0, MAX_SHEET_NAME);
    base = tidy(base) || `Tema ${i + 1}`;
    if (base.toLowerCase() === 'history') base = `${base} (tema)`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${tidy(base.slice(0, MAX_SHEET_NAME - suffix.length))}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** A theme sheet's cell for one answer: numbers as numbers (Excel sums them), everything else as its text. */
function themeCell(question: Question, value: unknown): string | number | null {
  if (value === undefined || value === '') return null;
  return typeof value === 'number' ? value : answerText(question, value);
}

/** Kinds that get a sheet of their own (one row per row of the answer), not a column of their theme's. */
const OWN_SHEET = new Set<Question['kind']>(['table', 'services']);

function sheets(state: CuState): Sheet[] {
  const questionnaire = state.cu.questionnaire;
  const all = Object.values(state.municipalities).sort((a, b) => (a.code < b.code ? -1 : 1));
  const values = new Map(all.map((m) => [m.code, m.answer ? withComputed(questionnaire, m.answer.values) : {}]));
  const base = (m: MunicipalityState) => [
    m.code,
    municipality(m.code).name,
    MUNICIPALITY_STATUSES[m.status],
    m.answer ? m.answer.submittedAt : null,
  ];
  const result: Omit<Sheet, 'name'>[] = [];
  const titles: string[] = [];
  for (const theme of questionnaire.themes) {
    const questions = theme.questions.filter((q) => !OWN_SHEET.has(q.kind));
    if (questions.length) {
      titles.push(theme.title);
      result.push({
        id: theme.id,
        columns: ['Kommunekode', 'Kommune', 'Status', 'Indsendt', ...questions.map((q) => q.label)],
        rows: all.map((m) => [...base(m), ...questions.map((q) => themeCell(q, values.get(m.code)?.[q.id]))]),
      });
    }
    for (const q of theme.questions) {
      if (q.kind !== 'table') continue;
      titles.push(q.label);
      result.push({
        id: q.id,
        columns: ['Kommunekode', 'Kommune', ...(q.rows ? ['Række'] : []), ...q.columns.map((c) => c.label)],
        rows: all.flatMap((m) =>
          ((values.get(m.code)?.[q.id] as TableRow[] | undefined) ?? []).map((row, i) => [
            m.code,
            municipality(m.code).name,
            ...(q.rows ? [q.rows[i]?.label ?? null] : []),
            ...q.columns.map((c) => {
              const v = row[c.id];
              return v === undefined ? null : typeof v === 'number' ? v : cellText(c, v);
            }),
          ]),
        ),
      });
    }
  }
  const serviceQuestions = questionnaire.themes.flatMap((t) => t.questions).filter((q) => q.kind === 'services');
  if (serviceQuestions.length) {
    titles.push(SERVICES_SHEET);
    result.push({
      id: SERVICES_CSV,
      columns: ['Kommunekode', 'Kommune', 'Spørgsmål', 'Tilbud', 'Leverandørtype', 'Leverandør', 'Lovgrundlag', 'Pladser'],
      rows: all.flatMap((m) =>
        serviceQuestions.flatMap((q) =>
          ((m.answer?.values[q.id] as ServiceRow[] | undefined) ?? []).map((s) => [
            m.code,
            municipality(m.code).name,
            q.id,
            s.offer,
            PROVIDER_TYPES[s.provider],
            s.providerName ?? null,
            s.legalBasis,
            s.places,
          ]),
        ),
      ),
    });
  }
  const names = sheetNames(titles);
  return result.map((sheet, i) => ({ ...sheet, name: names[i] ?? sheet.id }));
}

export function answersXlsx(state: CuState): Promise<Buffer> {
  return xlsx(`Besvarelser: ${state.cu.title}`, sheets(state));
}

/** One CSV per sheet; `sheet` is a theme id or "tilbudsliste" (the services). Semicolon-separated, as Danish Excel expects. */
export function answersCsv(state: CuState, sheet: string): string | undefined {
  const found = sheets(state).find((s) => s.id === sheet);
  return found && csv([found.columns, ...found.rows]);
}

/** The CSV files there are: a theme id each, and "tilbudsliste" for the services. */
export function csvSheets(state: CuState): string[] {
  return sheets(state).map((s) => s.id);
}
