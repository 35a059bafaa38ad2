// The API under load, on a dev server with 100 open CUs (2,200 municipality workflows) and the
// record on PostgreSQL: the directors' overview at 50 concurrent clients next to a bare Express
// JSON endpoint, and a submission acknowledged through the API at 8 clients next to a bare
// Temporal Update, all in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { openDatabase } from '../db/connect';
import { linkRevoked } from '../db/queries/register';
import { generateSigningKeys } from '../crypto/tokens';
import { municipalitiesOfRegion, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate } from '../domain/time';
import { answerFor } from '../fixtures/round';
import { freePort } from '../scripts/ports';
import { createDatabase, startPostgres } from '../scripts/postgres-server';
import { startProcess } from '../scripts/process';
import { startDevServer } from '../scripts/temporal-servers';
import { memoryOf, percentiles, pool, sleep } from './measure';
import { cost, type BenchResult } from './result';
import { bareUpdateWorkflow, ping } from './workflows';

const CUS = Number(process.env.BENCH_CUS ?? 100);
const OVERVIEW_CLIENTS = 50;
const SUBMISSION_CLIENTS = 8;
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 400);
const OVERVIEWS = Number(process.env.BENCH_OVERVIEWS ?? 1000);
const REVOCATIONS = 10_000;
const CODES = municipalitiesOfRegion(SYDDANMARK);

