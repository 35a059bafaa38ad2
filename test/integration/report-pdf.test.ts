// The report as an agenda item, rendered to PDF by LibreOffice (Debian's package) and read back
// with poppler: a table of contents whose page numbers are where the headings are, a chart beside
// each count per respondent, the agenda's Sagsfremstilling and Indstilling, landscape pages for
// wide tables, and no word of any table off its page. UPDATE_SCREENSHOTS=1 keeps the pages as
// images in docs/report/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { TARIFF_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { CASE_PRESENTATION, RECOMMENDATION } from '../../domain/report';
import { settledCuState, SYDDANMARK_CODES, tariffAnswerFor } from '../../fixtures/round';
import { reportDocx } from '../../report/docx';
import { reportModel } from '../../report/model';
import { ensureLibreOffice } from '../../scripts/bootstrap.mjs';

const dir = mkdtempSync(join(tmpdir(), 'udmeld-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MARGIN = 56.7; // 2 cm in points

/** The DOCX rendered to PDF by LibreOffice, in a profile of its own. */
function pdfOf(name: string, docx: Buffer): string {
  const soffice = ensureLibreOffice();
  const file = join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  execFileSync(
    soffice,
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
    {
      stdio: 'ignore',
      timeout: 120_000,
    },
  );
  return join(dir, `${name}.pdf`);
}

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Page {
  width: number;
  height: number;
  text: string;
  words: { text: string; xMin: number; xMax: number }[];
}

/** Each page's size, text and words with where they stand. */
function wordsOf(pdf: string): Page[] {
  const bbox = poppler('pdftotext', '-bbox', pdf, '-');
  return [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, width, height, body]) => {
    const words = [...(body ?? '').matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
      (m) => ({
        xMin: Number(m[1]),
        xMax: Number(m[2]),
        text: m[3] ?? '',
      }),
    );
    return { width: Number(width), height: Number(height), text: words.map((w) => w.text).join(' '), words };
  });
}

/** Every word within the margins of its page (a table that ran off would put words past them). */
function offPage(pages: Page[]): string[] {
  return pages.flatMap((p, i) =>
    p.words
      .filter((w) => w.xMin < MARGIN - 2 || w.xMax > p.width - MARGIN + 2)
      .map((w) => `side ${i + 1}: "${w.text}" (${w.xMin}–${w.xMax} af ${p.width})`),
  );
}

function keepImages(name: string, pdf: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const out = new URL(`../../docs/report/`, import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  for (const old of readdirSync(out).filter((f) => f.startsWith(`${name}-`))) rmSync(join(out, old));
  poppler('pdftoppm', '-r', '60', '-png', pdf, join(out, name));
}

test('the central notice’s report: contents with the right pages, a chart per count, the agenda’s sections, nothing off the page', async () => {
  const state = settledCuState(SYDDANMARK_CODES, { approved: true });
  state.report!.summaries = {
    ...state.report!.summaries,
    [CASE_PRESENTATION]:
      'KKR Syddanmark har bedt Socialdirektørforum om at samle kommunernes svar på den centrale udmelding.\n\nSagen har været i høring i kommunerne og behandles i Forretningsudvalget, forummet, K22 og KKR.',
    [RECOMMENDATION]: 'Det indstilles, at afrapporteringen godkendes og sendes til KKR Syddanmark.',
  };
  const pdf = pdfOf('afrapportering', await reportDocx(reportModel(state, { threshold: 4 })));
  keepImages('afrapportering', pdf);
  const pages = wordsOf(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(5);
  expect(pages.length).toBeLessThanOrEqual(10);

  // The table of contents (page 2) names each section with the page it is on.
  const contents = poppler('pdftotext', '-layout', '-f', '2', '-l', '2', pdf, '-');
  expect(contents).toMatch(/^\s*Indhold\s*$/m);
  const entries = [...contents.matchAll(/^\s*(\S[^\n]*?)\s*\.{3,}\s*(\d+)\s*$/gm)].map(([, heading, n]) => ({
    heading: heading ?? '',
    page: Number(n),
  }));
  const sections = ['Sagsfremstilling', 'Indledning', 'Målgruppen', 'Koordinering og samarbejde', 'Indstilling', 'Godkendelse'];
  expect(entries.map((e) => e.heading)).toEqual(expect.arrayContaining(sections));
  for (const e of entries.filter((x) => sections.includes(x.heading))) expect(pages[e.page - 1]?.text, e.heading).toContain(e.heading);
  expect(entries.map((e) => e.heading).indexOf('Sagsfremstilling')).toBe(0);
  expect(contents.indexOf('Indstilling')).toBeGreaterThan(contents.indexOf('Koordinering og samarbejde'));

  // A chart for the count per municipality, on the page of its table.
  const images = poppler('pdfimages', '-list', pdf).split('\n').slice(2).filter(Boolean);
  const chartPage = pages.findIndex((p) => p.text.includes('Antal borgere i målgruppen')) + 1;
  expect(images.map((line) => Number(line.trim().split(/\s+/)[0]))).toContain(chartPage);

  // The header carries the CU and the day; no word of any page stands outside its margins.
  expect(pages[3]?.text).toMatch(/Borgere med svære spiseforstyrrelser · \d+\. \w+ \d{4}/);
  expect(offPage(pages)).toEqual([]);
});

test('a tariff round’s wide table goes on a landscape page and fits it', async () => {
  const state = settledCuState(SYDDANMARK_CODES.slice(0, 12), {
    approved: true,
    questionnaire: TARIFF_QUESTIONNAIRE,
    answer: tariffAnswerFor,
  });
  const pdf = pdfOf('takster', await reportDocx(reportModel(state, { threshold: 4 })));
  keepImages('takster', pdf);
  const pages = wordsOf(pdf);
  const landscape = pages.filter((p) => p.width > p.height);
  expect(landscape.length).toBeGreaterThan(0);
  expect(landscape[0]?.text).toMatch(/Tilbud og takster[\s\S]*Forklaring på/);
  // Every column's header stays whole: no word is broken over two lines.
  expect(landscape[0]?.words.map((w) => w.text)).toEqual(expect.arrayContaining(['Paragraf', 'Overhead', 'Budgetteret']));
  expect(pages.filter((p) => p.width < p.height).length).toBeGreaterThan(0);
  expect(offPage(pages)).toEqual([]);
});
