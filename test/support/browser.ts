// Debian's Chromium driven by playwright-core, and axe-core's WCAG 2.1 A/AA check of a page.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
export { launchBrowser } from '../../scripts/chromium';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
  await expectWellFormed(page, name);
  await screenshot(page, name);
}

/** No id used twice (a label would name the wrong field), and every form field has an accessible name. */
export async function expectWellFormed(page: Page, name: string): Promise<void> {
  expect(await duplicateIds(page), `ids used more than once on ${name}`).toEqual([]);
  expect(await unnamedFields(page), `form fields without an accessible name on ${name}`).toEqual([]);
}

/** Ids that more than one element carries: a label `for` one of them names whichever comes first. */
function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ id: string }> } };
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll('[id]'))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);
  });
}

/** Fields a screen reader would announce without a name: no label with text, no aria-label(ledby), no title. */
function unnamedFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Field = {
      name: string;
      id: string;
      type?: string;
      labels: ArrayLike<{ textContent: string | null }> | null;
      getAttribute(a: string): string | null;
    };
    const { document } = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<Field>; getElementById(id: string): { textContent: string | null } | null };
    };
    const fields = Array.from(
      document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea'),
    );
    const named = (f: Field) =>
      Array.from(f.labels ?? []).some((l) => (l.textContent ?? '').trim() !== '') ||
      (f.getAttribute('aria-label') ?? '').trim() !== '' ||
      (f.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => (document.getElementById(id)?.textContent ?? '').trim() !== '') ||
      (f.getAttribute('title') ?? '').trim() !== '';
    return fields.filter((f) => !named(f)).map((f) => f.id || f.name || '(uden navn)');
  });
}
