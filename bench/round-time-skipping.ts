// A whole 22-municipality round on the time-skipping server, from launch through two reminders per
// municipality, 22 submissions, forum, KKR, 23 councils and submission, next to a minimal round with
// the same children, updates, activities and timers. Both kinds alternate, each on its own
// in-process worker; the figure is the wall time of one round. The last udmeld round's histories
// are measured too.   BENCH_REPETITIONS=7 by default
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { generateSigningKeys } from '../crypto/tokens';
import { createUdmeld } from '../app';
import { generatePayloadKey } from '../crypto/payload-encryption';
import { loadConfig, type Config } from '../config';
import { openDatabase } from '../db/connect';
import type { Db } from '../db/schema';
import { cuWorkflowId, municipalityWorkflowId } from '../domain/ids';
import { historyReader } from '../scripts/history-size';
import { createDatabase, startPostgres } from '../scripts/postgres-server';
import { municipalitiesOfRegion, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate, copenhagenInstant, REMINDER_HOUR } from '../domain/time';
import { startTimeSkippingServer } from '../scripts/temporal-servers';
import { AS_SECRETARIAT, launchRound, startCu } from '../fixtures/round';
import { freePort } from '../scripts/ports';
import { timeSkippingEnv } from '../scripts/time-skipping-env';
import { bundleWorkflows, WORKFLOWS_PATH } from '../worker/bundle';
import { createWorker } from '../worker/create-worker';
import { baselineActivities } from './baseline-activities';
import { minimalRoundWorkflow, ping, type RoundShape } from './baseline-workflows';
import { answerAll, approveAndSubmit } from './drive';
import { percentiles } from './measure';
import { cost, type BenchResult } from './result';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 7);
const CODES = municipalitiesOfRegion(SYDDANMARK);
const DAYS_TO_DEADLINE = 60;
const DAY = 86_400_000;

interface Setup {
  env: TestWorkflowEnvironment;
  db: Db;
  config: Config;
}

async function startWorker(
  { env, db, config }: Setup,
  taskQueue: string,
  workflowsPath: string,
): Promise<{ worker: Worker; done: Promise<void> }> {
  const worker = await createWorker({
    config: { ...config, temporal: { ...config.temporal, taskQueue } },
    db,
    connection: env.nativeConnection,
    workflowBundle: await bundleWorkflows(workflowsPath),
    moreActivities: baselineActivities,
  });
  return { worker, done: worker.run() };
}

