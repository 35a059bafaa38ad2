// A file attached on the respondent's page in Chromium: a file that is not PDF, Word or Excel is
// named as such, a PDF is taken, kept when the answer is submitted, and shown with the answer.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT, launchRound, startCu } from '../../fixtures/round';
import { checked, launchBrowser, newPage } from '../support/browser';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `bilag-side-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;
const { h, api } = useSystem({ api: true });

beforeAll(async () => {
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(
    startCu(CU, {
      title: 'Takstindberetning med budget',
      issuedOn: today,
      nationalDeadline: addDays(today, 120),
      questionnaire: {
        themes: [
          {
            id: 'bilag',
            title: 'Bilag',
            questions: [
              { id: 'budget', kind: 'attachment', label: 'Budget for tilbuddene', required: true },
              { id: 'godkendt', kind: 'yesno', label: 'Er budgettet godkendt politisk?', required: true },
            ],
          },
        ],
      },
    }),
    AS_SECRETARIAT,
  );
  await launchRound(h.udmeld, CU, ['0461'], addDays(today, 30));
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => Object.keys(s.municipalities).length === 1,
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

test('a file is attached, checked by its content, kept with the answer, and shown', async () => {
  await page.goto(`${api.url}/kommune/${CU}/0461`);
  await checked(page, '65-bilag-tom');
  await page
    .getByLabel('Budget for tilbuddene')
    .setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await page.getByLabel('Er budgettet godkendt politisk?').selectOption({ label: 'Ja' });
  await page.getByRole('button', { name: 'Indsend besvarelse' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Kun PDF, Word (DOCX) og Excel (XLSX)');
  await checked(page, '66-bilag-fejl');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  await page.getByLabel('Budget for tilbuddene').setInputFiles({ name: 'budget 2027.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Gem kladde' }).click();
  await page.waitForURL('**?gemt=1');
  // The file saved with the draft stays attached without being chosen again.
  await expect(page.locator('main').textContent()).resolves.toContain('Vedhæftet nu: budget 2027.pdf');
  await page.getByRole('button', { name: 'Indsend besvarelse' }).click();
  await page.waitForURL('**?indsendt=1');
  await expect(page.locator('main').textContent()).resolves.toContain('budget 2027.pdf (1 kB)');
  await checked(page, '67-bilag-indsendt');
  const answer = (await h.udmeld.municipality(CU, '0461', AS_SECRETARIAT)).answer!;
  expect(answer.values.budget).toMatchObject({ name: 'budget 2027.pdf', size: pdf.length, mediaType: 'application/pdf' });
});
