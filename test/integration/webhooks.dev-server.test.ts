// A case system's flow with a real receiver (fixtures/webhook-receiver.ts): it subscribes, a round
// runs, and every event arrives signed, verified by the Standard Webhooks library and in the
// record's order, though the worker is SIGKILLed mid-delivery and the receiver is down for a minute
// in between: each event once by webhook-id, in order. A rotated secret signs beside the old one; an
// endpoint that keeps failing is paused and the secretariat told; internal addresses are refused.
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createUdmeld, type Udmeld } from '../../app';
import { dataConverterOf, type Config } from '../../config';
import type { Db } from '../../db/schema';
import { addDays, copenhagenDate } from '../../domain/time';
import { webhookWorkflowId } from '../../domain/ids';
import { webhookIdOf } from '../../domain/webhooks';
import { AS_SECRETARIAT, answerFor, asContact, launchRound, startCu } from '../../fixtures/round';
import { TestSmtpServer } from '../../fixtures/smtp-server';
import { WebhookReceiver } from '../../fixtures/webhook-receiver';
import { signInSecretariat, startApi, type TestApi } from '../support/api';
import { testDatabase } from '../support/database';
import { recordHistories, unreplayable } from '../support/histories';
import { TEST_CREDENTIAL, TEST_PAYLOAD_KEYS, testConfig } from '../support/temporal';
import { eventually } from '../support/waiting';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

let smtp: TestSmtpServer;
let receiver: WebhookReceiver;
let failing: WebhookReceiver;
let udmeld: Udmeld;
/** The same system, whose new subscriptions pause after a minute of failing. */
let impatient: Udmeld;
let db: Db;
let databaseUrl: string;
let api: TestApi;
const workers: WorkerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

const base = testConfig();
const config: Config = {
  ...base,
  temporal: { ...base.temporal, taskQueue: `${base.temporal.taskQueue}-webhooks` },
  temporalCallTimeoutMs: 60_000,
  addresses: { ...base.addresses, secretariat: 'sekretariat@region.test' },
  webhooks: { allowAddresses: ['127.0.0.1'], policy: { maxIntervalSeconds: 3, pauseAfterMinutes: 10 }, secretOverlapHours: 24 },
};

const startWorker = async () => {
  const worker = await startWorkerProcess({
    TEMPORAL_ADDRESS: inject('devServerAddress'),
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    DATA_DIR: config.dataDir,
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    SECRETARIAT_EMAIL: config.addresses.secretariat,
    WEBHOOK_ALLOW_ADDRESSES: '127.0.0.1',
    SIGNING_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    BREAK_GLASS_CREDENTIAL: TEST_CREDENTIAL,
    WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
  });
  workers.push(worker);
  return worker;
};

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  receiver = await WebhookReceiver.start();
  failing = await WebhookReceiver.start();
  failing.answer = 503;
  const connection = await Connection.connect({ address: inject('devServerAddress') });
  const database = await testDatabase('postgres');
  cleanups.push(
    () => connection.close(),
    () => database.close(),
  );
  db = database.db;
  databaseUrl = database.url!;
  const client = new Client({ connection, dataConverter: dataConverterOf(config) });
  udmeld = createUdmeld({ client, db, config });
  impatient = createUdmeld({
    client,
    db,
    config: { ...config, webhooks: { ...config.webhooks, policy: { maxIntervalSeconds: 3, pauseAfterMinutes: 1 } } },
  });
  api = await startApi(udmeld, config);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await api?.close();
  for (const cleanup of cleanups) await cleanup();
  await receiver?.down();
  await failing?.down();
  await smtp?.down();
});

/** The events a subscription of these types should get (the file's record has none from before it): the feed's, in its order. */
async function feedOf(types: string[]): Promise<string[]> {
  const kinds = types.map((t) => t.slice('dk.udmeld.'.length).replace('.', ':'));
  const { rows } = await sql<{ key: string }>`select key from audit_event
     where tx < pg_snapshot_xmin(pg_current_snapshot()) and kind in (${sql.join(kinds)})
     order by tx, seq`.execute(db);
  return rows.map((r) => r.key);
}

