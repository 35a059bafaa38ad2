// The production topology, run for real (scripts/cluster): PostgreSQL, the Temporal server on it,
// two workers, two APIs and haproxy, with a real SMTP server. A whole round through the load
// balancer; a worker and an API SIGKILLed mid-round; PostgreSQL stopped for 20 seconds; 20 rounds
// of 22 launched at once. Timings are measured in bench/ (npm run bench -- launch), not here.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { generateBackupKey } from '../../crypto/backup-archive';
import { generatePayloadKey } from '../../crypto/payload-encryption';
import { generateSigningKeys } from '../../crypto/tokens';
import { openDatabase, type OpenDatabase } from '../../db/connect';
import { municipalitiesOfRegion, SYDDANMARK } from '../../domain/municipalities';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor, contactOf } from '../../fixtures/round';
import { TestSmtpServer } from '../../fixtures/smtp-server';
import { startCluster, type Cluster } from '../../scripts/cluster';
import { TEMPORAL_DATABASES } from '../../scripts/cluster/temporal-server';
import { createDatabase } from '../../scripts/postgres-server';
import { tokenFromMail } from '../support/api';
import { eventually } from '../support/waiting';
import { clusterClient, type ClusterClient } from '../../fixtures/cluster-client';

const CREDENTIAL = 'break-glass-credential-for-the-cluster-test';
const CODES = municipalitiesOfRegion(SYDDANMARK);
const today = copenhagenDate(Date.now());
let smtp: TestSmtpServer;
let cluster: Cluster;
let record: OpenDatabase;
let api: ClusterClient;
let secretariat: string;
// Kept apart from the cluster's own folder, as a region keeps its backups: the restore drill needs them after it.
const backups = mkdtempSync(join(tmpdir(), 'udmeld-cluster-backups-'));
const clusterEnv = {
  BREAK_GLASS_CREDENTIAL: CREDENTIAL,
  WORKER_STICKY_TIMEOUT_MS: '2000',
  SIGNING_KEYS: generateSigningKeys('cluster'),
  PAYLOAD_KEYS: generatePayloadKey('cluster'),
  BACKUP_DIR: backups,
  BACKUP_KEYS: generateBackupKey('cluster'),
};
const clusterOptions = () => ({
  dir: mkdtempSync(join(tmpdir(), 'udmeld-cluster-')),
  fast: true,
  smtpUrl: smtp.url,
  workflowBundlePath: inject('workflowBundlePath'),
  env: clusterEnv,
});

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  cluster = await startCluster(clusterOptions());
  record = await openDatabase({ url: cluster.databaseUrl, poolSize: 2 });
  api = clusterClient(cluster.url);
  secretariat = await api.signIn(CREDENTIAL);
  for (const code of CODES) {
    await api.ok('PUT', `/api/contacts/${code}`, {
      token: secretariat,
      body: { contacts: [{ name: `Kontakt ${code}`, email: contactOf(code) }], directorEmail: `direktor-${code}@kommune.test` },
    });
  }
}, 300_000);
afterAll(async () => {
  await record?.close();
  await cluster?.stop();
  await smtp?.down();
});

const mails = (template: string, cuId: string, to?: string) =>
  smtp.received.filter((m) => m.template === template && m.text.includes(cuId) && (!to || m.to.includes(to)));
const register = async (cuId: string, codes: string[]) => {
  await api.ok('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: cuId,
      title: 'Borgere med svære spiseforstyrrelser',
      targetGroup: 'Borgere',
      issuedOn: today,
      nationalDeadline: addDays(today, 200),
    },
  });
  await api.ok('POST', `/api/cus/${cuId}/launch`, {
    token: secretariat,
    body: { municipalities: codes, deadline: addDays(today, 40), approvalChain: ['forum', 'kkr'] },
    key: `launch-${cuId}`,
  });
};
const invitationToken = async (cuId: string, code: string) => {
  await smtp.waitFor(() => mails('invitation', cuId, contactOf(code)).length > 0, 120_000);
  return tokenFromMail(mails('invitation', cuId, contactOf(code))[0]!);
};

