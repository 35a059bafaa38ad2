// The occupancy round's form in Chromium, as a municipality fills it: offers in a table with a choice,
// percentages and the deviation computed on the page; an offer deviating 5 points or more is refused
// until it is explained, each missing cell named; the submitted answer shows the table. axe-core on each page.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { OCCUPANCY_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT, launchRound, startCu } from '../../fixtures/round';
import { checked, launchBrowser, newPage } from '../support/browser';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `belaegning-side-${Date.now().toString(36)}`;
/** Two municipalities and the region, which answers for the offers it runs. */
const RESPONDENTS = ['0461', '0410', '1083'];
const today = copenhagenDate(Date.now());
let browser: Browser;
let page: Page;

const { h, api } = useSystem({ api: true });

beforeAll(async () => {
  await h.udmeld.registerCu(
    startCu(CU, {
      title: 'Belægningsprocenter 1. halvår',
      issuedOn: today,
      nationalDeadline: addDays(today, 120),
      questionnaire: OCCUPANCY_QUESTIONNAIRE,
      template: { id: 'belaegning' },
    }),
    AS_SECRETARIAT,
  );
  await launchRound(h.udmeld, CU, RESPONDENTS, addDays(today, 30));
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => Object.keys(s.municipalities).length === RESPONDENTS.length,
  );
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.goto(`${api.url}/login`);
  await page.getByRole('button', { name: 'Log ind med udmelds lokale testlogin' }).click();
  await page.getByRole('button', { name: 'Simon Sekretariat' }).click();
  await page.waitForURL('**/sekretariat');
});
afterAll(async () => {
  await browser?.close();
});

const cell = (row: number, column: string) => page.getByLabel(`${column}, række ${row}`, { exact: true });

test('a municipality lists a deviating offer, is told what it must explain, and submits', async () => {
  await page.goto(`${api.url}/kommune/${CU}/0461`);
  await checked(page, '50-belaegning-tom');
  await cell(1, 'Tilbud').fill('Bostedet Fyn');
  await cell(1, 'Målgruppe').selectOption({ label: 'Voksne med handicap' });
  await cell(1, 'Budgetteret belægning (%)').fill('95');
  await cell(1, 'Faktisk belægning (%)').fill('88,5');
  await page.getByRole('button', { name: 'Tilføj række' }).click();
  // The row is kept, the deviation worked out, and a second row is there to fill.
  await expect(cell(1, 'Tilbud').inputValue()).resolves.toBe('Bostedet Fyn');
  await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('−6,5');
  await cell(2, 'Tilbud').fill('Skovhuset');
  await cell(2, 'Målgruppe').selectOption({ label: 'Voksne med sindslidelse' });
  await cell(2, 'Budgetteret belægning (%)').fill('90');
  await cell(2, 'Faktisk belægning (%)').fill('92');
  await page.getByRole('button', { name: 'Indsend' }).click();
  const alert = page.getByRole('alert');
  await expect(alert.textContent()).resolves.toMatch(/3 fejl/);
  await checked(page, '51-belaegning-fejl');
  await cell(1, 'Medfører afvigelsen en efterregulering, der påvirker taksten?').selectOption({ label: 'Nej' });
  await cell(1, 'Udfordringer med belægningen').fill('Færre henvisninger end ventet');
  await cell(1, 'Igangsatte initiativer som følge af afvigelsen').fill('Dialog med de visiterende kommuner');
  await page.getByRole('button', { name: 'Indsend' }).click();
  await page.waitForURL('**?indsendt=1');
  await expect(page.locator('main').textContent()).resolves.toMatch(/Bostedet Fyn[\s\S]*−6,5[\s\S]*Skovhuset[\s\S]*2,0/);
  await checked(page, '52-belaegning-indsendt');
  const answer = (await h.udmeld.municipality(CU, '0461', AS_SECRETARIAT)).answer!;
  expect(answer.values.tilbud).toEqual([
    {
      navn: 'Bostedet Fyn',
      maalgruppe: 'handicap',
      budget: 95,
      faktisk: 88.5,
      efterregulering: false,
      udfordringer: 'Færre henvisninger end ventet',
      initiativer: 'Dialog med de visiterende kommuner',
    },
    { navn: 'Skovhuset', maalgruppe: 'psykiatri', budget: 90, faktisk: 92 },
  ]);
});

