// Debian's Chromium driven by playwright-core, and axe-core's WCAG 2.1 A/AA check of a page.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
}

/** Runs axe-core on the page as it is now; fails the test with the violations, if any. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource); // through the DevTools protocol, which the page's Content-Security-Policy does not govern
  const violations = await page.evaluate(async () => {
    type Axe = {
      run: (ctx: unknown, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
    };
    const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `WCAG 2.1 A/AA violations on ${what}`).toEqual([]);
}

/** Saves a screenshot for the README when UPDATE_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: new URL(`../../docs/screenshots/${name}.png`, import.meta.url).pathname, fullPage: true });
}

/** A Danish page in its own context; anything the Content-Security-Policy blocks is collected for `checked`. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', acceptDownloads: true });
  await context.addInitScript(() => {
    type Violation = { violatedDirective: string; blockedURI: string };
    const window = globalThis as unknown as {
      cspViolations: string[];
      addEventListener(type: string, listener: (e: Violation) => void): void;
    };
    window.cspViolations = [];
    window.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000); // a step that hangs fails with its locator instead of the whole test timing out
  return page;
}

/** The page as it is now passes axe-core and broke no Content-Security-Policy rule. */
export async function checked(page: Page, name: string): Promise<void> {
  console.log(`[browser] ${name}`);
  await expectAccessible(page, name);
  expect(
    await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations),
    `CSP violations on ${name}`,
  ).toEqual([]);
  await screenshot(page, name);
}
