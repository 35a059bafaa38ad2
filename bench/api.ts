// The API under load, on a dev server with 100 open CUs (2,200 municipality workflows) and the
// record on PostgreSQL: the directors' overview at 50 concurrent clients next to a bare Express
// JSON endpoint, and a submission acknowledged through the API at 8 clients next to a bare
// Temporal Update, all in the same run.
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { linkRevoked } from '../db/queries/register';
import { municipalitiesOfRegion, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate } from '../domain/time';
import { answerFor } from '../fixtures/round';
import { cpuSecondsByThread, cpuSecondsOf, memoryOf, percentiles, pool, sleep } from './measure';
import { cost, type BenchResult } from './result';
import { startSystemUnderTest } from './system-under-test';
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
  const sut = await startSystemUnderTest('udmeld_bench_api');
  const { started, ports, call, database, secretariat } = sut;
  // CPU seconds each process spent on a measurement: who is busy while the clients wait.
  const cpu = () => ({
    system: cpuSecondsOf(started.child.pid),
    temporal: cpuSecondsOf(sut.devServer.process.pid),
    postgres: cpuSecondsOf(sut.postgres.process.pid),
    threads: cpuSecondsByThread(started.child.pid),
  });
  type Run = { latencies: number[]; seconds: number; cpu: ReturnType<typeof cpu> };
  /** `fn` for each index, `clients` at a time; with a `profile` name, the system's CPU profile of it (BENCH_CPU_PROFILE_DIR). */
  const run = async (indices: number[], clients: number, fn: (i: number) => Promise<unknown>, profile?: string): Promise<Run> => {
    const { latencies, seconds, before, after } = await sut.profiled(profile, async () => {
      const before = cpu();
      const start = performance.now();
      const latencies = await pool(indices, clients, fn);
      return { latencies, seconds: (performance.now() - start) / 1000, before, after: cpu() };
    });
    const spent = {
      system: after.system - before.system,
      temporal: after.temporal - before.temporal,
      postgres: after.postgres - before.postgres,
      threads: Object.fromEntries(Object.entries(after.threads).map(([k, v]) => [k, v - (before.threads[k] ?? 0)])),
    };
    return { latencies, seconds, cpu: spent };
  };
  const summary = (runs: Run[]) => {
    const seconds = runs.reduce((a, r) => a + r.seconds, 0);
    const latencies = runs.flatMap((r) => r.latencies);
    const sum = (k: 'system' | 'temporal' | 'postgres') => +runs.reduce((a, r) => a + r.cpu[k], 0).toFixed(1);
    const threads: Record<string, number> = {};
    for (const r of runs) for (const [k, v] of Object.entries(r.cpu.threads)) threads[k] = +((threads[k] ?? 0) + v).toFixed(1);
    return {
      ...percentiles(latencies),
      perSecond: +(latencies.length / seconds).toFixed(1),
      cpuSeconds: { system: sum('system'), temporal: sum('temporal'), postgres: sum('postgres') },
      threads,
    };
  };
  const measure = async (count: number, clients: number, fn: (i: number) => Promise<unknown>, profile?: string) =>
    summary([await run([...Array(count).keys()], clients, fn, profile)]);
  const connection = await Connection.connect({ address: sut.devServer.address });
  try {
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
    const afterSetup = memoryOf(started.child.pid);

    const bareGet = await measure(OVERVIEWS * 3, OVERVIEW_CLIENTS, () =>
      fetch(`http://127.0.0.1:${ports.bare}/bare`).then((r) => r.json()),
    );
    await call('GET', '/api/overview', director); // made once at rest, as it is after its first reader
    const overview = await measure(OVERVIEWS, OVERVIEW_CLIENTS, () => call('GET', '/api/overview', director), 'api-overview');
    // The same bytes from a bare Express endpoint: what sending and parsing this much JSON costs by itself.
    const overviewText = await (await fetch(`${sut.url}/api/overview`, { headers: { authorization: `Bearer ${director}` } })).text();
    await fetch(`http://127.0.0.1:${ports.bare}/bare-text`, { method: 'PUT', body: overviewText });
    const bareSameBytes = await measure(OVERVIEWS, OVERVIEW_CLIENTS, () =>
      fetch(`http://127.0.0.1:${ports.bare}/bare-text`).then((r) => r.json()),
    );

    // The baseline under the same conditions: as many bare workflows open as municipality workflows,
    // each Update to a different one (most of them evicted from the worker's cache, as submissions are).
    const client = new Client({ connection });
    const bare = await pool([...Array(CUS * CODES.length).keys()], 16, (i) =>
      client.workflow.start(bareUpdateWorkflow, { workflowId: `bare-${i}`, taskQueue: 'bench' }),
    );
    void bare;
    // Bare Updates and submissions in turns, a quarter at a time, so neither gains from going last
    // (the dev server's state grows with every workflow task).
    const targets = ids.flatMap((id) => CODES.map((code) => [id, code] as const)).slice(0, SUBMISSIONS);
    const bareRuns: Run[] = [];
    const submissionRuns: Run[] = [];
    for (let turn = 0; turn < 4; turn++) {
      const indices = [...Array(SUBMISSIONS).keys()].filter((i) => i % 4 === turn);
      bareRuns.push(
        await run(indices, SUBMISSION_CLIENTS, (i) => client.workflow.getHandle(`bare-${i}`).executeUpdate(ping, { args: [i] })),
      );
      submissionRuns.push(
        await run(
          indices,
          SUBMISSION_CLIENTS,
          (i) => {
            const [id, code] = targets[i] ?? ['', ''];
            return call('POST', `/api/cus/${id}/municipalities/${code}/submission`, secretariat, { values: answerFor(code) });
          },
          turn === 0 ? 'api-submission' : undefined,
        ),
      );
    }
    const bareUpdate = summary(bareRuns);
    const submission = summary(submissionRuns);
    const cachedBareUpdate = await measure(SUBMISSIONS, SUBMISSION_CLIENTS, (i) =>
      client.workflow.getHandle(`bare-${i % SUBMISSION_CLIENTS}`).executeUpdate(ping, { args: [i] }),
    );
    const end = memoryOf(started.child.pid);

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
        ...(['p50', 'p99'] as const).map((p) =>
          cost(
            `directors' overview of ${CUS} CUs, ${p}, ${OVERVIEW_CLIENTS} concurrent`,
            overview[p],
            bareSameBytes[p],
            `bare Express endpoint sending the same ${Math.round(overviewText.length / 1024)} KB of JSON`,
            'ms',
            2,
          ),
        ),
        ...(['p50', 'p99'] as const).flatMap((p) => [
          cost(
            `submission acknowledged through the API, ${p}, ${SUBMISSION_CLIENTS} clients`,
            submission[p],
            bareUpdate[p],
            `bare Temporal Update, one of ${CUS * CODES.length} open bare workflows each, same worker and cache`,
            'ms',
            1.2,
          ),
          cost(
            `submission acknowledged through the API, ${p}, ${SUBMISSION_CLIENTS} clients`,
            submission[p],
            cachedBareUpdate[p],
            `bare Temporal Update to ${SUBMISSION_CLIENTS} always-cached bare workflows (the practical limit)`,
            'ms',
            1.5,
          ),
        ]),
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
          `CPU seconds during the ${SUBMISSIONS} submissions / the bare Updates (worker + API, Temporal, PostgreSQL)`,
          `${Object.values(submission.cpuSeconds).join(', ')} / ${Object.values(bareUpdate.cpuSeconds).join(', ')}`,
        ],
        [
          `the worker + API process's CPU seconds by thread during the submissions / the bare Updates`,
          Object.keys({ ...submission.threads, ...bareUpdate.threads })
            .map((k) => `${k} ${submission.threads[k] ?? 0} / ${bareUpdate.threads[k] ?? 0}`)
            .join('; '),
        ],
        ['worker + API process RSS after the launches / at the end', `${afterSetup.rssMb} / ${end.rssMb} MB (peak ${end.peakRssMb} MB)`],
      ],
      raw: { bareQuery, revocationCheck, bareGet, bareSameBytes, overview, bareUpdate, cachedBareUpdate, submission, afterSetup, end },
    };
  } finally {
    await connection.close();
    await sut.stop();
  }
}
