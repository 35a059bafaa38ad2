// Templates in Chromium, as the secretariat uses them: the list; the occupancy template with its
// preview, filled in and tried as a municipality would (refused until explained, nothing stored);
// a new template with its own process, a question's kind changed and the preview redrawn, bad
// settings named; a new version; and a round started from it. axe-core on each page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT } from '../../fixtures/round';
import { checked, launchBrowser, newPage } from '../support/browser';
import { useSystem } from '../support/system';

const ID = `tilsyn-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;

const { h, api } = useSystem({ api: true });

beforeAll(async () => {
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

test('the occupancy template’s preview is the form a municipality gets, and trying it stores nothing', async () => {
  await page.getByRole('link', { name: 'Skabeloner' }).click();
  await page.waitForURL('**/sekretariat/skabeloner');
  await checked(page, '53-skabeloner');
  await page.getByRole('link', { name: 'Belægningsprocenter (halvårlig)', exact: true }).click();
  await expect(page.getByLabel('Trin 1').inputValue()).resolves.toBe('oeg');
  await expect(page.getByLabel('Trin 2').inputValue()).resolves.toBe('forum');
  await expect(page.getByLabel('Resultatet').inputValue()).resolves.toBe('none');
  await checked(page, '54-skabelon-belaegning');

  await cell(1, 'Tilbud').fill('Bostedet Fyn');
  await cell(1, 'Målgruppe').selectOption({ label: 'Voksne med handicap' });
  await cell(1, 'Budgetteret belægning (%)').fill('95');
  await cell(1, 'Faktisk belægning (%)').fill('88,5');
  await page.getByRole('button', { name: 'Prøv at indsende' }).click();
  await page.waitForURL('**/sekretariat/skabeloner/proev');
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/3 fejl[\s\S]*Udfordringer med belægningen, række 1/);
  await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('−6,5');
  await checked(page, '55-skabelon-proevet');
  await cell(1, 'Medfører afvigelsen en efterregulering, der påvirker taksten?').selectOption({ label: 'Nej' });
  await cell(1, 'Udfordringer med belægningen').fill('Færre henvisninger');
  await cell(1, 'Igangsatte initiativer som følge af afvigelsen').fill('Dialog med kommunerne');
  await page.getByRole('button', { name: 'Prøv at indsende' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain('Besvarelsen ville blive modtaget');
  await page.getByRole('link', { name: 'Tilbage til skabelonen' }).click();
  await page.waitForURL('**/sekretariat/skabeloner/belaegning');
});

test('a new template with its own process; a version; a round started from it', async () => {
  await page.goto(`${api.url}/sekretariat/skabeloner/ny`);
  await checked(page, '56-ny-skabelon');
  await page.getByLabel('Kort id').fill(ID);
  await page.getByLabel('Navn').fill('Opfølgning på tilsyn');
  await page.getByLabel('Trin 1').selectOption({ label: 'Socialdirektørforum' });
  await page.getByLabel('Politisk behandling i kommunalbestyrelserne og regionsrådet').selectOption({ label: 'Nej' });
  await page.getByLabel('Resultatet').selectOption({ label: 'Afsluttes uden indsendelse' });
  await page.getByLabel('Spørgsmål', { exact: true }).fill('Har tilbuddet haft tilsyn i perioden?');
  await page.getByLabel('Svartype').selectOption({ label: 'Ja/nej' });
  await page.getByRole('button', { name: 'Opdatér forhåndsvisningen' }).click();
  const preview = page.getByRole('region', { name: /Forhåndsvisning/ });
  await expect(preview.getByRole('combobox', { name: 'Har tilbuddet haft tilsyn i perioden?' }).count()).resolves.toBe(1);

  // A second question whose settings are not JSON: named, and nothing stored.
  await page.getByRole('button', { name: 'Tilføj spørgsmål til tema 1' }).click();
  await page.getByLabel('Spørgsmål', { exact: true }).nth(1).fill('Antal anmærkninger');
  await page.getByLabel('Svartype').nth(1).selectOption({ label: 'Tal' });
  await page.getByRole('button', { name: 'Opdatér forhåndsvisningen' }).click();
  await page.getByLabel('Indstillinger').nth(1).fill('{"min": 0, "max": }');
  await page.getByRole('button', { name: 'Opret skabelon' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('ikke gyldig JSON');
  await checked(page, '57-ny-skabelon-fejl');
  await page.getByLabel('Indstillinger').nth(1).fill('{"min": 0, "max": -1}');
  await page.getByRole('button', { name: 'Opret skabelon' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/max/);
  expect((await h.udmeld.templates(AS_SECRETARIAT)).some((t) => t.id === ID)).toBe(false);
  await page.getByLabel('Indstillinger').nth(1).fill('{"min": 0, "max": 50, "unit": "anmærkninger"}');
  await page.getByRole('button', { name: 'Opret skabelon' }).click();
  await page.waitForURL(`**/sekretariat/skabeloner/${ID}?besked=gemt`);
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('Skabelonen er gemt');

  await page.getByLabel('Navn').fill('Opfølgning på tilsyn (halvårlig)');
  await page.getByRole('button', { name: 'Gem som ny version' }).click();
  await page.waitForURL(`**/sekretariat/skabeloner/${ID}?besked=gemt`);
  await expect(page.locator('main').textContent()).resolves.toContain('Version 2 af 2');
  await checked(page, '58-skabelon-version-2');

  await page.getByRole('link', { name: 'Start en runde fra skabelonen' }).click();
  const today = copenhagenDate(Date.now());
  await page.getByLabel('Kort id').fill(`${ID}-runde`);
  await page.getByLabel('Titel').fill('Tilsyn, 1. halvår');
  await page.getByLabel('Målgruppe').fill('Tilbud med tilsyn');
  await page.getByLabel('Udmeldt den').fill(today);
  await page.getByLabel('Frist for afrapportering til Social- og Boligstyrelsen').fill(addDays(today, 90));
  await checked(page, '59-runde-fra-skabelon');
  await page.getByRole('button', { name: 'Registrér', exact: true }).click();
  await page.waitForURL(`**/sekretariat/cu/${ID}-runde?besked=registreret`);
  const { cu } = await h.udmeld.fullCu(`${ID}-runde`, AS_SECRETARIAT, { answers: false });
  expect(cu.template).toEqual({ id: ID, version: 2 });
  expect(cu.process).toEqual({ regionResponds: false, approvalChain: ['forum'], councils: false, submitTo: 'none' });
  expect(cu.questionnaire.themes[0]!.questions.map((q) => q.kind)).toEqual(['yesno', 'number']);
});

test('the tariff template on a calendar: set, paused with a note, resumed, listed, and deleted', async () => {
  await page.goto(`${api.url}/sekretariat/skabeloner/takstindberetning`);
  await page.getByRole('link', { name: 'Tidsplan', exact: true }).click();
  await page.waitForURL('**/sekretariat/skabeloner/takstindberetning/tidsplan');
  await page.getByLabel('Målgruppe').fill('Tilbud, der sælges til andre kommuner');
  await page.getByLabel('Dag i måneden').fill('15');
  await page.getByRole('button', { name: 'Gem tidsplanen' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Vælg mindst én måned');
  await checked(page, '62-tidsplan-fejl');
  await page.getByLabel('september').check();
  await page.getByRole('button', { name: 'Gem tidsplanen' }).click();
  await page.waitForURL('**/tidsplan?besked=gemt');
  await expect(page.locator('main').textContent()).resolves.toMatch(
    /Aktiv[\s\S]*Den 15\. i september kl\. 8[\s\S]*15\. september \d{4} kl\. 08\.00/,
  );
  await checked(page, '63-tidsplan');
  await page.getByLabel('Bemærkning til pausen').fill('Afventer nye takstregler');
  await page.getByRole('button', { name: 'Sæt på pause' }).click();
  await page.waitForURL('**/tidsplan?besked=pause');
  await expect(page.locator('main').textContent()).resolves.toContain('På pause Afventer nye takstregler');
  await page.getByRole('button', { name: 'Genoptag' }).click();
  await page.waitForURL('**/tidsplan?besked=genoptaget');
  await page.getByRole('link', { name: 'Tidsplaner', exact: true }).click();
  await expect(page.getByRole('row', { name: /Takstindberetning/ }).textContent()).resolves.toContain('Aktiv');
  await checked(page, '64-tidsplaner');
  await page.goto(`${api.url}/sekretariat/skabeloner/takstindberetning/tidsplan`);
  await page.getByRole('button', { name: 'Slet tidsplanen' }).click();
  await page.waitForURL('**/tidsplan?besked=slettet');
  await expect(page.locator('main').textContent()).resolves.toContain('Skabelonen er ikke på tidsplan');
});

test('the agreement check’s page', async () => {
  await page.goto(`${api.url}/sekretariat/kontrol`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Er Temporal og registreringen enige?');
  await checked(page, '69-kontrol');
});
