// A respondent's answer as an Excel workbook in the questionnaire's own layout, to fill in Excel and
// read back: a sheet "Svar" with one row per question (id, question, answer), and a sheet per table
// with its columns as headings (given rows named in the first column). Choices and yes/no are written
// and read as their words; numbers as Danish Excel writes them. What is read back is checked as any
// draft is; files and the offers' table are answered on the page.
import ExcelJS from 'exceljs';
import type { AnswerValues, TableRow } from '../domain/answer';
import { cellText } from '../domain/answer-text';
import { questionsOf, type Column, type Option, type Question, type Questionnaire } from '../domain/questionnaire';
import { xlsx, type Cell } from './cells';
import { parseDanishNumber } from '../domain/numbers';
import { sheetNames } from './answers-export';

const ANSWERS_SHEET = 'Svar';
type Table = Extract<Question, { kind: 'table' }>;
const onSheet = (q: Question) => !['table', 'computed', 'services', 'attachment'].includes(q.kind);
const tables = (questionnaire: Questionnaire) => questionsOf(questionnaire).filter((q): q is Table => q.kind === 'table');
const inputs = (table: Table) => table.columns.filter((c) => c.kind !== 'computed');

/** The workbook to fill in, with what the respondent has answered so far. */
export function answerWorkbook(questionnaire: Questionnaire, values: AnswerValues): Promise<Buffer> {
  const scalar = questionsOf(questionnaire).filter(onSheet);
  const names = sheetNames([ANSWERS_SHEET, ...tables(questionnaire).map((t) => t.label)]);
  return xlsx('Besvarelse', [
    {
      name: names[0] ?? ANSWERS_SHEET,
      columns: ['Id', 'Spørgsmål', 'Svar'],
      rows: scalar.map((q) => [q.id, q.label, written(q, values[q.id])]),
      widths: [14, 60, 40],
    },
    ...tables(questionnaire).map((table, i) => {
      const rows = (values[table.id] as TableRow[] | undefined) ?? [];
      const count = table.rows?.length ?? rows.length;
      return {
        name: names[i + 1] ?? table.id,
        columns: [...(table.rows ? ['Række'] : []), ...inputs(table).map((c) => c.label)],
        rows: Array.from({ length: count }, (_, r) => [
          ...(table.rows ? [table.rows[r]?.label ?? ''] : []),
          ...inputs(table).map((c): Cell => {
            const v = rows[r]?.[c.id];
            return typeof v === 'number' ? v : v === undefined ? null : cellText(c, v);
          }),
        ]),
      };
    }),
  ]);
}

function written(q: Question, value: unknown): Cell {
  if (value === undefined) return null;
  if (typeof value === 'number') return value;
  if (q.kind === 'choice')
    return (Array.isArray(value) ? (value as string[]) : [value as string]).map((id) => labelOf(q.options, id)).join('; ');
  if (q.kind === 'yesno') return value === true ? 'Ja' : value === false ? 'Nej' : null;
  return typeof value === 'string' ? value : null;
}

const labelOf = (options: Option[], id: string) => options.find((o) => o.id === id)?.label ?? id;

/** The answer in a filled-in workbook, as a draft's values (the checker then says what is wrong). */
export async function readAnswerWorkbook(questionnaire: Questionnaire, bytes: Buffer): Promise<AnswerValues> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const values: Record<string, unknown> = {};
  const [answers, ...tableSheets] = workbook.worksheets;
  const byId = new Map(questionsOf(questionnaire).map((q) => [q.id, q]));
  answers?.eachRow((row, n) => {
    if (n === 1) return;
    const question = byId.get(text(row.getCell(1).value));
    const cell = row.getCell(3).value;
    if (!question || !onSheet(question) || empty(cell)) return;
    values[question.id] = read(question, cell);
  });
  tables(questionnaire).forEach((table, i) => {
    const sheet = tableSheets[i];
    if (!sheet) return;
    const headings = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => text(v).toLowerCase());
    const at = (column: Column) => headings.findIndex((h) => h === column.label.toLowerCase() || h === column.id);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cells = Object.fromEntries(
        inputs(table).flatMap((column) => {
          const index = at(column);
          const cell = index > 0 ? row.getCell(index).value : null;
          return empty(cell) ? [] : [[column.id, read(column, cell)]];
        }),
      );
      if (table.rows || Object.keys(cells).length) rows.push(cells);
    });
    values[table.id] = table.rows ? rows.slice(0, table.rows.length) : rows;
  });
  return values as AnswerValues;
}

const empty = (cell: ExcelJS.CellValue) => cell === null || cell === undefined || text(cell) === '';

/** A cell's text: rich text joined, a formula's result, an apostrophe the export put before a formula-like text taken off. */
function text(cell: ExcelJS.CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') {
    if ('richText' in cell)
      return cell.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in cell) return text(cell.result);
    if ('text' in cell) return String(cell.text).trim();
    return '';
  }
  return String(cell)
    .trim()
    .replace(/^'(?=[=+\-@])/, '');
}

/** A cell as the question's or column's kind takes it; anything else as its text, for the checker to name. */
function read(item: { kind: string; options?: Option[]; multiple?: boolean }, cell: ExcelJS.CellValue): unknown {
  const raw = text(cell);
  switch (item.kind) {
    case 'number':
    case 'percent':
      return typeof cell === 'number' ? cell : parseDanishNumber(raw);
    case 'yesno':
      return /^ja$/i.test(raw) ? true : /^nej$/i.test(raw) ? false : raw;
    case 'choice': {
      const idOf = (label: string) =>
        item.options?.find((o) => o.label.toLowerCase() === label.toLowerCase() || o.id === label)?.id ?? label;
      return item.multiple
        ? raw
            .split(/\s*;\s*/)
            .filter(Boolean)
            .map(idOf)
        : idOf(raw);
    }
    case 'date':
      return /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.test(raw)
        ? raw.replace(
            /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
            (_, d: string, m: string, y: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
          )
        : raw;
    default:
      return raw;
  }
}