test('a whole round through the load balancer; sessions and links hold on either API', async () => {
  const cuId = `klynge-${Date.now().toString(36)}`;
  const codes = ['0461', '0410', '0420'];
  await register(cuId, codes);
  const tokens = Object.fromEntries(await Promise.all(codes.map(async (c) => [c, await invitationToken(cuId, c)] as const)));
  for (const instance of cluster.apis) {
    const direct = clusterClient(`http://127.0.0.1:${instance.port}`);
    expect((await direct.call('GET', '/api/me', { token: secretariat })).status).toBe(200);
    expect((await direct.call('GET', `/api/cus/${cuId}/municipalities/0461`, { token: tokens['0461'] })).status).toBe(200);
  }
  for (const code of codes)
    await api.ok('POST', `/api/cus/${cuId}/municipalities/${code}/submission`, {
      token: tokens[code],
      body: { values: answerFor(code) },
      key: `answer-${cuId}-${code}`,
    });
  await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.body.phase === 'drafting',
    60_000,
  );

  const member = await api.ok('POST', '/api/people', { token: secretariat, body: { name: 'Dorte Direktør', email: 'dorte@forum.test' } });
  expect(member.id).toMatch(/^p_/);
  await api.ok('POST', `/api/cus/${cuId}/approval`, { token: secretariat, body: {} });
  await smtp.waitFor(() => mails('forum_review', cuId, 'dorte@forum.test').length === 1, 60_000);
  await api.ok('POST', `/api/cus/${cuId}/steps/forum/decision`, {
    token: tokenFromMail(mails('forum_review', cuId, 'dorte@forum.test')[0]!),
    body: { decision: 'approved' },
  });
  await api.ok('POST', `/api/cus/${cuId}/steps/kkr/decision`, {
    token: secretariat,
    body: { decision: 'approved', date: today, councilDeadline: addDays(today, 30) },
  });
  for (const council of [...codes, 'region'])
    await api.ok('POST', `/api/cus/${cuId}/councils/${council}/decision`, {
      token: secretariat,
      body: { decision: 'approved', date: today },
    });
  await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.body.phase === 'ready',
    60_000,
  );
  await api.ok('POST', `/api/cus/${cuId}/submit`, { token: secretariat, body: {} });
  await smtp.waitFor(() => smtp.received.some((m) => m.template === 'submission'), 60_000);
  const done = await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.body.phase === 'submitted',
    60_000,
  );
  expect((done.body.stepDecisions as { step: string; by: unknown }[]).find((d) => d.step === 'forum')?.by).toMatchObject({
    name: 'Dorte Direktør',
  });
}, 300_000);

test('a worker and an API SIGKILLed mid-round with submissions in flight: each once, every mail once, the timers fire', async () => {
  const cuId = `drab-${Date.now().toString(36)}`;
  await register(cuId, CODES);
  const tokens = Object.fromEntries(await Promise.all(CODES.map(async (c) => [c, await invitationToken(cuId, c)] as const)));
  let acknowledged = 0;
  const submissions = CODES.map(async (code, i) => {
    await new Promise((r) => setTimeout(r, i * 150));
    await api.ok('POST', `/api/cus/${cuId}/municipalities/${code}/submission`, {
      token: tokens[code],
      body: { values: answerFor(code) },
      key: `answer-${cuId}-${code}`,
    });
    acknowledged++;
  });
  while (acknowledged < 4) await new Promise((r) => setTimeout(r, 50));
  // A mail that fails now is retried on a server timer, which must fire on a survivor.
  await smtp.down();
  await cluster.workers[0]!.kill();
  await cluster.apis[0]!.kill();
  await new Promise((r) => setTimeout(r, 3000));
  await smtp.up();
  await Promise.all(submissions);

  // Every acknowledged answer is in the record once, with one event; every receipt went out once.
  const answers = await record.db.selectFrom('answer').select(['code', 'version']).where('cu_id', '=', cuId).execute();
  expect(answers.map((a) => a.code).sort()).toEqual([...CODES].sort());
  expect(answers.every((a) => a.version === 1)).toBe(true);
  const events = await record.db
    .selectFrom('audit_event')
    .select('municipality_code')
    .where('cu_id', '=', cuId)
    .where('kind', '=', 'submitted')
    .execute();
  expect(events).toHaveLength(CODES.length);
  const receipts = () =>
    record.db.selectFrom('mail_log').select('municipality_code').where('cu_id', '=', cuId).where('template', '=', 'receipt').execute();
  expect((await eventually(receipts, (r) => r.length === CODES.length, 120_000)).length).toBe(CODES.length);
  // Each receipt is one message: a send retried after the crash keeps its Message-ID.
  await smtp.waitFor(() => CODES.every((c) => mails('receipt', cuId, contactOf(c)).length >= 1), 120_000);
  for (const code of CODES) expect(new Set(mails('receipt', cuId, contactOf(code)).map((m) => m.messageId)).size, code).toBe(1);
  expect(cluster.workers[1]!.running() && cluster.apis[1]!.running()).toBe(true);

  await cluster.workers[0]!.start();
  await cluster.apis[0]!.start();
}, 300_000);

