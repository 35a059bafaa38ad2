// The Temporal Web UI as `npm start` serves it (the dev server's UI behind udmeld's gateway), in
// Chromium: a secretariat user signed in to udmeld opens it and reads a CU's input decoded, with no
// setting changed; signed out, the same page shows no decoded data.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cuWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT, startCu } from '../../fixtures/round';
import { launchBrowser, newPage } from '../support/browser';
import { TEST_CREDENTIAL } from '../support/temporal';
import { useSystem } from '../support/system';

const CU = `webui-${Date.now().toString(36)}`;
const TITLE = 'Voksne med erhvervet hjerneskade i Web UI';
let browser: Browser;

const { h, api, temporalUi } = useSystem({ api: true, temporalUi: true });

beforeAll(async () => {
  browser = await launchBrowser();
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(startCu(CU, { title: TITLE, issuedOn: today, nationalDeadline: addDays(today, 100) }), AS_SECRETARIAT);
});
afterAll(() => browser?.close());

const workflowPage = () => `${temporalUi.url}/namespaces/default/workflows/${encodeURIComponent(cuWorkflowId(CU))}`;

test('signed in to udmeld, the Web UI shows the CU’s input decoded', async () => {
  const page = await newPage(browser);
  await page.goto(`${api.url}/login`);
  await page.getByText('Nødadgang for den lokale administrator').click();
  await page.getByLabel('Nødadgangskode').fill(TEST_CREDENTIAL);
  await page.getByRole('button', { name: 'Log ind med nødadgang' }).click();
  await page.waitForURL('**/sekretariat');

  await page.goto(workflowPage());
  await expect.poll(() => page.locator('body').innerText(), { timeout: 60_000 }).toContain(TITLE);
  expect(await page.locator('body').innerText()).not.toMatch(/Codec Server could not connect/i);
  await page.context().close();
});

test('without a session, the codec refuses and the payloads stay encrypted', async () => {
  const page = await newPage(browser);
  const decode = page.waitForResponse((r) => new URL(r.url()).pathname === '/codec/decode');
  await page.goto(workflowPage());
  expect((await decode).status()).toBe(401);
  await page.waitForTimeout(1000);
  expect(await page.locator('body').innerText()).not.toContain(TITLE);
  await page.context().close();
});
