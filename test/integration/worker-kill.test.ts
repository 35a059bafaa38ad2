// The worker (worker/main.ts in a process of its own) is killed with SIGKILL and started again.
// With submissions in flight (dev server): every acknowledged submission is there, none twice.
// Mid-round (time-skipping server): the timers it had set still fire afterwards.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { Udmeld } from '../../client/udmeld';
import { dataConverterOf } from '../../config';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate, copenhagenInstant } from '../../domain/time';
import * as msg from '../../workflows/messages';
import { answerFor, contactActor, contactOf, directorOf, launch, startCu, SYDDANMARK_CODES } from '../support/fixtures';
import { unreplayable } from '../support/histories';
import { TestSmtpServer } from '../support/smtp';
import { quietRuntime, TEST_CREDENTIAL, TEST_PAYLOAD_KEYS, testConfig } from '../support/temporal';
import { timeSkippingEnv } from '../support/time-skipping';
import { eventually } from '../support/waiting';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

let smtp: TestSmtpServer;
const workers: WorkerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => (smtp = await TestSmtpServer.start()));
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  for (const cleanup of cleanups) await cleanup();
  await smtp?.down();
});

const config = testConfig();
const start = async (address: string, extra: Record<string, string> = {}) => {
  const worker = await startWorkerProcess({
    ...extra,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    DATA_DIR: config.dataDir, // the mail ledger outlives the process
    SMTP_URL: smtp.url,
    SIGNING_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    SECRETARIAT_CREDENTIAL: TEST_CREDENTIAL,
    WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
  });
  workers.push(worker);
  return worker;
};
const receiptsOf = (code: string) => smtp.received.filter((m) => m.template === 'receipt' && m.to.includes(contactOf(code)));

test('SIGKILL with submissions in flight: acknowledged ones are there, none twice', async () => {
  const connection = await Connection.connect({ address: inject('devServerAddress') });
  cleanups.push(() => connection.close());
  const udmeld = new Udmeld(new Client({ connection, dataConverter: dataConverterOf(config) }), config.temporal.taskQueue, 120_000);
  let worker = await start(inject('devServerAddress'));
  const cuId = `drab-${Date.now().toString(36)}`;
  const today = copenhagenDate(Date.now());
  await udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 300) }));
  await udmeld.cuUpdate(cuId, msg.launchRound, launch(SYDDANMARK_CODES, addDays(today, 60)));
  await eventually(() => udmeld.status(cuId), (s) => Object.keys(s.municipalities).length === 22, 60_000);

  const updateIds = Object.fromEntries(SYDDANMARK_CODES.map((c) => [c, randomUUID()]));
  const submit = (code: string) =>
    udmeld.municipalityUpdate(cuId, code, msg.submitAnswer, { municipalityCode: code, values: answerFor(code), by: contactActor(code) }, updateIds[code]);
  const acknowledged = new Set<string>();
  const inFlight = SYDDANMARK_CODES.map((code) => submit(code).then(() => acknowledged.add(code)));
  await eventually(async () => acknowledged.size, (n) => n >= 2, 60_000);
  await worker.kill();
  const beforeKill = new Set(acknowledged);
  worker = await start(inject('devServerAddress'));

  const outcomes = await Promise.allSettled(inFlight);
  // A request whose answer was lost with the worker is sent again with its idempotency key.
  for (const [i, outcome] of outcomes.entries()) if (outcome.status === 'rejected') await submit(SYDDANMARK_CODES[i]!);
  expect(beforeKill.size).toBeGreaterThanOrEqual(2);

  // Each municipality's final state, as its workflow returned it to the CU when the round closed.
  const closed = await eventually(() => udmeld.status(cuId), (s) => s.phase === 'drafting', 120_000);
  for (const code of SYDDANMARK_CODES) {
    const view = closed.municipalities[code]!;
    expect(view.status, code).toBe('submitted');
    expect(view.answer?.version, code).toBe(1);
    expect(view.events.filter((e) => e.type === 'submitted'), code).toHaveLength(1);
  }
  // Each receipt is one message: a send retried after the crash keeps its message id.
  await smtp.waitFor(() => SYDDANMARK_CODES.every((c) => receiptsOf(c).length >= 1), 120_000);
  for (const code of SYDDANMARK_CODES) expect(new Set(receiptsOf(code).map((m) => m.messageId)).size, code).toBe(1);

  // The histories written across the crash replay against the code that wrote them.
  const ids = [cuWorkflowId(cuId), ...SYDDANMARK_CODES.map((c) => municipalityWorkflowId(cuId, c))];
  expect(await unreplayable(udmeld.client, ids, { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: dataConverterOf(config) })).toEqual([]);
}, 300_000);

test('SIGKILL mid-round: the timers set before still fire', async () => {
  const address = inject('faultTimeSkippingAddress');
  quietRuntime();
  const env = await timeSkippingEnv(config, address);
  cleanups.push(() => env.teardown());
  const udmeld = new Udmeld(env.client, config.temporal.taskQueue, 60_000);
  // Without a workflow cache there is no sticky queue bound to the process that dies; the
  // time-skipping server would otherwise wait for that queue's timeout on a clock that stands still.
  const uncached = { WORKER_MAX_CACHED_WORKFLOWS: '0' };
  const worker = await start(address, uncached);
  const mark = smtp.received.length; // the first test's mails go to the same addresses
  const mine = () => smtp.received.slice(mark);
  const cuId = 'drab-midt-i-runden';
  const today = copenhagenDate(await env.currentTimeMs());
  const deadline = addDays(today, 60);
  await udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 300) }));
  await udmeld.cuUpdate(cuId, msg.launchRound, launch(['0461', '0410', '0492'], deadline));
  await eventually(() => udmeld.status(cuId), (s) => Object.keys(s.municipalities).length === 3, 60_000);
  await udmeld.municipalityUpdate(cuId, '0461', msg.submitAnswer, { municipalityCode: '0461', values: answerFor('0461'), by: contactActor('0461') });
  await eventually(() => udmeld.status(cuId), (s) => s.municipalities['0461']?.status === 'submitted', 60_000);
  // Killed while idle: a task or send lost with the process would hold this server's clock still.
  await smtp.waitFor(() => ['receipt', 'invitation'].every((t) => mine().some((x) => x.template === t && x.to.includes(contactOf('0461')))) && ['0410', '0492'].every((c) => mine().some((x) => x.template === 'invitation' && x.to.includes(contactOf(c)))));
  await new Promise((r) => setTimeout(r, 1000));

  await worker.kill();
  await start(address, uncached);
  await env.sleep(copenhagenInstant(addDays(deadline, 1), 8) + 60_000 - (await env.currentTimeMs()));
  await smtp.waitFor(() => ['0410', '0492'].every((c) => mine().some((x) => x.template === 'escalation' && x.to.includes(directorOf(c)))), 60_000);
  const state = await udmeld.status(cuId);
  expect(state.municipalities['0410']!.reminders.map((r) => r.key)).toEqual([...[14, 7, 2].map((d) => `before:${deadline}:${d}`), `escalation:${deadline}`]);
}, 300_000);
