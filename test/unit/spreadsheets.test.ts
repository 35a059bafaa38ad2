// What a spreadsheet opens must never run: no cell that Excel reads as a formula (OWASP's CSV
// injection), and legal, unique sheet names whatever the questionnaire's themes are called.
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_QUESTIONNAIRE } from '../../domain/questionnaire';
import { answersCsv, answersXlsx, csvSheets, sheetNames } from '../../report/answers-export';
import { auditCsv } from '../../report/audit-export';
import { reportDocx } from '../../report/docx';
import { reportModel } from '../../report/model';
import { answerFor, settledCuState, SECRETARIAT, SYDDANMARK_CODES } from '../../fixtures/round';

const FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3', '\t=1+1', '\r=1+1'];
/** Any text a person could type that starts the way a formula does (as stored: answers are trimmed). */
const formulaLike = fc
  .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string({ maxLength: 30 }))
  .map(([a, b]) => (a + b).trim())
  .filter((t) => t.length > 0);

/** The CSV's cells, undoing its quoting. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  const re = /("((?:[^"]|"")*)"|[^;\r\n]*)(;|\r\n|$)/g;
  for (let m = re.exec(text.replace(/^\uFEFF/, '')); m && m[0] !== ''; m = re.exec(text))
    cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]!);
  return cells;
}
const startsAFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);
const shown = (text: string) => (startsAFormula(text) ? `'${text}` : text);

function withTexts(texts: string[]) {
  return settledCuState(SYDDANMARK_CODES.slice(0, texts.length), {
    answer: (code) => ({ ...answerFor(code), koordinering: texts[SYDDANMARK_CODES.indexOf(code)]! }),
  });
}

describe('no formula runs', () => {
  test('answers as CSV: cells that would start a formula begin with an apostrophe', () => {
    fc.assert(
      fc.property(fc.array(formulaLike, { minLength: 1, maxLength: 5 }), (texts) => {
        const cells = csvCells(answersCsv(withTexts(texts), 'koordinering')!);
        expect(cells.filter(startsAFormula)).toEqual([]);
        for (const text of texts) expect(cells).toContain(shown(text));
      }),
      { numRuns: 50 },
    );
    expect(csvCells(answersCsv(withTexts(FORMULAS), 'koordinering')!)).toEqual(
      expect.arrayContaining(FORMULAS.map((f) => shown(f.trim()))),
    );
  });

  test('answers as XLSX: no cell holds a formula or text that starts one', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await answersXlsx(withTexts(FORMULAS))) as never);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(texts.filter(startsAFormula)).toEqual([]);
    expect(texts).toEqual(expect.arrayContaining(FORMULAS.map((f) => shown(f.trim()))));
  });

  test('the audit trail as CSV: remarks and names are neutralised too', () => {
    const events = FORMULAS.map((note, i) => ({
      at: '2026-03-01T10:00:00.000Z',
      kind: 'excused' as const,
      by: { ...SECRETARIAT, name: FORMULAS[(i + 1) % FORMULAS.length]! },
      municipalityCode: '0461',
      note,
    }));
    expect(csvCells(auditCsv(events)).filter(startsAFormula)).toEqual([]);
  });
});

describe('characters XML cannot carry', () => {
  // Refused at input (see the validators' tests); should one reach the record anyway, the files still open.
  test('control characters and broken surrogates in the record still give files Excel and Word open', async () => {
    const base = settledCuState(SYDDANMARK_CODES.slice(0, 2));
    const evil = 'Styretegn \u0001\u0008\u000b\u001f, \ud800 og \uFFFE slut';
    const municipalities = Object.fromEntries(
      Object.entries(base.municipalities).map(([code, m]) => [
        code,
        { ...m, answer: { ...m.answer!, values: { ...m.answer!.values, koordinering: evil } } },
      ]),
    );
    const state = {
      ...base,
      cu: { ...base.cu, title: `Titel ${evil}` },
      municipalities,
      report: { ...base.report!, summaries: { ...base.report!.summaries, koordinering: evil } },
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await answersXlsx(state)) as never);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const docx = await reportDocx(reportModel(state));
    const converted = await mammoth.convertToHtml({ buffer: docx });
    expect(converted.value).toContain('Styretegn ,  og  slut');
    expect(converted.messages.filter((m) => m.type === 'error')).toEqual([]);
  });
});

describe('sheet names from any theme title', () => {
  const legal = (name: string) =>
    name.length >= 1 && name.length <= 31 && !/[[\]:*?/\\]/.test(name) && !/^'|'$/.test(name) && name.toLowerCase() !== 'history';

  test('the titles that broke the workbook: reserved, quoted, forbidden characters, the same 31 first characters', async () => {
    const titles = [
      'History',
      "'Citeret'",
      'Spørgsmål [a]:*?/\\b',
      'En meget lang titel på et tema som fortsætter A',
      'En meget lang titel på et tema som fortsætter B',
      '[]:*?/\\',
      'Tilbud',
    ];
    const questionnaire = {
      themes: titles.map((title, i) => ({
        id: `t${i}`,
        title,
        questions: [{ id: `q${i}`, kind: 'text' as const, label: 'Spørgsmål', required: false, maxLength: 100 }],
      })),
    };
    const base = settledCuState(SYDDANMARK_CODES.slice(0, 2));
    const values = Object.fromEntries(titles.map((_, i) => [`q${i}`, `Svar ${i}`]));
    const municipalities = Object.fromEntries(
      Object.entries(base.municipalities).map(([code, m]) => [code, { ...m, answer: { ...m.answer!, values } }]),
    );
    const state = { ...base, cu: { ...base.cu, questionnaire }, municipalities };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await answersXlsx(state)) as never);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toHaveLength(titles.length);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) expect(legal(name), name).toBe(true);
    expect(csvSheets(state)).toHaveLength(titles.length);
    for (const sheet of csvSheets(state)) expect(answersCsv(state, sheet)).toBeDefined();
  });

  test('any titles give legal, unique names (besides the services sheet)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 12 }), (titles) => {
        const names = sheetNames([...titles, 'Tilbud']);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        for (const name of names) expect(legal(name), JSON.stringify(name)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(sheetNames(DEFAULT_QUESTIONNAIRE.themes.map((t) => t.title))).toEqual([
      'Målgruppen',
      'Højt specialiserede tilbud og i',
      'Koordinering og samarbejde',
      'Fremadrettet tilrettelæggelse',
    ]);
  });
});
