// The worker (worker/main.ts in a process of its own) is killed with SIGKILL and started again.
// With submissions in flight (dev server), killed the moment an answer is committed to the record:
// every acknowledged submission is in the record once, every event once, every receipt one message.
// Mid-round: the next worker takes the killed one's workflows after the short sticky timeout, and
// a retry timer the killed worker's work had set fires afterwards. (Timers days ahead are covered
// by the lifecycle test on the time-skipping server, which cannot take a worker's death: it never
// moves a task off a dead worker's sticky queue, and this SDK cannot run local activities without
// a workflow cache, sdk-rust#1482.)
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createUdmeld } from '../../app';
import { dataConverterOf } from '../../config';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor, AS_SECRETARIAT, asContact, contactOf, launchRound, startCu, SYDDANMARK_CODES } from '../../fixtures/round';
import { testDatabase } from '../support/database';
import { unreplayable } from '../support/histories';
import { TestSmtpServer } from '../../fixtures/smtp-server';
import { TEST_CREDENTIAL, TEST_PAYLOAD_KEYS, testConfig } from '../support/temporal';
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
/** A worker process; each test gives its own database and task queue. */
const start = async (address: string, databaseUrl: string, taskQueue: string) => {
  const worker = await startWorkerProcess({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATA_DIR: config.dataDir,
    DATABASE_URL: databaseUrl, // the record, and the mail ledger in it, outlive the process
    SMTP_URL: smtp.url,
    SIGNING_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    BREAK_GLASS_CREDENTIAL: TEST_CREDENTIAL,
    WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
  });
  workers.push(worker);
  return worker;
};
const receiptsOf = (code: string) => smtp.received.filter((m) => m.template === 'receipt' && m.to.includes(contactOf(code)));

test('SIGKILL right after an answer is written, with submissions in flight: the record has each once', async () => {
  const connection = await Connection.connect({ address: inject('devServerAddress') });
  const database = await testDatabase('postgres');
  cleanups.push(
    () => connection.close(),
    () => database.close(),
  );
  const databaseUrl = database.url!;
  const taskQueue = `${config.temporal.taskQueue}-1`;
  const client = new Client({ connection, dataConverter: dataConverterOf(config) });
  const udmeld = createUdmeld({
    client,
    db: database.db,
    config: { ...config, temporal: { ...config.temporal, taskQueue }, temporalCallTimeoutMs: 120_000 },
  });
  // Tells this test the moment an answer is committed (a notification is delivered on commit).
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  cleanups.push(() => listener.end());
  await listener.query(`create function notify_answer() returns trigger language plpgsql as $$ begin perform pg_notify('answer_written', new.code); return new; end $$;
    create trigger answer_written after insert on answer for each row execute function notify_answer();`);
  await listener.query('listen answer_written');
  const worker = await start(inject('devServerAddress'), databaseUrl, taskQueue);
  const cuId = `drab-${Date.now().toString(36)}`;
  const today = copenhagenDate(Date.now());
  await udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
  await launchRound(udmeld, cuId, SYDDANMARK_CODES, addDays(today, 60));

  const updateIds = Object.fromEntries(SYDDANMARK_CODES.map((c) => [c, randomUUID()]));
  const submit = (code: string) => udmeld.submitAnswer(cuId, code, { values: answerFor(code) }, asContact(cuId, code), updateIds[code]);
  const acknowledged = new Set<string>();
  const written: string[] = [];
  listener.on('notification', (n) => written.push(n.payload ?? ''));
  const inFlight = SYDDANMARK_CODES.map((code) => submit(code).then(() => acknowledged.add(code)));
  await eventually(
    async () => written.length,
    (n) => n >= 4,
    60_000,
  );
  await worker.kill(); // right after a write was committed: before the workflow task that reports it, most likely
  const beforeKill = new Set(acknowledged);
  await start(inject('devServerAddress'), databaseUrl, taskQueue); // the next worker takes over

  const outcomes = await Promise.allSettled(inFlight);
  // A request whose answer was lost with the worker is sent again with its idempotency key.
  for (const [i, outcome] of outcomes.entries()) if (outcome.status === 'rejected') await submit(SYDDANMARK_CODES[i]!);
  expect(beforeKill.size).toBeLessThan(SYDDANMARK_CODES.length);

  // The record: every answer once (version 1), every event once, the report from all 22.
  const closed = await eventually(
    () => udmeld.fullCu(cuId, AS_SECRETARIAT),
    (s) => s.phase === 'drafting',
    120_000,
  );
  for (const code of SYDDANMARK_CODES) {
    const view = closed.municipalities[code]!;
    expect(view.status, code).toBe('submitted');
    expect(view.answer?.version, code).toBe(1);
  }
  const answers = await database.db.selectFrom('answer').select(['code', 'version']).where('cu_id', '=', cuId).orderBy('code').execute();
  expect(answers).toEqual(SYDDANMARK_CODES.map((code) => ({ code, version: 1 })).sort((a, b) => a.code.localeCompare(b.code)));
  const submittedEvents = await udmeld.auditTrail(cuId, { kind: 'submitted' }, AS_SECRETARIAT);
  expect(submittedEvents.map((e) => e.municipalityCode).sort()).toEqual([...SYDDANMARK_CODES].sort());
  const receipts = await database.db
    .selectFrom('mail_log')
    .select('municipality_code')
    .where('cu_id', '=', cuId)
    .where('template', '=', 'receipt')
    .execute();
  expect(receipts).toHaveLength(22);
  expect(closed.report!.notAnswered).toEqual([]);
  expect(written.length).toBe(22);
  // Each receipt is one message: a send retried after the crash keeps its message id.
  await smtp.waitFor(() => SYDDANMARK_CODES.every((c) => receiptsOf(c).length >= 1), 120_000);
  for (const code of SYDDANMARK_CODES) expect(new Set(receiptsOf(code).map((m) => m.messageId)).size, code).toBe(1);

  // The histories written across the crash replay against the code that wrote them.
  const ids = [cuWorkflowId(cuId), ...SYDDANMARK_CODES.map((c) => municipalityWorkflowId(cuId, c))];
  expect(
    await unreplayable(udmeld.client, ids, {
      workflowBundle: { codePath: inject('workflowBundlePath') },
      dataConverter: dataConverterOf(config),
    }),
  ).toEqual([]);
}, 300_000);