test('subscribe, run a round through a worker kill and a receiver outage: every event once, signed, verified, in order', async () => {
  const worker = await startWorker();
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  const types = ['dk.udmeld.round_launched', 'dk.udmeld.mail_sent', 'dk.udmeld.draft_saved', 'dk.udmeld.submitted'];
  const created = await api.call('POST', '/api/webhooks', { token, body: { name: 'Sagssystem', url: receiver.url, types } });
  expect(created.status).toBe(201);
  const sub = created.body as { id: string; secret: string; status: string };
  expect(sub.secret).toMatch(/^whsec_/);
  expect(sub.status).toBe('active');
  receiver.secrets.push(sub.secret);
  // The secret is shown once: never in the listing.
  const listed = await api.call('GET', '/api/webhooks', { token });
  expect(JSON.stringify(listed.body)).not.toContain(sub.secret);

  // An endpoint that keeps failing: paused after the policy's minute, and the secretariat is told.
  const doomed = (await impatient.createWebhook(
    { name: 'Dagsorden', url: failing.url, types: ['dk.udmeld.round_launched'] },
    AS_SECRETARIAT,
  )) as {
    id: string;
    secret: string;
  };
  failing.secrets.push(doomed.secret);

  const cuId = `krog-${Date.now().toString(36)}`;
  const codes = ['0461', '0410', '0492', '0479'];
  const today = copenhagenDate(Date.now());
  await udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
  await launchRound(udmeld, cuId, codes, addDays(today, 60));
  await udmeld.saveDraft(cuId, '0461', { values: answerFor('0461') }, asContact(cuId, '0461'));

  // Killed while a delivery is in flight: the receiver has it, the sender never hears back.
  receiver.delayMs = 3000;
  await eventually(
    async () => receiver.inFlight,
    (n) => n > 0,
    60_000,
  );
  await worker.kill();
  receiver.delayMs = 0;
  await startWorker();
  await udmeld.submitAnswer(cuId, '0461', { values: answerFor('0461') }, asContact(cuId, '0461'));

  // The receiver is down for a minute while the round goes on.
  await receiver.down();
  const downAt = Date.now();
  await udmeld.submitAnswer(cuId, '0410', { values: answerFor('0410') }, asContact(cuId, '0410'));
  await udmeld.saveDraft(cuId, '0492', { values: answerFor('0492') }, asContact(cuId, '0492'));
  await new Promise((r) => setTimeout(r, Math.max(0, 60_000 - (Date.now() - downAt))));
  const deliveries = (await api.call('GET', `/api/webhooks/${sub.id}/deliveries`, { token })).body as {
    status: string;
    attempts: number;
    lastError?: string;
  }[];
  expect(deliveries.some((d) => d.status === 'pending' && d.attempts > 1 && d.lastError)).toBe(true);
  await receiver.up();
  await udmeld.submitAnswer(cuId, '0492', { values: answerFor('0492') }, asContact(cuId, '0492'));

  // Every event of the subscription's types, once by webhook-id, in the order of the record.
  const expected = async () => (await feedOf(types)).map(webhookIdOf);
  await eventually(
    async () => ({ want: await expected(), got: receiver.distinct.map((r) => r.webhookId) }),
    ({ want, got }) => want.length > 0 && got.length >= want.length && got.includes(want.at(-1) ?? ''),
    120_000,
  );
  const want = await expected();
  expect(receiver.distinct.map((r) => r.webhookId)).toEqual(want);
  expect(want.length).toBeGreaterThanOrEqual(1 + codes.length + 4);
  expect(receiver.received.every((r) => r.verifiedBy.includes(0))).toBe(true);
  // The delivery in flight when the worker died arrived twice, with one webhook-id.
  expect(receiver.received.length).toBeGreaterThan(receiver.distinct.length);
  expect(new Set(receiver.distinct.map((r) => r.type))).toEqual(new Set(types));
  const after = (await api.call('GET', `/api/webhooks/${sub.id}/deliveries`, { token })).body as { status: string }[];
  expect(after.every((d) => d.status === 'delivered')).toBe(true);

  // A rotated secret: the next deliveries carry both signatures, each verifying on its own.
  const rotated = (await api.call('POST', `/api/webhooks/${sub.id}/rotate`, { token, body: {} })).body as { secret: string };
  expect(rotated.secret).not.toBe(sub.secret);
  receiver.secrets.push(rotated.secret);
  const mark = receiver.received.length;
  await udmeld.submitAnswer(cuId, '0479', { values: answerFor('0479') }, asContact(cuId, '0479'));
  await eventually(
    async () => receiver.received.slice(mark),
    (rs) => rs.some((r) => r.type === 'dk.udmeld.submitted'),
    60_000,
  );
  for (const r of receiver.received.slice(mark)) {
    expect(r.signatures).toBe(2);
    expect(r.verifiedBy).toEqual([0, 1]);
  }

  // Sent again by hand: the same webhook-id once more, at the end.
  const [last] = (await api.call('GET', `/api/webhooks/${sub.id}/deliveries`, { token })).body as { id: number; eventKey: string }[];
  const resend = await api.call('POST', `/api/webhooks/${sub.id}/deliveries/${last!.id}/resend`, { token, body: {} });
  expect(resend.status).toBe(200);
  await eventually(
    async () => receiver.received.filter((r) => r.webhookId === webhookIdOf(last!.eventKey)).length,
    (n) => n >= 2,
    30_000,
  );

  // The failing endpoint: paused, the secretariat told by e-mail, nothing lost.
  await eventually(
    () => udmeld.webhook(doomed.id, AS_SECRETARIAT),
    (s) => s.status === 'paused',
    150_000,
  );
  await smtp.waitFor((mails) => mails.some((m) => m.template === 'notice' && m.to.includes('sekretariat@region.test')), 30_000);
  const paused = await udmeld.webhook(doomed.id, AS_SECRETARIAT);
  expect(paused.pausedReason).toContain('503');
  expect(paused.pending).toBe(1);
  // Resumed against a mended endpoint: the waiting event goes out.
  failing.answer = 204;
  await api.call('POST', `/api/webhooks/${doomed.id}/resume`, { token, body: {} });
  await eventually(
    async () => failing.distinct.map((r) => r.type),
    (t) => t.includes('dk.udmeld.round_launched'),
    60_000,
  );

  // The histories written across the kill, the outage and the pause replay against the code that wrote them.
  const ids = { 'webhook-deliveries': webhookWorkflowId(sub.id), 'webhook-paused-resumed': webhookWorkflowId(doomed.id) };
  await recordHistories(udmeld.client, ids);
  expect(
    await unreplayable(udmeld.client, Object.values(ids), {
      workflowBundle: { codePath: inject('workflowBundlePath') },
      dataConverter: dataConverterOf(config),
    }),
  ).toEqual([]);
}, 420_000);