export async function benchApi(): Promise<BenchResult> {
  const today = copenhagenDate(Date.now());
  const [devServer, postgres] = await Promise.all([startDevServer({ port: await freePort() }), startPostgres({ port: await freePort() })]);
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: devServer.address,
    TEMPORAL_TASK_QUEUE: 'bench',
    DATABASE_URL: await createDatabase(postgres.adminUrl, 'udmeld_bench_api'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'udmeld-bench-')),
    SIGNING_KEYS: generateSigningKeys('bench'),
    BREAK_GLASS_CREDENTIAL: 'bench-credential-0123456789-abcdef',
    TEMPORAL_CALL_TIMEOUT_MS: '60000',
  };
  const started = await startProcess('bench/system.ts', env, '{"ready"');
  const system = started.child;
  const ports = JSON.parse(started.line) as { api: number; bare: number };
  const api = `http://127.0.0.1:${ports.api}`;
  const call = async <T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = await res.json();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  };
  const measure = async (count: number, clients: number, fn: (i: number) => Promise<unknown>) => {
    const start = performance.now();
    const latencies = await pool([...Array(count).keys()], clients, fn);
    return { ...percentiles(latencies), perSecond: +((count / (performance.now() - start)) * 1000).toFixed(1) };
  };
  const connection = await Connection.connect({ address: devServer.address });
  const database = await openDatabase({ url: env.DATABASE_URL });
  try {
    const login = await fetch(`${api}/api/auth/break-glass`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: env.BREAK_GLASS_CREDENTIAL }),
    });
    const secretariat = ((await login.json()) as { token: string }).token;
    for (const code of CODES) {
      await call('PUT', `/api/contacts/${code}`, secretariat, {
        contacts: [{ name: `Kontakt ${code}`, email: `kontakt-${code}@kommune.test` }],
        directorEmail: `direktor-${code}@kommune.test`,
      });
    }
    const ids = Array.from({ length: CUS }, (_, i) => `bench-${i}`);
    const setupStart = performance.now();
    await pool(ids, 4, async (id) => {
      await call('POST', '/api/cus', secretariat, {
        id,
        title: `Benchmark ${id}`,
        targetGroup: 'Benchmark',
        issuedOn: today,
        nationalDeadline: addDays(today, 300),
      });
      await call('POST', `/api/cus/${id}/launch`, secretariat, { deadline: addDays(today, 90) });
    });
    // Measured at rest: every invitation sent (the worker has no backlog of 2,200 e-mails).
    const invitations = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from mail_log where template = 'invitation'`.execute(database.db)).rows[0]?.n ?? 0,
      );
    while ((await invitations()) < CUS * CODES.length) await sleep(1000);
    const setupSeconds = Math.round((performance.now() - setupStart) / 1000);
    // A named forum member's personal link, as directors get theirs.
    const member = await call<{ id: string }>('POST', '/api/people', secretariat, { name: 'Dorte Direktør', email: 'dorte@forum.test' });
    const link = await call<{ url: string }>('POST', '/api/links', secretariat, { role: 'director', personId: member.id });
    const director = new URL(link.url).searchParams.get('adgang') ?? '';
    const afterSetup = memoryOf(system.pid);

    const bareGet = await measure(OVERVIEWS * 3, OVERVIEW_CLIENTS, () =>
      fetch(`http://127.0.0.1:${ports.bare}/bare`).then((r) => r.json()),
    );
    const overview = await measure(OVERVIEWS, OVERVIEW_CLIENTS, () => call('GET', '/api/overview', director));

    // The baseline under the same conditions: as many bare workflows open as municipality workflows,
    // each Update to a different one (most of them evicted from the worker's cache, as submissions are).
    const client = new Client({ connection });
    const bare = await pool([...Array(CUS * CODES.length).keys()], 16, (i) =>
      client.workflow.start(bareUpdateWorkflow, { workflowId: `bare-${i}`, taskQueue: 'bench' }),
    );
    void bare;
    const bareUpdate = await measure(SUBMISSIONS, SUBMISSION_CLIENTS, (i) =>
      client.workflow.getHandle(`bare-${i}`).executeUpdate(ping, { args: [i] }),
    );
    const cachedBareUpdate = await measure(SUBMISSIONS, SUBMISSION_CLIENTS, (i) =>
      client.workflow.getHandle(`bare-${i % SUBMISSION_CLIENTS}`).executeUpdate(ping, { args: [i] }),
    );
    const targets = ids.flatMap((id) => CODES.map((code) => [id, code] as const)).slice(0, SUBMISSIONS);
    const submission = await measure(targets.length, SUBMISSION_CLIENTS, (i) => {
      const [id, code] = targets[i] ?? ['', ''];
      return call('POST', `/api/cus/${id}/municipalities/${code}/submission`, secretariat, { values: answerFor(code) });
    });
    const end = memoryOf(system.pid);

    // Every link request asks the record whether the link is revoked (no cache that could serve a
    // revoked link). Its cost, against the cheapest query on the same pool, with years of
    // revocations in the table (every contact change and withdrawal adds one).
    await sql`insert into link_revocation (cu_id, municipality_code, person_id, reason, before_epoch, at, revoked_by)
      select 'old-' || n, '461', 'person-' || n, 'Kontakt skiftet', extract(epoch from now())::bigint - n, now(), '{}'::jsonb
      from generate_series(1, ${REVOCATIONS}) as n`.execute(database.db);
    const claims = { role: 'municipality', cu: 'bench-1', m: '461', jti: 'bench-jti', iat: Math.floor(Date.now() / 1000) - 86_400 * 400 };
    const bareQuery = await measure(OVERVIEWS * 3, OVERVIEW_CLIENTS, () => sql`select 1`.execute(database.db));
    const revocationCheck = await measure(OVERVIEWS * 3, OVERVIEW_CLIENTS, () => linkRevoked(database.db, claims));
    return {
      name: `The API with ${CUS} open CUs (${CUS * CODES.length} municipality workflows), record on PostgreSQL`,
      command: 'npm run bench -- api',
      comparisons: [
        cost(
          `directors' overview of ${CUS} CUs, p50, ${OVERVIEW_CLIENTS} concurrent`,
          overview.p50,
          bareGet.p50,
          'bare Express JSON endpoint',
          'ms',
          2,
        ),
        cost(
          `directors' overview of ${CUS} CUs, p99, ${OVERVIEW_CLIENTS} concurrent`,
          overview.p99,
          bareGet.p99,
          'bare Express JSON endpoint',
          'ms',
          2,
        ),
        cost(
          `submission acknowledged through the API, p50, ${SUBMISSION_CLIENTS} clients`,
          submission.p50,
          bareUpdate.p50,
          `bare Temporal Update, one of ${CUS * CODES.length} open bare workflows each`,
          'ms',
          1.5,
        ),
        cost(
          `submission acknowledged through the API, p99, ${SUBMISSION_CLIENTS} clients`,
          submission.p99,
          bareUpdate.p99,
          `bare Temporal Update, one of ${CUS * CODES.length} open bare workflows each`,
          'ms',
          1.5,
        ),
        cost(
          `revocation check of a link, with ${REVOCATIONS} revocations on record, p50, ${OVERVIEW_CLIENTS} concurrent`,
          revocationCheck.p50,
          bareQuery.p50,
          'select 1 on the same pool',
          'ms',
          3,
        ),
      ],
      notes: [
        ['launching the CUs (register + launch, 4 at a time) until every invitation was sent', `${setupSeconds} s`],
        [
          'bare Temporal Update to the same 8 workflows over and over (always cached), p50 / p99',
          `${cachedBareUpdate.p50} / ${cachedBareUpdate.p99} ms`,
        ],
        ['worker + API process RSS after the launches / at the end', `${afterSetup.rssMb} / ${end.rssMb} MB (peak ${end.peakRssMb} MB)`],
      ],
      raw: { bareQuery, revocationCheck, bareGet, overview, bareUpdate, cachedBareUpdate, submission, afterSetup, end },
    };
  } finally {
    await connection.close();
    await database.close();
    system.kill('SIGTERM');
    await Promise.all([devServer.stop(), postgres.stop()]);
  }
}