test('SIGKILL mid-round: another worker takes the killed one’s workflows within seconds, and a retry timer set before fires after', async () => {
  const connection = await Connection.connect({ address: inject('devServerAddress') });
  const database = await testDatabase('postgres');
  cleanups.push(
    () => connection.close(),
    () => database.close(),
  );
  const taskQueue = `${config.temporal.taskQueue}-2`;
  const client = new Client({ connection, dataConverter: dataConverterOf(config) });
  const udmeld = createUdmeld({
    client,
    db: database.db,
    config: { ...config, temporal: { ...config.temporal, taskQueue }, temporalCallTimeoutMs: 60_000 },
  });
  const worker = await start(inject('devServerAddress'), database.url!, taskQueue);
  const mark = smtp.received.length; // the first test's mails go to the same addresses
  const mine = () => smtp.received.slice(mark);
  const cuId = `drab-midt-${Date.now().toString(36)}`;
  const today = copenhagenDate(Date.now());
  await udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
  await launchRound(udmeld, cuId, ['0461', '0410', '0492'], addDays(today, 60));
  await udmeld.submitAnswer(cuId, '0461', { values: answerFor('0461') }, asContact(cuId, '0461'));
  await smtp.waitFor(
    () =>
      ['0461', '0410', '0492'].every((c) => mine().some((x) => x.template === 'invitation' && x.to.includes(contactOf(c)))) &&
      mine().some((x) => x.template === 'receipt'),
  );

  // The mail server goes away: the revision request's e-mail fails, and its retry waits on a server timer.
  await smtp.down();
  await udmeld.requestRevision(cuId, '0461', { comment: 'Ret tallet' }, AS_SECRETARIAT);
  const revisionMail = () =>
    database.db.selectFrom('mail_log').select('key').where('cu_id', '=', cuId).where('template', '=', 'revision_requested').execute();
  await new Promise((r) => setTimeout(r, 1500));
  expect(await revisionMail()).toHaveLength(0);

  await worker.kill();
  await smtp.up();
  await start(inject('devServerAddress'), database.url!, taskQueue);
  // Workflows cached on the dead worker: their next task waits out the sticky timeout, then any worker takes it.
  const draft = await udmeld.saveDraft(cuId, '0410', { values: { antal: 2 } }, asContact(cuId, '0410'));
  expect(draft.status).toBe('draft');
  await smtp.waitFor(() => mine().some((x) => x.template === 'revision_requested' && x.to.includes(contactOf('0461'))), 60_000);
  // Logged once every personal copy (the contact's, the social director's) has gone out.
  await eventually(revisionMail, (rows) => rows.length === 1, 10_000);

  // Each task that waited for the dead worker gave up after the configured sticky timeout, not the default ten seconds.
  const history = await client.workflow.getHandle(municipalityWorkflowId(cuId, '0410')).fetchHistory();
  const scheduled = new Map<string, number>();
  const waits: number[] = [];
  for (const e of history.events ?? []) {
    const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
    if (e.workflowTaskScheduledEventAttributes) scheduled.set(String(e.eventId), at);
    const timedOut = e.workflowTaskTimedOutEventAttributes;
    if (timedOut) waits.push(at - (scheduled.get(String(timedOut.scheduledEventId)) ?? at));
  }
  for (const wait of waits) expect(wait).toBeLessThan(config.worker.stickyTimeoutMs + 1500);
}, 300_000);
