// The two pages people wait on most, in Chromium, on the system under test (bench/system-under-test.ts):
// the secretariat's round board for Region Hovedstaden's 29 municipalities, half of them answered,
// and a municipality's questionnaire. The server's time for each page comes from its Server-Timing
// header, as the browser's navigation timing reads it; the target is a p95 of 50 ms.
import { sql } from 'kysely';
import { readCu } from '../db/queries/cu-record';
import { readMunicipality } from '../db/queries/municipality-view';
import type { Page } from 'playwright-core';
import { municipalitiesOfRegion } from '../domain/municipalities';
import { addDays, copenhagenDate } from '../domain/time';
import { answerFor, contactOf } from '../fixtures/round';
import { launchBrowser } from '../scripts/chromium';
import { percentiles, sleep } from './measure';
import type { BenchResult } from './result';
import { startSystemUnderTest } from './system-under-test';

const HOVEDSTADEN = '1084';
const CODES = municipalitiesOfRegion(HOVEDSTADEN);
const VISITS = Number(process.env.BENCH_PAGE_VISITS ?? 100);
const TARGET_MS = 50;
const CU = 'bench-pages';

interface Navigation {
  /** The page's own Server-Timing entry: from the request's arrival to the page made. */
  serverMs: number;
  /** From sending the request to its first byte, as the browser saw it. */
  firstByteMs: number;
}

async function visits(page: Page, path: string): Promise<Navigation[]> {
  const seen: Navigation[] = [];
  for (let i = 0; i < VISITS + 5; i++) {
    const response = await page.goto(path);
    if (!response?.ok()) throw new Error(`${path}: ${response?.status()}`);
    const timing = await page.evaluate(() => {
      type NavigationTiming = { serverTiming: { name: string; duration: number }[]; requestStart: number; responseStart: number };
      const { performance } = globalThis as unknown as { performance: { getEntriesByType(type: string): NavigationTiming[] } };
      const [nav] = performance.getEntriesByType('navigation');
      return nav
        ? { serverMs: nav.serverTiming.find((t) => t.name === 'side')?.duration ?? NaN, firstByteMs: nav.responseStart - nav.requestStart }
        : undefined;
    });
    if (!timing || Number.isNaN(timing.serverMs)) throw new Error(`${path}: no Server-Timing`);
    if (i >= 5) seen.push(timing); // the first few warm the caches, as the pages are warm in use
  }
  return seen;
}

function summary(name: string, navigations: Navigation[]) {
  const server = percentiles(navigations.map((n) => n.serverMs));
  const firstByte = percentiles(navigations.map((n) => n.firstByteMs));
  return {
    name,
    server,
    firstByte,
    note: [
      name,
      `server p50 ${server.p50} ms, p95 ${server.p95} ms (target ≤ ${TARGET_MS} ms: ${server.p95 <= TARGET_MS ? 'met' : 'missed'}); first byte p95 ${firstByte.p95} ms`,
    ] as [string, string],
  };
}

export async function benchPages(): Promise<BenchResult> {
  const today = copenhagenDate(Date.now());
  const sut = await startSystemUnderTest('udmeld_bench_pages');
  const { call, secretariat } = sut;
  const browser = await launchBrowser();
  try {
    for (const code of CODES)
      await call('PUT', `/api/contacts/${code}`, secretariat, {
        contacts: [{ name: `Kontakt ${code}`, email: contactOf(code) }],
        directorEmail: `direktor-${code}@kommune.test`,
      });
    await call('POST', '/api/cus', secretariat, {
      id: CU,
      title: 'Borgere med svære spiseforstyrrelser',
      targetGroup: 'Borgere med svære spiseforstyrrelser',
      issuedOn: today,
      nationalDeadline: addDays(today, 300),
      regionCode: HOVEDSTADEN,
    });
    await call('POST', `/api/cus/${CU}/launch`, secretariat, { deadline: addDays(today, 60) });
    const invitations = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from mail_log where template = 'invitation'`.execute(sut.database.db)).rows[0]?.n ??
          0,
      );
    while ((await invitations()) < CODES.length) await sleep(500);
    const [first, ...rest] = CODES;
    for (const code of rest.slice(0, Math.floor(CODES.length / 2)))
      await call('POST', `/api/cus/${CU}/municipalities/${code}/submission`, secretariat, { values: answerFor(code) });
    if (!first) throw new Error('Region Hovedstaden has no municipalities');

    const board = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    await board.addCookies([{ name: 'udmeld_session', value: secretariat, url: sut.url }]);
    const boardPage = await board.newPage();
    const boardVisits = await sut.profiled('pages-board', () => visits(boardPage, `${sut.url}/sekretariat/cu/${CU}`));

    const contact = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    const link = await call<{ url: string }>('POST', '/api/links', secretariat, {
      role: 'municipality',
      cuId: CU,
      municipalityCode: first,
      email: contactOf(first),
    });
    const contactPage = await contact.newPage();
    await contactPage.goto(link.url.replace(/^https?:\/\/[^/]+/, sut.url)); // the link keeps its access in a cookie
    const questionnaireVisits = await sut.profiled('pages-questionnaire', () => visits(contactPage, `${sut.url}/kommune/${CU}/${first}`));

    // What the pages wait for: the record's reads alone, one after another from this process, on the same PostgreSQL.
    const timed = async (fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < VISITS; i++) {
        const start = performance.now();
        await fn();
        ms.push(performance.now() - start);
      }
      return percentiles(ms);
    };
    const record = await timed(() => readCu(sut.database.db, CU, { answers: true }));
    const own = await timed(() => readMunicipality(sut.database.db, CU, first));
    const results = [
      summary(`the round board of ${CODES.length} municipalities (secretariat)`, boardVisits),
      summary("a municipality's questionnaire (its contact)", questionnaireVisits),
    ];
    const reads: [string, string] = [
      'the reads alone (from the benchmark, same PostgreSQL)',
      `the CU's whole record (14 queries): p50 ${record.p50} ms, p95 ${record.p95} ms; one municipality's view: p50 ${own.p50} ms, p95 ${own.p95} ms`,
    ];
    return {
      name: `Pages in Chromium: ${VISITS} visits each, server time from the page's Server-Timing`,
      command: 'npm run bench -- pages',
      comparisons: [],
      notes: [...results.map((r) => r.note), reads],
      raw: { pages: results, reads: { record, own } },
    };
  } finally {
    await browser.close();
    await sut.stop();
  }
}
