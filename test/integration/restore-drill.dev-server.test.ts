// The restore drill on the embedded default, as `npm start` runs it (scripts/run-system.ts in a
// process of its own: the dev server on its SQLite file, the embedded record, worker and API) with a
// real SMTP server: a round halfway, `npm run backup` while it runs, the round going on (answers, a
// reminder by hand, the forum's decision), the data folder destroyed, `npm run restore`, and a start
// again. The round continues from the backup's moment; the receipt whose send was being retried on a
// server timer at the backup is retried once more and not sent again; the check says what went out
// after the backup; no Message-ID arrives twice.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { generateBackupKey } from '../../crypto/backup-archive';
import { addDays, copenhagenDate } from '../../domain/time';
import { clusterClient, type ClusterClient } from '../../fixtures/cluster-client';
import { answerFor, contactOf } from '../../fixtures/round';
import { TestSmtpServer } from '../../fixtures/smtp-server';
import { freePort } from '../../scripts/ports';
import { startProcess, type StartedProcess } from '../../scripts/process';
import { tokenFromMail } from '../support/api';
import { eventually } from '../support/waiting';

const CREDENTIAL = 'break-glass-credential-for-the-restore-drill';
const CU = 'drill';
const CODES = ['0461', '0410', '0420'];
const today = copenhagenDate(Date.now());
const root = mkdtempSync(join(tmpdir(), 'udmeld-drill-'));
let smtp: TestSmtpServer;
let env: NodeJS.ProcessEnv;
let system: StartedProcess | undefined;
let api: ClusterClient;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  const port = await freePort();
  env = {
    ...process.env,
    DATA_DIR: join(root, 'data'),
    BACKUP_DIR: join(root, 'backups'),
    BACKUP_KEYS: generateBackupKey('drill'),
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_DEV_UI_PORT: String(await freePort()),
    SMTP_URL: smtp.url,
    BREAK_GLASS_CREDENTIAL: CREDENTIAL,
    LOCAL_IDP: 'false',
    WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
  };
  // Temporal is the system's own dev server, and its keys come from data/local-secrets.json as on a
  // developer's machine: the restore brings them back.
  delete env.TEMPORAL_ADDRESS;
  delete env.SIGNING_KEYS;
  delete env.PAYLOAD_KEYS;
  api = clusterClient(`http://127.0.0.1:${port}`, 60_000);
}, 60_000);
afterAll(async () => {
  await stopSystem();
  await smtp?.down();
  rmSync(root, { recursive: true, force: true });
});

async function startSystem(): Promise<void> {
  system = await startProcess('scripts/run-system.ts', env, 'udmeld kører.', { timeoutMs: 180_000 });
  void (async () => {
    for (let line = await system.lines.next(); !line.done; line = await system.lines.next()) void line; // drained, so its output never blocks it
  })();
}
/** As Ctrl-C does: the API, the worker and the dev server stop. */
async function stopSystem(): Promise<void> {
  if (!system) return;
  const gone = new Promise((resolve) => system?.child.once('exit', resolve));
  system.child.kill('SIGTERM');
  await gone;
  system = undefined;
}
const npmRun = (script: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { env, encoding: 'utf8' });

const mails = (template: string, to?: string) =>
  smtp.received.filter((m) => m.template === template && m.text.includes(CU) && (!to || m.to.includes(to)));
const submit = (token: string, code: string) =>
  api.ok('POST', `/api/cus/${CU}/municipalities/${code}/submission`, { token, body: { values: answerFor(code) } });

