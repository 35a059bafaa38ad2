// What a cached workflow costs the worker: N municipality workflows started and left waiting, next
// to N of the minimal round's children, on a worker in debug mode (workflows then run in the main
// thread, whose heap can be read after a forced GC; run with --expose-gc). Real activities, an
// embedded record with the round seeded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createMailer } from '../activities/mailer';
import { loadConfig } from '../config';
import { linkSigner } from '../crypto/links';
import { generateSigningKeys, parseSigningKeys } from '../crypto/tokens';
import { openDatabase } from '../db/connect';
import { DEFAULT_QUESTIONNAIRE } from '../domain/questionnaire';
import { ADDRESSES, contactsFor } from '../fixtures/round';
import { seedRound } from '../fixtures/seed';
import { freePort } from '../scripts/ports';
import { startDevServer } from '../scripts/temporal-servers';
import { bundleWorkflows, WORKFLOWS_PATH } from '../worker/bundle';
import { baselineActivities } from './baseline-activities';
import { cpuProfiler } from './cpu-profile';
import { cost, type BenchResult } from './result';

const N = Number(process.env.BENCH_HEAP_WORKFLOWS ?? 300);
const BASELINE_PATH = fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url));

interface Cost {
  heapKbPerWorkflow: number;
  msPerWorkflowStart: number;
  bundleKb: number;
}

async function measure(kind: 'udmeld' | 'minimal'): Promise<Cost> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('The heap benchmark needs node --expose-gc');
  const server = await startDevServer({ port: await freePort() });
  const database = await openDatabase({});
  const taskQueue = `heap-${kind}`;
  await seedRound(database.db, 'hukommelse', contactsFor(['0461']), '2027-06-01');
  const bundle = await bundleWorkflows(kind === 'udmeld' ? WORKFLOWS_PATH : BASELINE_PATH);
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const mailer = createMailer(
    { from: 'udmeld@bench.invalid', dataDir: mkdtempSync(join(tmpdir(), 'udmeld-heap-')), threshold: 4 },
    {
      db: database.db,
      linkWithAccess: linkSigner(parseSigningKeys(generateSigningKeys('heap')), { municipalityDays: 60, directorDays: 30 }),
    },
  );
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    debugMode: true,
    maxCachedWorkflows: N + 10,
    activities: {
      ...baselineActivities,
      ...createActivities({
        db: database.db,
        mailer,
        rounds: { addresses: ADDRESSES, baseUrl: 'http://udmeld.test' },
        client,
        retention: loadConfig({}).retention,
        webhooks: { publicUrl: 'http://udmeld.test', secretariat: ADDRESSES.secretariat, allowAddresses: [] },
      }),
    },
  });
  const running = worker.run();
  try {
    const start = (i: number) =>
      kind === 'udmeld'
        ? client.workflow.start('municipalityWorkflow', {
            taskQueue,
            workflowId: `m-${i}`,
            args: [
              {
                cuId: 'hukommelse',
                code: '0461',
                questionnaire: DEFAULT_QUESTIONNAIRE,
                deadline: '2027-06-01',
                reminders: { daysBefore: [14, 7, 2], overdueEveryDays: 3 },
                hardStopDaysAfterDeadline: 30,
              },
            ],
          })
        : client.workflow.start('minimalChildWorkflow', {
            taskQueue,
            workflowId: `m-${i}`,
            args: [{ children: 0, childTimersMs: [30 * 86_400_000], parentUpdates: 0, parentActivities: 0 }],
          });
    await start(-1); // warm-up: the bundle loaded, the first context made
    await new Promise((r) => setTimeout(r, 1000));
    gc();
    const before = process.memoryUsage().heapUsed;
    // With BENCH_CPU_PROFILE_DIR, a profile of the starts (`heap-<kind>`): workflows run in this thread here.
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    const profiler = profileDir ? cpuProfiler(profileDir) : undefined;
    await profiler?.start();
    const began = performance.now();
    for (let i = 0; i < N; i++) await start(i);
    // Every workflow has run its first task once the last one has.
    for (;;) {
      const events = (await client.workflow.getHandle(`m-${N - 1}`).fetchHistory()).events ?? [];
      if (events.some((e) => e.workflowTaskCompletedEventAttributes)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ms = performance.now() - began;
    await profiler?.stop(`heap-${kind}`);
    await new Promise((r) => setTimeout(r, 1000));
    gc();
    const after = process.memoryUsage().heapUsed;
    return {
      heapKbPerWorkflow: Math.round((after - before) / N / 1024),
      msPerWorkflowStart: +(ms / N).toFixed(1),
      bundleKb: Math.round(bundle.code.length / 1024),
    };
  } finally {
    worker.shutdown();
    await running;
    await Promise.all([connection.close(), nativeConnection.close(), database.close()]);
    await server.stop();
  }
}

export async function benchWorkflowHeap(): Promise<BenchResult> {
  const minimal = await measure('minimal');
  const udmeld = await measure('udmeld');
  return {
    name: `A cached workflow: ${N} municipality workflows started and waiting, next to ${N} minimal children (workflows in the main thread, debug mode)`,
    command: 'npm run bench -- heap',
    comparisons: [
      cost(
        'JS heap per cached workflow, after GC',
        udmeld.heapKbPerWorkflow,
        minimal.heapKbPerWorkflow,
        'minimal child workflow',
        'KB',
        1.3,
      ),
      cost(
        'time per workflow, start to first task done, one at a time',
        udmeld.msPerWorkflowStart,
        minimal.msPerWorkflowStart,
        'minimal child workflow',
        'ms',
        1.3,
      ),
    ],
    notes: [['workflow bundle, udmeld / minimal (with its source map)', `${udmeld.bundleKb} / ${minimal.bundleKb} KB`]],
    raw: { n: N, minimal, udmeld },
  };
}