test('addresses webhooks may not call, and bad input, are refused with the field and the reason, and nothing is stored', async () => {
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  const before = await db.selectFrom('webhook_subscription').select('id').execute();
  const refused = async (body: unknown, field: string) => {
    const r = await api.call('POST', '/api/webhooks', { token, body });
    expect(r.status, JSON.stringify(body)).toBe(400);
    expect(JSON.stringify(r.body)).toContain(field);
    return r.body as { errors?: { path: string; message: string }[] };
  };
  for (const url of [
    'http://10.0.0.5/x',
    'http://169.254.169.254/latest',
    'http://[::1]:8080/',
    'http://192.168.1.1/',
    'http://[::ffff:10.1.2.3]/',
  ])
    await refused({ name: 'Intern', url }, 'url');
  await refused({ name: 'Intern', url: 'ftp://example.dk/' }, 'url');
  await refused({ name: 'Intern', url: 'https://bruger:kode@example.dk/' }, 'url');
  await refused({ name: 'Ukendt', url: receiver.url, types: ['dk.udmeld.nothing'] }, 'types');
  await refused({ name: 'x', url: receiver.url }, 'name');
  expect(await db.selectFrom('webhook_subscription').select('id').execute()).toEqual(before);
  expect((await api.call('GET', '/api/webhooks/wh_0000000000000000', { token })).status).toBe(404);
  expect((await api.call('POST', '/api/webhooks/nope/pause', { token, body: {} })).status).toBe(400);
});
