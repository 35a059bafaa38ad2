// All answers for the secretariat's own work, exact figures: XLSX with one sheet per theme (one row
// per municipality) and the services on their own sheet; CSV of the same.
import ExcelJS from 'exceljs';
import { PROVIDER_TYPES, type ServiceRow } from '../domain/answer';
import { municipality } from '../domain/municipalities';
import { MUNICIPALITY_STATUSES } from '../domain/municipality-process';
import { csv, spreadsheetCell, type Cell } from './cells';
import type { CuRecord as CuState, MunicipalityRecord as MunicipalityState } from '../domain/views';

interface Sheet {
  name: string;
  columns: string[];
  rows: Cell[][];
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SERVICES_SHEET = 'Tilbud';
const SERVICES_CSV = 'tilbudsliste';
/** Excel allows 31 characters and none of []:*?/\\ in a sheet name. */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

function sheets(state: CuState): Sheet[] {
  const all = Object.values(state.municipalities).sort((a, b) => (a.code < b.code ? -1 : 1));
  const base = (m: MunicipalityState) => [m.code, municipality(m.code).name, MUNICIPALITY_STATUSES[m.status], m.answer ? m.answer.submittedAt : null];
  const result: Sheet[] = [];
  for (const theme of state.cu.questionnaire.themes) {
    const questions = theme.questions.filter((q) => q.kind !== 'services');
    if (questions.length === 0) continue;
    result.push({
      name: sheetName(theme.title),
      columns: ['Kommunekode', 'Kommune', 'Status', 'Indsendt', ...questions.map((q) => q.label)],
      rows: all.map((m) => [...base(m), ...questions.map((q) => (m.answer?.values[q.id] as string | number | undefined) ?? null)]),
    });
  }
  const serviceQuestions = state.cu.questionnaire.themes.flatMap((t) => t.questions).filter((q) => q.kind === 'services');
  if (serviceQuestions.length) {
    result.push({
      name: SERVICES_SHEET,
      columns: ['Kommunekode', 'Kommune', 'Spørgsmål', 'Tilbud', 'Leverandørtype', 'Leverandør', 'Lovgrundlag', 'Pladser'],
      rows: all.flatMap((m) =>
        serviceQuestions.flatMap((q) =>
          ((m.answer?.values[q.id] as ServiceRow[] | undefined) ?? []).map((s) => [m.code, municipality(m.code).name, q.id, s.offer, PROVIDER_TYPES[s.provider], s.providerName ?? null, s.legalBasis, s.places]),
        ),
      ),
    });
  }
  return result;
}

export async function answersXlsx(state: CuState): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'udmeld';
  workbook.title = `Besvarelser: ${state.cu.title}`;
  for (const sheet of sheets(state)) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map(spreadsheetCell));
    ws.columns.forEach((column, i) => (column.width = Math.min(60, Math.max(12, sheet.columns[i]!.length + 2))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One CSV per sheet; `sheet` is a theme id or "tilbudsliste" (the services). Semicolon-separated, as Danish Excel expects. */
export function answersCsv(state: CuState, sheet: string): string | undefined {
  const themes = state.cu.questionnaire.themes;
  const title = themes.find((t) => t.id === sheet)?.title;
  const wanted = sheet === SERVICES_CSV ? SERVICES_SHEET : title && sheetName(title);
  const found = sheets(state).find((s) => s.name === wanted);
  if (!found) return undefined;
  return csv([found.columns, ...found.rows]);
}

export function csvSheets(state: CuState): string[] {
  const themes = state.cu.questionnaire.themes.filter((t) => t.questions.some((q) => q.kind !== 'services')).map((t) => t.id);
  return state.cu.questionnaire.themes.some((t) => t.questions.some((q) => q.kind === 'services')) ? [...themes, SERVICES_CSV] : themes;
}
