// Webhooks under Adgang in Debian's Chromium, each state checked with axe-core: the empty form's
// errors, a new subscription with its secret shown once, its deliveries as events happen (sent
// again by hand), paused (and the Adgang page says so) and resumed, and a rotated secret.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT, startCu } from '../../fixtures/round';
import { WebhookReceiver } from '../../fixtures/webhook-receiver';
import { checked, launchBrowser, newPage } from '../support/browser';
import { useSystem } from '../support/system';
import { eventually } from '../support/waiting';

let browser: Browser;
let page: Page;
let receiver: WebhookReceiver;
const { h, api } = useSystem({ api: true, configure: (c) => void (c.webhooks.allowAddresses = ['127.0.0.1']) });

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.goto(`${api.url}/login`);
  await page.getByRole('button', { name: 'Log ind med udmelds lokale testlogin' }).click();
  await page.getByRole('button', { name: 'Simon Sekretariat' }).click();
  await page.waitForURL('**/sekretariat');
});
afterAll(async () => {
  await browser?.close();
  await receiver?.down();
});

test('subscribe, see deliveries, send one again, pause, resume and rotate the secret', async () => {
  await page.goto(`${api.url}/sekretariat/adgang`);
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.waitForURL('**/sekretariat/adgang/webhooks');
  await checked(page, '60-webhooks');
  await page.getByRole('button', { name: 'Opret webhook' }).click();
  await expect(page.locator('#fejl').textContent()).resolves.toMatch(/navn/i);
  await checked(page, '61-webhooks-fejl');

  await page.getByLabel('Navn (fx systemets)').fill('Sagssystemet');
  await page.getByLabel('Modtagerens adresse').fill(receiver.url);
  await page.getByLabel(/^Registreret/).check();
  await page.getByRole('button', { name: 'Opret webhook' }).click();
  const secret = (await page.locator('code.secret').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  receiver.secrets.push(secret);
  await checked(page, '62-webhook-oprettet');

  const cuId = `krog-side-${Date.now().toString(36)}`;
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await eventually(
    async () => receiver.distinct.map((r) => r.type),
    (types) => types.includes('dk.udmeld.registered'),
    30_000,
  );
  await page.getByRole('link', { name: 'Sagssystemet' }).click();
  await expect(page.getByRole('table', { name: /leveringer/ }).textContent()).resolves.toContain('Leveret');
  await checked(page, '63-webhook-leveringer');
  await page.getByRole('button', { name: 'Send igen' }).first().click();
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('sendes igen');
  await eventually(
    async () => receiver.received.length,
    (n) => n >= 2,
    30_000,
  );
  expect(receiver.distinct).toHaveLength(1);

  await page.getByRole('button', { name: 'Sæt på pause' }).click();
  await expect(page.locator('main').textContent()).resolves.toContain('Sat på pause');
  await checked(page, '64-webhook-pause');
  await page.goto(`${api.url}/sekretariat/adgang`);
  await expect(page.locator('main').textContent()).resolves.toContain('sat på pause');
  await page.goto(`${api.url}/sekretariat/adgang/webhooks`);
  await page.getByRole('link', { name: 'Sagssystemet' }).click();
  await page.getByRole('button', { name: 'Genoptag' }).click();
  await page.getByRole('button', { name: 'Skift hemmelighed' }).click();
  const rotated = (await page.locator('code.secret').textContent()) ?? '';
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  await expect(page.locator('main').textContent()).resolves.toContain('Den forrige hemmelighed');
  await checked(page, '65-webhook-ny-hemmelighed');
}, 120_000);