test('PostgreSQL stopped for 20 seconds: 503 with Retry-After, nothing lost, everything continues', async () => {
  const cuId = `pause-${Date.now().toString(36)}`;
  await register(cuId, ['0461', '0410']);
  const [odense, middelfart] = [await invitationToken(cuId, '0461'), await invitationToken(cuId, '0410')];
  await api.ok('POST', `/api/cus/${cuId}/municipalities/0461/submission`, { token: odense, body: { values: answerFor('0461') } });

  await cluster.stopPostgres();
  const stoppedAt = Date.now();
  const read = await api.call('GET', `/api/cus/${cuId}`, { token: secretariat });
  expect(read.status).toBe(503);
  expect(read.headers.get('retry-after')).toBeTruthy();
  const write = await api.call('POST', `/api/cus/${cuId}/municipalities/0410/submission`, {
    token: middelfart,
    body: { values: answerFor('0410') },
  });
  expect([503, 504]).toContain(write.status);
  await new Promise((r) => setTimeout(r, Math.max(0, 20_000 - (Date.now() - stoppedAt))));
  await cluster.startPostgres();

  // The refused submission was not taken: sent again, it is, once.
  await api.ok('POST', `/api/cus/${cuId}/municipalities/0410/submission`, {
    token: middelfart,
    body: { values: answerFor('0410') },
    key: `after-${cuId}`,
  });
  const state = await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.status === 200 && r.body.phase === 'drafting',
    120_000,
  );
  expect(state.body.municipalities['0461'].answer.version).toBe(1);
  expect(state.body.municipalities['0410'].answer.version).toBe(1);
  // A receipt whose sending straddled the outage waits out its activity's backoff (10 s doubling), and
  // Temporal's own shards come back after PostgreSQL: late, but never lost. A copy the SMTP server took
  // just before PostgreSQL went away waits for its ledger row (30 s); should the outage outlast that,
  // the retry sends it again with the same Message-ID: one message per receipt, counted by Message-ID.
  await smtp.waitFor(() => new Set(mails('receipt', cuId).map((m) => m.messageId)).size >= 2, 300_000);
  expect(new Set(mails('receipt', cuId).map((m) => m.messageId)).size).toBe(2);
  for (const p of [...cluster.workers, ...cluster.apis]) expect(p.running(), p.name).toBe(true);
}, 600_000);

test('20 rounds of 22 launched at once through the API: every invitation goes out, once', async () => {
  const stamp = Date.now().toString(36);
  const ids = Array.from({ length: 20 }, (_, i) => `masse-${stamp}-${i}`);
  for (const id of ids)
    await api.ok('POST', '/api/cus', {
      token: secretariat,
      body: {
        id,
        title: 'Borgere med svære spiseforstyrrelser',
        targetGroup: 'Borgere',
        issuedOn: today,
        nationalDeadline: addDays(today, 200),
      },
    });
  await Promise.all(
    ids.map((id) =>
      api.ok('POST', `/api/cus/${id}/launch`, { token: secretariat, body: { deadline: addDays(today, 40) }, key: `launch-${id}` }),
    ),
  );
  const invitations = () =>
    sql<{ n: number }>`select count(*)::int as n from mail_log where template = 'invitation' and cu_id like ${`masse-${stamp}-%`}`.execute(
      record.db,
    );
  await eventually(invitations, (r) => r.rows[0]!.n === 20 * CODES.length, 300_000);
  await smtp.waitFor(
    () => smtp.received.filter((m) => m.template === 'invitation' && m.text.includes(`masse-${stamp}-`)).length >= 20 * CODES.length,
    60_000,
  );
  expect(smtp.received.filter((m) => m.template === 'invitation' && m.text.includes(`masse-${stamp}-`))).toHaveLength(20 * CODES.length);
}, 600_000);

