// Signing in through the embedded OpenID provider in Debian's Chromium, for each role: the
// secretariat and a director get in, a person with no matching claim is refused; logging out,
// an expired and a revoked session; a personal link that requires sign-in as its very person.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../auth/authenticate';
import { addDays, copenhagenDate } from '../../domain/time';
import { signInSecretariat, startApi } from '../support/api';
import { expectAccessible, expectWellFormed, launchBrowser } from '../support/browser';
import { TEST_CREDENTIAL } from '../support/temporal';
import { useSystem } from '../support/system';

let browser: Browser;

const { h, api } = useSystem({ api: true });

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(person: string, baseUrl = api.url, start = '/'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${baseUrl}${start}`);
  if (start === '/') {
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Log ind med udmelds lokale testlogin' }).click();
  }
  await page.waitForURL('**/idp/interaction/**');
  await expectAccessible(page, 'testlogin');
  await page.getByRole('button', { name: person }).click();
  await page.waitForLoadState();
  return { context, page };
}

const sessionOf = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
const signedInEvents = async (name: string) =>
  (await h.udmeld.db.selectFrom('audit_event').select(['kind', 'actor']).where('kind', '=', 'signed_in').execute()).filter(
    (e) => e.actor.name === name,
  );

test('the secretariat and a director sign in; a person without a role is refused', async () => {
  const sara = await signIn('Sara Sekretariat');
  await sara.page.waitForURL('**/sekretariat');
  await expect(sara.page.locator('.who').textContent()).resolves.toContain('Sara Sekretariat');
  await expectAccessible(sara.page, 'sekretariatet efter log ind');
  expect(await signedInEvents('Sara Sekretariat')).toHaveLength(1);
  expect((await signedInEvents('Sara Sekretariat'))[0]!.actor).toMatchObject({
    role: 'secretariat',
    email: 'sara@sekretariat.udmeld.invalid',
    subject: 'sara',
    personId: expect.stringMatching(/^p_/),
  });

  const dorte = await signIn('Dorte Direktør');
  await dorte.page.waitForURL('**/oversigt');
  await dorte.page.goto(`${api.url}/sekretariat`);
  await expect(dorte.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ingen adgang');

  const rasmus = await signIn('Rasmus Uden Rolle');
  await expect(rasmus.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Du kan ikke logge ind');
  await expect(rasmus.page.locator('main').textContent()).resolves.toContain('ingen rolle i udmeld');
  await expectAccessible(rasmus.page, 'afvist');
  expect(await sessionOf(rasmus.context)).toBeUndefined();
  expect(await signedInEvents('Rasmus Uden Rolle')).toHaveLength(0);
  for (const c of [sara, dorte, rasmus]) await c.context.close();

  // A stale or made-up interaction is the person's to retry, never a server error.
  expect((await fetch(`${api.url}/idp/interaction/findes-ikke`)).status).toBe(400);
  const stale = await fetch(`${api.url}/idp/interaction/findes-ikke/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'person=sara',
  });
  expect(stale.status).toBe(400);
  expect((await fetch(`${api.url}/login/callback?code=x&state=y`)).status).toBe(403);
});

test('logging out ends the session in the database, not only in the browser', async () => {
  const { context, page } = await signIn('Simon Sekretariat');
  await page.waitForURL('**/sekretariat');
  const token = (await sessionOf(context))!;
  expect((await api.call('GET', '/api/me', { token })).status).toBe(200);
  await page.getByRole('button', { name: 'Log ud' }).click();
  await page.waitForURL('**/login?logget-ud=1');
  const after = await api.call('GET', '/api/me', { token });
  expect(after.status).toBe(401);
  expect(after.body.detail).toBe('Du er logget ud');
  await context.close();
});

