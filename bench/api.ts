// Benchmark (issue 3): the directors' overview over many open CUs and a submission under concurrent
// load, each next to its baseline in the same run: a bare Express endpoint and a bare Temporal Update.
//   npm run bench:api            (BENCH_CUS=100 BENCH_CONCURRENCY=8 by default)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { generateSigningKeys } from '../auth/tokens';
import { municipalitiesOfRegion, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate } from '../domain/time';
import { startDevServer } from '../scripts/temporal-servers';
import { answerFor } from '../test/support/fixtures';
import { freePort } from '../test/support/ports';
import { startProcess } from '../test/support/process';
import { memoryOf, percentiles, pool } from './measure';
import { bareUpdateWorkflow, ping } from './workflows';

const CUS = Number(process.env.BENCH_CUS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 400);
const OVERVIEWS = Number(process.env.BENCH_OVERVIEWS ?? 60);
const CODES = municipalitiesOfRegion(SYDDANMARK);
const today = copenhagenDate(Date.now());

const devServer = await startDevServer({ port: await freePort() });
const env = {
  ...process.env,
  TEMPORAL_ADDRESS: devServer.address,
  TEMPORAL_TASK_QUEUE: 'bench',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'udmeld-bench-')),
  SIGNING_KEYS: generateSigningKeys('bench'),
  SECRETARIAT_CREDENTIAL: 'bench-credential-0123456789',
  // Launching 100 rounds at once keeps the one worker busy for minutes; a call may wait longer than in production.
  TEMPORAL_CALL_TIMEOUT_MS: '60000',
};
const started = await startProcess('bench/system.ts', env, '{"ready"');
const system = started.child;
const ports: { api: number; bare: number } = JSON.parse(started.line);
const api = `http://127.0.0.1:${ports.api}`;

async function call(method: string, path: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function stats(name: string, latencies: number[], wallMs: number) {
  return { name, ...percentiles(latencies), throughput: +((latencies.length / wallMs) * 1000).toFixed(1) };
}

async function measure(name: string, count: number, fn: (i: number) => Promise<unknown>) {
  const start = performance.now();
  const latencies = await pool([...Array(count).keys()], CONCURRENCY, fn);
  return stats(name, latencies, performance.now() - start);
}

const memory = () => memoryOf(system.pid!);

try {
  const login = await fetch(`${api}/api/auth/secretariat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: env.SECRETARIAT_CREDENTIAL }) });
  const secretariat = ((await login.json()) as { token: string }).token;
  for (const code of CODES) {
    await call('PUT', `/api/contacts/${code}`, secretariat, { contacts: [{ name: `Kontakt ${code}`, email: `kontakt-${code}@kommune.test` }], directorEmail: `direktor-${code}@kommune.test` });
  }
  const ids = Array.from({ length: CUS }, (_, i) => `bench-${i}`);
  const setupStart = performance.now();
  await pool(ids, 4, async (id) => {
    await call('POST', '/api/cus', secretariat, { id, title: `Benchmark ${id}`, targetGroup: 'Benchmark', issuedOn: today, nationalDeadline: addDays(today, 300) });
    await call('POST', `/api/cus/${id}/launch`, secretariat, { deadline: addDays(today, 90) });
  });
  const director = new URL((await call('POST', '/api/links', secretariat, { role: 'director' })).url).searchParams.get('adgang')!;
  for (;;) {
    const overview = (await call('GET', '/api/overview', director)) as { reporting: { byStatus: Record<string, number> } }[];
    const known = overview.reduce((sum, o) => sum + Object.values(o.reporting.byStatus).reduce((a, b) => a + b, 0), 0);
    if (overview.length === CUS && known === CUS * CODES.length) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const setupSeconds = Math.round((performance.now() - setupStart) / 1000);
  const afterSetup = memory();

  const results = [];
  results.push(await measure('bare Express GET', 2000, () => fetch(`http://127.0.0.1:${ports.bare}/bare`).then((r) => r.json())));
  results.push(await measure(`GET /api/overview (${CUS} open CUs × 22)`, OVERVIEWS, () => call('GET', '/api/overview', director)));

  const connection = await Connection.connect({ address: devServer.address });
  const client = new Client({ connection });
  const bare = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) => client.workflow.start(bareUpdateWorkflow, { workflowId: `bare-${i}`, taskQueue: 'bench' })),
  );
  results.push(await measure('bare Temporal Update', SUBMISSIONS, (i) => bare[i % bare.length]!.executeUpdate(ping, { args: [i] })));
  const targets = ids.flatMap((id) => CODES.map((code) => [id, code] as const)).slice(0, SUBMISSIONS);
  results.push(
    await measure('POST …/submission (Update + validation)', targets.length, (i) => {
      const [id, code] = targets[i]!;
      return call('POST', `/api/cus/${id}/municipalities/${code}/submission`, secretariat, { values: answerFor(code) });
    }),
  );
  await connection.close();

  const report = {
    date: new Date().toISOString(),
    machine: `${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
    cus: CUS,
    municipalityWorkflows: CUS * CODES.length,
    concurrency: CONCURRENCY,
    setupSeconds,
    memoryAfterSetup: afterSetup,
    memoryAtEnd: memory(),
    results,
  };
  writeFileSync(join('bench', 'results', `api-${report.date.slice(0, 10)}.json`), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  console.log('\n| measurement | n | p50 ms | p99 ms | req/s |\n|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.n} | ${r.p50} | ${r.p99} | ${r.throughput} |`);
} finally {
  system.kill('SIGTERM');
  await devServer.stop();
}
