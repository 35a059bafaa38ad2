// Search in Debian's Chromium, checked with axe-core: the secretariat finds inflected Danish forms
// in two rounds' answers ("borgere" finds "borgeren" and "borgere"), marked in the excerpts and
// linked to the answers; a bad query says what is wrong; a director's search of the same words
// never shows an answer.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT, answerFor, asContact, launchRound, startCu } from '../../fixtures/round';
import { checked, launchBrowser, newPage } from '../support/browser';
import { useSystem } from '../support/system';

let browser: Browser;
const { h, api } = useSystem({ api: true });
const stamp = Date.now().toString(36);
const rounds = [`side-soeg-a-${stamp}`, `side-soeg-b-${stamp}`];

beforeAll(async () => {
  browser = await launchBrowser();
  const today = copenhagenDate(Date.now());
  const texts = ['Vi koordinerer med psykiatrien om borgeren hver måned.', 'Psykiatrien og kommunen mødes om borgere med komplekse behov.'];
  for (const [i, id] of rounds.entries()) {
    await h.udmeld.registerCu(
      startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 200), title: `Runde ${i + 1} om psykiatri` }),
      AS_SECRETARIAT,
    );
    await launchRound(h.udmeld, id, ['0461'], addDays(today, 30));
    await h.udmeld.submitAnswer(id, '0461', { values: { ...answerFor('0461'), koordinering: texts[i] } }, asContact(id, '0461'));
  }
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(who: string): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(`${api.url}/login`);
  await page.getByRole('button', { name: 'Log ind med udmelds lokale testlogin' }).click();
  await page.getByRole('button', { name: who }).click();
  await page.waitForURL((url) => url.pathname !== '/login' && !url.pathname.startsWith('/oidc'));
  return page;
}

test('the secretariat finds "borgere" as borgeren and borgere in two rounds; a director never sees an answer', async () => {
  const page = await signedIn('Simon Sekretariat');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Søg' }).click();
  await page.waitForURL('**/soeg');
  await checked(page, '70-soeg');
  await page.getByRole('button', { name: 'Søg' }).click();
  await expect(page.locator('#fejl').textContent()).resolves.toMatch(/tegn/);
  await checked(page, '71-soeg-fejl');

  await page.getByLabel('Søg efter').fill('borgere psykiatrien');
  await page.getByLabel('Hvad').selectOption('answer');
  await page.getByRole('button', { name: 'Søg' }).click();
  const hits = page.locator('ol.hits > li');
  await expect.poll(() => hits.count()).toBeGreaterThanOrEqual(2);
  const texts = await hits.allTextContents();
  expect(texts.filter((t) => /Runde 1 om psykiatri/.test(t))).toHaveLength(1);
  expect(texts.filter((t) => /Runde 2 om psykiatri/.test(t))).toHaveLength(1);
  const marked = (await page.locator('ol.hits mark').allTextContents()).map((m) => m.toLowerCase());
  expect(marked).toContain('borgeren');
  expect(marked).toContain('borgere');
  await checked(page, '72-soeg-resultater');
  await hits.filter({ hasText: 'Runde 1 om psykiatri' }).getByRole('link').click();
  await page.waitForURL(`**/kommune/${rounds[0]}/0461`);

  const director = await signedIn('Dorte Direktør');
  await director.goto(`${api.url}/soeg?q=${encodeURIComponent('borgere psykiatrien')}`);
  await checked(director, '73-soeg-direktoer');
  const directorHits = await director.locator('ol.hits > li').allTextContents();
  expect(directorHits.length).toBeGreaterThan(0); // the rounds' titles
  expect(directorHits.some((t) => t.includes('Besvarelse'))).toBe(false);
  await expect(director.locator('main').textContent()).resolves.not.toContain('hver måned');
}, 120_000);