/** Launched now, with the deadline 60 days ahead: the 14- and 7-day reminders fire before the answers. */
async function udmeldRound({ env, db, config }: Setup, rep: number): Promise<number> {
  const udmeld = createUdmeld({
    client: env.client,
    db,
    config: { ...config, temporal: { ...config.temporal, taskQueue: 'bench-udmeld' }, temporalCallTimeoutMs: 120_000 },
  });
  const id = `bench-ts-${rep}`;
  const started = performance.now();
  const today = copenhagenDate(await env.currentTimeMs());
  const deadline = addDays(today, DAYS_TO_DEADLINE);
  await udmeld.registerCu(startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
  await launchRound(udmeld, id, CODES, deadline);
  await env.sleep(copenhagenInstant(addDays(deadline, -5), REMINDER_HOUR) - (await env.currentTimeMs()));
  await answerAll(udmeld, id, CODES);
  await approveAndSubmit(udmeld, id, CODES, copenhagenDate(await env.currentTimeMs()));
  await udmeld.cuHandle(id).result();
  const record = await udmeld.fullCu(id, AS_SECRETARIAT, { answers: false });
  const answered = Object.values(record.municipalities).filter((m) => m.answer).length;
  if (answered !== CODES.length) throw new Error(`round ${id}: ${answered} answered`);
  const reminders = Object.values(record.municipalities)[0]?.reminders.length;
  if (reminders !== 2) throw new Error(`round ${id}: ${reminders} reminders, expected 2`);
  return performance.now() - started;
}

async function minimalRound({ env }: Setup, rep: number): Promise<number> {
  const id = `minimal-ts-${rep}`;
  const started = performance.now();
  const now = await env.currentTimeMs();
  const deadline = copenhagenInstant(addDays(copenhagenDate(now), DAYS_TO_DEADLINE), REMINDER_HOUR);
  const shape: RoundShape = {
    children: CODES.length,
    childTimersMs: [deadline - 14 * DAY - now, deadline - 7 * DAY - now, deadline + DAY - now],
    parentUpdates: 3 + CODES.length + 1 + 1,
    parentActivities: 1 + CODES.length + 1 + 1,
  };
  const parent = await env.client.workflow.start(minimalRoundWorkflow, { workflowId: id, taskQueue: 'bench-minimal', args: [shape] });
  await parent.executeUpdate(ping, { args: [0] });
  await env.sleep(deadline - 5 * DAY - (await env.currentTimeMs()));
  for (const [c] of CODES.entries()) await env.client.workflow.getHandle(`${id}:${c}`).executeUpdate(ping, { args: [c] });
  for (let u = 0; u < shape.parentUpdates; u++) await parent.executeUpdate(ping, { args: [u] });
  await parent.result();
  return performance.now() - started;
}

export async function benchRoundTimeSkipping(): Promise<BenchResult> {
  const server = await startTimeSkippingServer(await freePort());
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'udmeld-bench-')),
    SIGNING_KEYS: generateSigningKeys('bench'),
    PAYLOAD_KEYS: generatePayloadKey('bench'),
  });
  const env = await timeSkippingEnv(config, server.address);
  const postgres = await startPostgres({ port: await freePort(), fast: true });
  const database = await openDatabase({ url: await createDatabase(postgres.adminUrl, 'udmeld_bench_round') });
  const setup: Setup = { env, db: database.db, config };
  const workers = [
    await startWorker(setup, 'bench-udmeld', WORKFLOWS_PATH),
    await startWorker(setup, 'bench-minimal', fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url))),
  ];
  try {
    await minimalRound(setup, -1); // warm-up: JIT, connections
    await udmeldRound(setup, -1);
    const times = { minimal: [] as number[], udmeld: [] as number[] };
    for (let rep = 0; rep < REPETITIONS; rep++) {
      times.minimal.push(await minimalRound(setup, rep));
      times.udmeld.push(await udmeldRound(setup, rep));
    }
    const reader = await historyReader({ address: server.address });
    const last = `bench-ts-${REPETITIONS - 1}`;
    const history = {
      cu: await reader.size(cuWorkflowId(last)),
      municipality: await reader.size(municipalityWorkflowId(last, CODES[0] ?? '')),
    };
    await reader.close();
    const minimal = percentiles(times.minimal);
    const udmeld = percentiles(times.udmeld);
    return {
      name: `A whole 22-municipality round under time skipping (two reminders each, ${DAYS_TO_DEADLINE} days skipped, forum, KKR, 23 councils, submission), ${REPETITIONS} alternating repetitions`,
      command: 'npm run bench -- round',
      comparisons: [cost('wall time of a round, p50', Math.round(udmeld.p50), Math.round(minimal.p50), 'minimal round', 'ms', 1.3)],
      notes: [
        [
          `the CU's history (events, bytes, largest payload)`,
          `${history.cu.events} events, ${history.cu.bytes.toLocaleString('da-DK')} bytes, largest ${history.cu.largestPayload.toLocaleString('da-DK')} bytes`,
        ],
        [
          `a municipality's history`,
          `${history.municipality.events} events, ${history.municipality.bytes.toLocaleString('da-DK')} bytes, largest ${history.municipality.largestPayload.toLocaleString('da-DK')} bytes`,
        ],
      ],
      raw: { times, minimal, udmeld, history },
    };
  } finally {
    for (const { worker } of workers) worker.shutdown();
    await Promise.all(workers.map((w) => w.done));
    await env.teardown();
    await database.close();
    await Promise.all([server.stop(), postgres.stop()]);
  }
}