test('an expired session, and one the secretariat ended, send the person back to sign in', async () => {
  const simon = await signIn('Simon Sekretariat');
  await simon.page.waitForURL('**/sekretariat');
  const token = (await sessionOf(simon.context))!;
  const id = token.split('_')[1]!;
  await h.udmeld.db
    .updateTable('session')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', id)
    .execute();
  await simon.page.reload();
  await expect(simon.page.locator('main').textContent()).resolves.toContain('Din session er udløbet');
  await simon.context.close();

  const again = await signIn('Simon Sekretariat');
  await again.page.waitForURL('**/sekretariat');
  const sara = await signIn('Sara Sekretariat');
  await sara.page.waitForURL('**/sekretariat');
  await sara.page.goto(`${api.url}/sekretariat/adgang`);
  await expectAccessible(sara.page, 'adgang');
  await expectWellFormed(sara.page, 'adgang');
  await sara.page
    .getByRole('row', { name: /Simon Sekretariat/ })
    .getByRole('button', { name: 'Log ud alle steder Simon Sekretariat' })
    .click();
  await expect(sara.page.getByRole('status').first().textContent()).resolves.toContain('session(er) afsluttet');
  await again.page.reload();
  await expect(again.page.locator('main').textContent()).resolves.toContain('Du er logget ud');

  // Revoked, Simon cannot sign in again.
  await sara.page
    .getByRole('row', { name: /Simon Sekretariat/ })
    .getByRole('button', { name: 'Spær Simon Sekretariat' })
    .click();
  await expect(sara.page.getByRole('status').first().textContent()).resolves.toContain('Simon Sekretariat er spærret');
  await expect(sara.page.getByRole('row', { name: /Simon Sekretariat/ }).textContent()).resolves.toContain('af Sara Sekretariat');
  // The access trail says who did it, under Adgang.
  await sara.page.getByRole('link', { name: 'Adgangsspor' }).click();
  await sara.page.waitForURL('**/sekretariat/adgang/spor');
  await expectAccessible(sara.page, 'adgangsspor');
  await expectWellFormed(sara.page, 'adgangsspor');
  await sara.page.getByLabel('Hændelse').selectOption({ label: 'Person spærret' });
  await sara.page.getByRole('button', { name: 'Vis' }).click();
  const rows = sara.page.locator('tbody tr');
  await expect(rows.count()).resolves.toBeGreaterThan(0);
  await expect(rows.last().textContent()).resolves.toMatch(/Person spærret[\s\S]*Sara Sekretariat[\s\S]*Simon Sekretariat/);
  await expectAccessible(sara.page, 'adgangsspor, filtreret');
  const refused = await signIn('Simon Sekretariat');
  await expect(refused.page.locator('main').textContent()).resolves.toContain('spærret');
  for (const c of [again, sara, refused]) await c.context.close();
});

test('a personal link that requires sign-in opens only for its own person', async () => {
  const secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  const today = copenhagenDate(Date.now());
  const cu = `login-link-${Date.now().toString(36)}`;
  await api.call('PUT', '/api/contacts/0461', {
    token: secretariat,
    body: { contacts: [{ name: 'Kim Kontakt', email: 'kontakt.odense@demo.udmeld.invalid' }], directorEmail: 'direktoer@odense.test' },
  });
  expect(
    (
      await api.call('POST', '/api/cus', {
        token: secretariat,
        body: {
          id: cu,
          title: 'Borgere med svære spiseforstyrrelser',
          targetGroup: 'Borgere',
          issuedOn: today,
          nationalDeadline: addDays(today, 200),
        },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await api.call('POST', `/api/cus/${cu}/launch`, {
        token: secretariat,
        body: { municipalities: ['0461'], deadline: addDays(today, 30) },
      })
    ).status,
  ).toBe(200);
  const link = new URL(
    (await api.call('POST', '/api/links', { token: secretariat, body: { role: 'municipality', cuId: cu, municipalityCode: '0461' } })).body
      .url,
  );

  // The same system, configured so that municipal links require sign-in.
  const strict = await startApi(h.udmeld, {
    ...h.config,
    http: { ...h.config.http },
    auth: { ...h.config.auth, linkSignInRoles: ['municipality'] },
  });
  try {
    const path = `${link.pathname}${link.search}`;
    expect((await strict.call('GET', `/api/me${link.search}`)).status).toBe(401);
    const wrong = await signIn('Dorte Direktør', strict.url, path);
    await expect(wrong.page.locator('main').textContent()).resolves.toContain('linket er sendt til Kim Kontakt');
    const kim = await signIn('Kim Kontakt', strict.url, path);
    await kim.page.waitForURL(`**/kommune/${cu}/0461`);
    await expect(kim.page.locator('.who').textContent()).resolves.toContain('Kim Kontakt');
    const token = (await sessionOf(kim.context))!;
    expect((await strict.call('GET', '/api/me', { token })).body).toMatchObject({
      role: 'municipality',
      via: 'session',
      name: 'Kim Kontakt',
      cuId: cu,
      municipalityCode: '0461',
    });
    for (const c of [wrong, kim]) await c.context.close();
  } finally {
    await strict.close();
  }
}, 120_000);
