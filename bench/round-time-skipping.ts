// Benchmark (issue 6): a whole 22-municipality round on the time-skipping server, from launch
// through two reminders per municipality, 22 submissions, forum, KKR, 23 councils and submission,
// next to a minimal round with the same children, updates, activities and timers. Both kinds
// alternate, each on its own in-process worker; the figure is the wall time of one round.
//   npm run bench:round            (BENCH_REPETITIONS=7 by default)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { generateSigningKeys } from '../auth/tokens';
import { Udmeld } from '../client/udmeld';
import { generatePayloadKey } from '../codec/encryption';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { municipalitiesOfRegion, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate, copenhagenInstant, REMINDER_HOUR } from '../domain/time';
import * as msg from '../workflows/messages';
import { startTimeSkippingServer } from '../scripts/temporal-servers';
import { launch, startCu } from '../test/support/fixtures';
import { freePort } from '../test/support/ports';
import { timeSkippingEnv } from '../test/support/time-skipping';
import { bundleWorkflows, WORKFLOWS_PATH } from '../worker/bundle';
import { createWorker } from '../worker/create-worker';
import { baselineActivities } from './baseline-activities';
import { minimalRoundWorkflow, ping, type RoundShape } from './baseline-workflows';
import { answerAll, approveAndSubmit } from './drive';
import { percentiles } from './measure';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 7);
const CODES = municipalitiesOfRegion(SYDDANMARK);
const DAYS_TO_DEADLINE = 60;
const DAY = 86_400_000;

Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
const server = await startTimeSkippingServer(await freePort());
const dataDir = mkdtempSync(join(tmpdir(), 'udmeld-bench-'));
const config = loadConfig({ DATA_DIR: dataDir, SIGNING_KEYS: generateSigningKeys('bench'), PAYLOAD_KEYS: generatePayloadKey('bench') });
const env: TestWorkflowEnvironment = await timeSkippingEnv(config, server.address);
const database = await openDatabase({});

async function startWorker(taskQueue: string, workflowsPath: string): Promise<{ worker: Worker; done: Promise<void> }> {
  const worker = await createWorker({
    config: { ...config, temporal: { ...config.temporal, taskQueue } },
    db: database.db,
    connection: env.nativeConnection,
    workflowBundle: await bundleWorkflows(workflowsPath),
    moreActivities: baselineActivities,
  });
  return { worker, done: worker.run() };
}

/** Launched now, with the deadline 60 days ahead: the 14- and 7-day reminders fire before the answers. */
async function udmeldRound(rep: number): Promise<number> {
  const udmeld = new Udmeld(env.client, database.db, 'bench-udmeld', 120_000);
  const id = `bench-ts-${rep}`;
  const started = performance.now();
  const today = copenhagenDate(await env.currentTimeMs());
  const deadline = addDays(today, DAYS_TO_DEADLINE);
  await udmeld.registerCu(startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 300) }));
  await udmeld.cuUpdate(id, msg.launchRound, launch(CODES, deadline));
  await env.sleep(copenhagenInstant(addDays(deadline, -5), REMINDER_HOUR) - (await env.currentTimeMs()));
  await answerAll(udmeld, id, CODES);
  await approveAndSubmit(udmeld, id, CODES, copenhagenDate(await env.currentTimeMs()));
  await udmeld.cuHandle(id).result();
  const record = await udmeld.status(id, { answers: false });
  const answered = Object.values(record.municipalities).filter((m) => m.answer).length;
  if (answered !== CODES.length) throw new Error(`round ${id}: ${answered} answered`);
  const reminders = record.municipalities[CODES[0]!]!.reminders.length;
  if (reminders !== 2) throw new Error(`round ${id}: ${reminders} reminders, expected 2`);
  return performance.now() - started;
}

async function minimalRound(rep: number): Promise<number> {
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

const workers = [await startWorker('bench-udmeld', WORKFLOWS_PATH), await startWorker('bench-minimal', fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url)))];
try {
  await minimalRound(-1); // warm-up: JIT, connections
  await udmeldRound(-1);
  const times = { minimal: [] as number[], udmeld: [] as number[] };
  for (let rep = 0; rep < REPETITIONS; rep++) {
    times.minimal.push(await minimalRound(rep));
    times.udmeld.push(await udmeldRound(rep));
  }
  const report = {
    date: new Date().toISOString(),
    machine: `${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
    round: `22 municipalities, 2 reminders each, ${DAYS_TO_DEADLINE} days skipped to the answers, forum, KKR, 23 councils, submission`,
    results: [
      { kind: 'minimal round (parent + 22 bare children, same updates, activities, timers)', ...percentiles(times.minimal) },
      { kind: 'udmeld round', ...percentiles(times.udmeld) },
    ],
  };
  writeFileSync(join('bench', 'results', `round-time-skipping-${report.date.slice(0, 10)}.json`), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const { worker } of workers) worker.shutdown();
  await Promise.all(workers.map((w) => w.done));
  await env.teardown();
  await server.stop();
}
process.exit(0);
