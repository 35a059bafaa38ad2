// Cells for anything a spreadsheet opens (CSV and XLSX): a text that Excel would read as a formula
// (= + - @, tab or carriage return first; OWASP's CSV-injection guidance) is prefixed with an
// apostrophe, so it shows as typed and never runs.
import ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | null;

export function neutralized(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// Characters XML 1.0 cannot carry (Word and Excel files are XML): refused at input, dropped here too.
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- the characters XML cannot carry
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_IN_XML, '');
}

export function spreadsheetCell(value: Cell): Cell {
  return typeof value === 'string' ? neutralized(xmlSafe(value)) : value;
}

/** One CSV file as Danish Excel expects it: semicolons, decimal comma, BOM, CRLF. */
export function csv(rows: Cell[][]): string {
  const field = (v: Cell) => {
    const text = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : neutralized(v);
    return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return '\uFEFF' + rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}

export interface SheetData {
  name: string;
  columns: string[];
  rows: Cell[][];
  /** Column widths in characters; from the headings when left out. */
  widths?: number[];
}

/** A workbook of sheets, each with a bold, frozen heading row; every cell as `spreadsheetCell` makes it. */
export async function xlsx(title: string, sheets: SheetData[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'udmeld';
  workbook.title = xmlSafe(title);
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.columns.map(spreadsheetCell)).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map(spreadsheetCell));
    ws.columns.forEach(
      (column, i) => (column.width = sheet.widths?.[i] ?? Math.min(60, Math.max(12, (sheet.columns[i]?.length ?? 0) + 2))),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