test('the restore drill on the cluster: pg_dump of the record and of Temporal, fresh databases, nothing sent twice', async () => {
  const cuId = `ovelse-${Date.now().toString(36)}`;
  const codes = ['0461', '0410', '0420'];
  await register(cuId, codes);
  const tokens = Object.fromEntries(await Promise.all(codes.map(async (c) => [c, await invitationToken(cuId, c)] as const)));
  const submit = (code: string) =>
    api.ok('POST', `/api/cus/${cuId}/municipalities/${code}/submission`, { token: tokens[code], body: { values: answerFor(code) } });
  await submit('0461');
  await smtp.waitFor(() => mails('receipt', cuId, contactOf('0461')).length === 1, 60_000);

  const databasesOf = (adminUrl: string) =>
    Object.values(TEMPORAL_DATABASES)
      .map((name) => `${name}=${adminUrl.replace(/\/postgres$/, `/${name}`)}`)
      .join(',');
  const npmRun = (script: string, adminUrl: string, ...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      env: {
        ...process.env,
        ...clusterEnv,
        DATABASE_URL: adminUrl.replace(/\/postgres$/, '/udmeld'),
        BACKUP_TEMPORAL_DATABASES: databasesOf(adminUrl),
      },
      encoding: 'utf8',
    });
  const backup = await npmRun('backup', cluster.postgresAdminUrl);
  const file = /Sikkerhedskopi skrevet: (\S+)/.exec(backup.stdout)?.[1] ?? '';
  expect(backup.stdout).toContain('temporal-pg:temporal_visibility');

  await submit('0410');
  await api.ok('POST', `/api/cus/${cuId}/municipalities/0420/resend`, { token: secretariat, body: { what: 'reminder' } });
  await smtp.waitFor(
    () => mails('receipt', cuId, contactOf('0410')).length === 1 && mails('reminder', cuId, contactOf('0420')).length === 1,
    60_000,
  );
  const ours = () => smtp.received.filter((m) => m.text.includes(cuId));
  const sentBeforeTheLoss = ours().length;

  // The whole cluster is lost; a new one starts on fresh databases that the restore fills first.
  await record.close();
  await cluster.stop();
  const restartedAt = Date.now();
  cluster = await startCluster({
    ...clusterOptions(),
    beforeTemporal: async (adminUrl) => {
      for (const name of ['udmeld', ...Object.values(TEMPORAL_DATABASES)]) await createDatabase(adminUrl, name);
      const restored = await npmRun('restore', adminUrl, file);
      expect(restored.stdout).toContain('Lagt tilbage fra sikkerhedskopien');
      console.log(
        `[drill] ${backup.stdout.split('\n').find((l) => l.includes(' s')) ?? ''} | ${restored.stdout.split('\n').find((l) => l.startsWith('Lagt')) ?? ''}`,
      );
    },
  });
  record = await openDatabase({ url: cluster.databaseUrl, poolSize: 2 });
  api = clusterClient(cluster.url);
  secretariat = await api.signIn(CREDENTIAL);
  console.log(`[drill] a new cluster on the restored databases answered after ${((Date.now() - restartedAt) / 1000).toFixed(1)} s`);

  const cu = await api.ok('GET', `/api/cus/${cuId}`, { token: secretariat });
  expect(cu.municipalities['0461'].status).toBe('submitted');
  expect(cu.municipalities['0410'].status).toBe('invited');
  // Right after the start, a workflow whose last task went to a worker of the lost cluster may not answer
  // its query yet (the check says it cannot be read); once the new workers have it, all agree.
  const check = await eventually(
    () => api.ok('GET', '/api/check', { token: secretariat }),
    (c) => {
      console.log(`[drill] check: ${c.disagreements.length} differences; first: ${c.disagreements[0]?.temporal ?? '-'}`);
      return c.disagreements.length === 0;
    },
    300_000,
  );
  expect(
    (check.lastRestore.sentAfterBackup as { template: string; municipalityCode?: string }[]).map(
      (m) => `${m.template}:${m.municipalityCode}`,
    ),
  ).toEqual(expect.arrayContaining(['receipt:0410', 'reminder:0420']));
  await new Promise((r) => setTimeout(r, 10_000));
  expect(ours().length).toBe(sentBeforeTheLoss);

  await submit('0410');
  await smtp.waitFor(() => mails('receipt', cuId, contactOf('0410')).length === 2, 60_000);
  const ids = ours().map((m) => m.messageId);
  expect(ids.length - new Set(ids).size).toBe(0);
}, 900_000);