test('backup while running, the round goes on, everything destroyed, restored: it continues from the backup, nothing is sent twice', async () => {
  await startSystem();
  const secretariat = await api.signIn(CREDENTIAL);
  for (const code of CODES)
    await api.ok('PUT', `/api/contacts/${code}`, {
      token: secretariat,
      body: { contacts: [{ name: `Kontakt ${code}`, email: contactOf(code) }], directorEmail: `direktor-${code}@kommune.test` },
    });
  await api.ok('POST', '/api/people', { token: secretariat, body: { name: 'Dorte Direktør', email: 'dorte@forum.test' } });
  await api.ok('POST', '/api/cus', {
    token: secretariat,
    body: { id: CU, title: 'Øvelse i genopretning', targetGroup: 'Borgere', issuedOn: today, nationalDeadline: addDays(today, 200) },
  });
  await api.ok('POST', `/api/cus/${CU}/launch`, {
    token: secretariat,
    body: { municipalities: CODES, deadline: addDays(today, 40), approvalChain: ['forum', 'kkr'] },
  });
  await smtp.waitFor(() => CODES.every((c) => mails('invitation', contactOf(c)).length === 1), 60_000);
  const tokens = Object.fromEntries(CODES.map((c) => [c, tokenFromMail(mails('invitation', contactOf(c))[0]!)]));

  // Halfway: Odense has answered; its receipt cannot go out (the mail server is down), so the send
  // waits on a retry timer in Temporal when the backup is taken.
  await smtp.down();
  await submit(tokens['0461']!, '0461');
  const backup = await npmRun('backup');
  const file = /Sikkerhedskopi skrevet: (\S+)/.exec(backup.stdout)?.[1] ?? '';
  expect(file, backup.stdout).toMatch(/\.backup$/);
  await smtp.up();
  await smtp.waitFor(() => mails('receipt', contactOf('0461')).length === 1, 90_000);

  // After the backup: a reminder by hand, the other answers, the draft to the forum and its decision.
  await api.ok('POST', `/api/cus/${CU}/municipalities/0420/resend`, { token: secretariat, body: { what: 'reminder' } });
  await submit(tokens['0410']!, '0410');
  await submit(tokens['0420']!, '0420');
  await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
    (r) => r.body.phase === 'drafting',
    60_000,
  );
  await api.ok('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} });
  await smtp.waitFor(() => mails('forum_review', 'dorte@forum.test').length === 1, 60_000);
  await api.ok('POST', `/api/cus/${CU}/steps/forum/decision`, {
    token: tokenFromMail(mails('forum_review', 'dorte@forum.test')[0]!),
    body: { decision: 'approved' },
  });
  await smtp.waitFor(() => mails('approval_request').length > 0, 60_000);
  const sentBeforeTheLoss = smtp.received.length;

  // The disk is lost: everything under data/ goes. The backups and the journal are kept apart.
  await stopSystem();
  rmSync(env.DATA_DIR!, { recursive: true, force: true });
  const restored = await npmRun('restore', file);
  expect(restored.stdout).toContain('Lagt tilbage fra sikkerhedskopien');
  console.log(
    `[drill] ${backup.stdout.split('\n').find((l) => l.includes(' s')) ?? ''} | ${restored.stdout.split('\n').find((l) => l.startsWith('Lagt')) ?? ''}`,
  );
  await startSystem();

  // The round is where the backup left it: Odense answered, the others still owe their answers.
  const secretariatAgain = await api.signIn(CREDENTIAL);
  const cu = await api.ok('GET', `/api/cus/${CU}`, { token: secretariatAgain });
  expect(cu.phase).toBe('reporting');
  const statuses = Object.fromEntries(
    Object.entries(cu.municipalities as Record<string, { status: string }>).map(([c, m]) => [c, m.status]),
  );
  expect(statuses).toMatchObject({ '0461': 'submitted', '0410': 'invited', '0420': 'invited' });

  // What went out after the backup is said plainly; Temporal and the restored record agree.
  const check = await api.ok('GET', '/api/check', { token: secretariatAgain });
  expect(check.disagreements).toEqual([]);
  const after = (check.lastRestore.sentAfterBackup as { template: string; municipalityCode?: string }[]).map(
    (m) => `${m.template}${m.municipalityCode ? `:${m.municipalityCode}` : ''}`,
  );
  expect(after).toEqual(expect.arrayContaining(['receipt:0461', 'reminder:0420', 'receipt:0410', 'receipt:0420', 'forum_review']));

  // The receipt's retry timer fired again after the restore, and found it sent: nothing went out twice.
  await new Promise((r) => setTimeout(r, 15_000));
  expect(smtp.received.length).toBe(sentBeforeTheLoss);

  // The round goes on from there: the lost answers are given again, each with a receipt of its own.
  await submit(tokens['0410']!, '0410');
  await submit(tokens['0420']!, '0420');
  await smtp.waitFor(() => mails('receipt', contactOf('0410')).length === 2 && mails('receipt', contactOf('0420')).length === 2, 60_000);
  await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariatAgain }),
    (r) => r.body.phase === 'drafting',
    60_000,
  );
  const ids = smtp.received.map((m) => m.messageId);
  expect(ids.length - new Set(ids).size).toBe(0);
}, 600_000);