test('the region answers like a municipality; next half-year Odense copies its answer in and sees what changed', async () => {
  await page.goto(`${api.url}/kommune/${CU}/1083`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Region Syddanmarks besvarelse');
  await cell(1, 'Tilbud').fill('Regionens botilbud');
  await cell(1, 'Målgruppe').selectOption({ label: 'Voksne med handicap' });
  await cell(1, 'Budgetteret belægning (%)').fill('95');
  await cell(1, 'Faktisk belægning (%)').fill('94');
  await page.getByRole('button', { name: 'Indsend' }).click();
  await page.waitForURL('**?indsendt=1');

  const next = `${CU}-2`;
  await h.udmeld.registerCu(
    {
      ...startCu(next, { title: 'Belægningsprocenter 2. halvår', issuedOn: today, nationalDeadline: addDays(today, 120) }),
      questionnaire: undefined,
      process: undefined,
      template: { id: 'belaegning' },
    },
    AS_SECRETARIAT,
  );
  await launchRound(h.udmeld, next, ['0461', '1083'], addDays(today, 30));
  await eventually(
    () => h.udmeld.fullCu(next, AS_SECRETARIAT),
    (s) => Object.keys(s.municipalities).length === 2,
  );
  await page.goto(`${api.url}/kommune/${next}/0461`);
  const lastPeriod = page.getByRole('region', { name: 'Sidste periode' });
  await expect(lastPeriod.textContent()).resolves.toContain('Belægningsprocenter 1. halvår');
  await checked(page, '60-sidste-periode');
  await page.getByRole('button', { name: 'Kopiér sidste periodes svar ind som kladde' }).click();
  await page.waitForURL('**?kopieret=1');
  await expect(cell(1, 'Tilbud').inputValue()).resolves.toBe('Bostedet Fyn');
  await expect(cell(2, 'Tilbud').inputValue()).resolves.toBe('Skovhuset');
  await expect(lastPeriod.textContent()).resolves.toContain('Intet er ændret i kladden');
  await cell(2, 'Faktisk belægning (%)').fill('80');
  await page.getByRole('button', { name: 'Gem kladde' }).click();
  await page.waitForURL('**?gemt=1');
  const changed = lastPeriod.getByRole('table');
  await expect(changed.textContent()).resolves.toMatch(
    /Ændret i kladden siden sidste periode \(1\)[\s\S]*Skovhuset: Faktisk belægning \(%\) ændret[\s\S]*92,0[\s\S]*80,0/,
  );
  await checked(page, '61-sidste-periode-aendret');
});

test('a table filled in Excel: the workbook from the page, filled and read back as the draft', async () => {
  await page.goto(`${api.url}/kommune/${CU}/0410`);
  await page.getByText('Udfyld i Excel').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent skemaet som Excel' }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(await readFile(await download.path())).buffer);
  const table = workbook.worksheets[1]!;
  table.addRow([
    'Fjordhuset',
    'Voksne med handicap',
    'SEL § 108',
    97,
    90.5,
    'Nej',
    'Ventetid på visitation',
    'Ny aftale med nabokommunerne',
  ]);
  await page.getByLabel('Udfyldt Excel-fil').setInputFiles({
    name: 'belaegning.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByRole('button', { name: 'Indlæs fra Excel' }).click();
  await page.waitForURL('**?excel=1');
  await expect(cell(1, 'Tilbud').inputValue()).resolves.toBe('Fjordhuset');
  await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('−6,5');
  await checked(page, '68-excel-indlaest');
  expect((await h.udmeld.municipality(CU, '0410', AS_SECRETARIAT)).draft?.values.tilbud).toEqual([
    {
      navn: 'Fjordhuset',
      maalgruppe: 'handicap',
      paragraf: 'SEL § 108',
      budget: 97,
      faktisk: 90.5,
      efterregulering: false,
      udfordringer: 'Ventetid på visitation',
      initiativer: 'Ny aftale med nabokommunerne',
    },
  ]);
});
