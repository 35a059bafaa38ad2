// The report read back with parsers: DOCX through mammoth, XLSX through exceljs.
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { describe, expect, test } from 'vitest';
import { protectCounts } from '../../domain/suppression';
import { answersCsv, answersXlsx, csvSheets } from '../../report/answers-export';
import { reportDocx } from '../../report/docx';
import { reportHtml } from '../../report/html';
import { reportModel } from '../../report/model';
import { answerFor, expectedCount, settledCuState, SYDDANMARK_CODES } from '../../fixtures/round';

const MISSING = ['0492', '0563'];
const state = settledCuState(SYDDANMARK_CODES, { missing: MISSING });
const answered = SYDDANMARK_CODES.filter((c) => !MISSING.includes(c));
const total = answered.reduce((sum, c) => sum + expectedCount(c), 0);
const docxText = async (buffer: Buffer) => (await mammoth.extractRawText({ buffer })).value;

describe('small-number protection', () => {
  test('1 to 4 shows as a range; zero and larger numbers are exact', () => {
    const shown = protectCounts({ a: 0, b: 3, c: 12, d: 25 }, 4);
    expect(shown.cells.a).toBe('0');
    expect(shown.cells.b).toBe('1-4');
    expect(shown.cells.d).toBe('25');
  });

  test('a total never reveals a single hidden cell: the next smallest is hidden too', () => {
    const shown = protectCounts({ a: 3, b: 12, c: 25 }, 4);
    expect(shown.cells).toEqual({ a: '1-4', b: 'x', c: '25' });
    expect(shown.total).toBe('40');
  });

  test('hidden cells that add up to a small number are topped up, or the total is hidden', () => {
    expect(protectCounts({ a: 1, b: 1, c: 30 }, 4).cells).toEqual({ a: '1-4', b: '1-4', c: 'x' });
    expect(protectCounts({ a: 1, b: 2 }, 4).total).toBe('1-4');
    expect(protectCounts({ a: 2, b: 0 }, 4)).toMatchObject({ cells: { a: '1-4', b: '0' }, total: '1-4' });
  });

  test('exact for the secretariat, with Danish thousands separators', () => {
    expect(protectCounts({ a: 3, b: 1234 })).toEqual({ cells: { a: '3', b: '1.234' }, total: '1.237', suppressed: 0 });
  });
});

describe('the Word report', () => {
  test('holds the title page, every theme, totals, texts, the missing and the approval record', async () => {
    const text = await docxText(await reportDocx(reportModel(state)));
    expect(text).toContain('UDKAST – ikke godkendt');
    expect(text).toContain('Afrapportering: Borgere med svære spiseforstyrrelser');
    expect(text).toContain('Region Syddanmark');
    for (const heading of [
      'Målgruppen',
      'Højt specialiserede tilbud og indsatser',
      'Koordinering og samarbejde',
      'Fremadrettet tilrettelæggelse',
      'Kommuner uden besvarelse',
      'Godkendelse',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Målgruppen er lille.');
    expect(text).toMatch(new RegExp(`I alt\\s*${total}`));
    for (const code of answered) {
      expect(text).toContain(answerFor(code).koordinering as string);
      expect(text).toContain(answerFor(code).fremadrettet as string);
    }
    expect(text).toMatch(/Ærø\s*Ikke indsendt/);
    expect(text).toContain('Spiseforstyrrelsesklinik Syd');
  });

  test('protected: small counts as 1-4 and a footnote; the exact version has the exact figures', async () => {
    const protectedText = await docxText(await reportDocx(reportModel(state, { threshold: 4 })));
    const exactText = await docxText(await reportDocx(reportModel(state)));
    const odense = expectedCount('0461'); // 0461 % 7 = 6: shown exactly either way
    expect(protectedText).toMatch(new RegExp(`Odense\\s*${odense}`));
    const small = answered.find((c) => expectedCount(c) >= 1 && expectedCount(c) <= 4)!;
    const name = state.municipalities[small]!.name;
    expect(protectedText).toMatch(new RegExp(`${name}\\s*1-4`));
    expect(exactText).toMatch(new RegExp(`${name}\\s*${expectedCount(small)}\\b`));
    expect(protectedText).toContain('vises antal mellem 1 og 4 som "1-4"');
    expect(exactText).not.toContain('1-4');
  });

  test('no longer a draft once the forum has approved', async () => {
    const text = await docxText(await reportDocx(reportModel(settledCuState(SYDDANMARK_CODES, { approved: true }))));
    expect(text).not.toContain('UDKAST');
    expect(text).toContain('Socialdirektørforum');
  });
});

describe('the exports', () => {
  test('XLSX: one sheet per theme with a row per municipality, services on their own sheet, nothing lost', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await answersXlsx(state)) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Målgruppen',
      'Højt specialiserede tilbud og i',
      'Koordinering og samarbejde',
      'Fremadrettet tilrettelæggelse',
      'Tilbud',
    ]);
    const target = workbook.getWorksheet('Målgruppen')!;
    expect(target.rowCount).toBe(1 + 22);
    const counts = new Map<string, number>();
    target.eachRow((row, i) => {
      if (i > 1 && row.getCell(5).value !== null) counts.set(row.getCell(1).text, Number(row.getCell(5).value));
    });
    expect([...counts.keys()].sort()).toEqual([...answered].sort());
    for (const code of answered) expect(counts.get(code)).toBe(expectedCount(code));
    const services = workbook.getWorksheet('Tilbud')!;
    const rows = answered.reduce((n, c) => n + (answerFor(c).tilbud as unknown[]).length, 0);
    expect(services.rowCount).toBe(1 + rows);
  });

  test('CSV: semicolons, Danish Excel friendly, every sheet', () => {
    expect(csvSheets(state)).toEqual(['maalgruppe', 'tilbud', 'koordinering', 'fremadrettet', 'tilbudsliste']);
    expect(answersCsv(state, 'tilbudsliste')!.split('\r\n')[0]).toContain('Lovgrundlag');
    const csv = answersCsv(state, 'koordinering')!;
    expect(csv.startsWith('\uFEFFKommunekode;Kommune;Status;Indsendt;')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(23);
    expect(csv).toContain('0461;Odense;Indsendt;');
    expect(answersCsv(state, 'findes-ikke')).toBeUndefined();
  });

  test('HTML page: accessible tables, the draft marking, and each count per municipality drawn with its protected figures unbarred', async () => {
    const html = await reportHtml(reportModel(state, { threshold: 4 }));
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('UDKAST – ikke godkendt');
    expect(html).toContain('1-4');
    const img = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)">/.exec(html);
    expect(img?.[2]).toBe('Søjlediagram: Antal borgere i målgruppen det seneste år. Tallene står i tabellen herunder.');
    const svg = Buffer.from(img?.[1] ?? '', 'base64').toString('utf8');
    // A bar per exact figure, none for a protected one; every municipality named, with its figure as the table shows it.
    const model = reportModel(state, { threshold: 4 });
    const bars = model.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' && b.table.chart ? b.table.chart.bars : [])));
    expect(bars.filter((b) => b.value === null).map((b) => b.shown)).toEqual(expect.arrayContaining(['1-4']));
    for (const b of bars) expect(svg).toContain(`>${b.label}<`);
    expect(svg.match(/<text[^>]*>1-4<\/text>/g)?.length).toBe(bars.filter((b) => b.shown === '1-4').length);
  });
});
