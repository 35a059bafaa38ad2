// 20 rounds × 22 municipalities launched at once through the API, timed from the first launch
// request to the last invitation received by a real SMTP server: on `npm start`'s topology (the dev
// server, the embedded PostgreSQL, worker and API in one process) and on `npm run cluster`'s
// (the Temporal server on PostgreSQL, two workers, two APIs behind haproxy), one after the other.
//   BENCH_LAUNCH_ROUNDS=20 by default
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { clusterClient, type ClusterClient } from '../fixtures/cluster-client';
import { TestSmtpServer } from '../fixtures/smtp-server';
import { municipalitiesOfRegion, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate } from '../domain/time';
import { contactOf } from '../fixtures/round';
import { startCluster } from '../scripts/cluster';
import { signInLocally } from '../scripts/local-sign-in';
import { freePort } from '../scripts/ports';
import { startProcess } from '../scripts/process';
import { portOpen } from '../scripts/temporal-servers';
import { bundleWorkflows } from '../worker/bundle';
import { bareLaunchWorkflow, launch } from './baseline-workflows';
import type { BenchResult } from './result';

const ROUNDS = Number(process.env.BENCH_LAUNCH_ROUNDS ?? 20);
const CODES = municipalitiesOfRegion(SYDDANMARK);
const CREDENTIAL = 'bench-break-glass-credential-0123456789';

interface LaunchFigures {
  seconds: number;
  invitations: number;
  launchRequestsSeconds: number;
}

/** Contacts and the CUs first, then every launch at once; the clock runs until the last invitation. */
async function launchRounds(api: ClusterClient, token: string, smtp: TestSmtpServer, label: string): Promise<LaunchFigures> {
  const today = copenhagenDate(Date.now());
  for (const code of CODES)
    await api.ok('PUT', `/api/contacts/${code}`, {
      token,
      body: { contacts: [{ name: `Kontakt ${code}`, email: contactOf(code) }], directorEmail: `direktor-${code}@kommune.test` },
    });
  const ids = Array.from({ length: ROUNDS }, (_, i) => `${label}-${i}`);
  for (const id of ids)
    await api.ok('POST', '/api/cus', {
      token,
      body: {
        id,
        title: 'Borgere med svære spiseforstyrrelser',
        targetGroup: 'Borgere',
        issuedOn: today,
        nationalDeadline: addDays(today, 200),
      },
    });
  const mine = () => smtp.received.filter((m) => m.template === 'invitation' && ids.some((id) => m.text.includes(`/kommune/${id}/`)));
  const start = Date.now();
  await Promise.all(
    ids.map((id) => api.ok('POST', `/api/cus/${id}/launch`, { token, body: { deadline: addDays(today, 40) }, key: `launch-${id}` })),
  );
  const launched = Date.now();
  await smtp.waitFor(() => mine().length >= ROUNDS * CODES.length, 900_000);
  const last = Math.max(...mine().map((m) => m.receivedAt));
  return {
    seconds: +((last - start) / 1000).toFixed(1),
    invitations: mine().length,
    launchRequestsSeconds: +((launched - start) / 1000).toFixed(1),
  };
}

/**
 * Temporal's own time for the same launch, on the same dev server just before udmeld's: bare parents
 * whose Update starts 22 bare children together, each sending one plain e-mail to the same SMTP server.
 */
async function bareLaunches(smtp: TestSmtpServer, address: string): Promise<LaunchFigures> {
  const taskQueue = 'bench-bare-launch';
  const worker = await startProcess(
    'bench/bare-launch-worker.ts',
    { ...process.env, TEMPORAL_ADDRESS: address, BENCH_TASK_QUEUE: taskQueue, SMTP_URL: smtp.url },
    'bare launch worker ready',
  );
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const handles = await Promise.all(
      Array.from({ length: ROUNDS }, (_, i) =>
        client.workflow.start(bareLaunchWorkflow, { workflowId: `bare-launch-${i}`, taskQueue, args: [CODES.length] }),
      ),
    );
    const mine = () => smtp.received.filter((m) => m.template === 'bare_invitation');
    const start = Date.now();
    await Promise.all(handles.map((handle) => handle.executeUpdate(launch, { args: [0] })));
    const launched = Date.now();
    await smtp.waitFor(() => mine().length >= ROUNDS * CODES.length, 900_000);
    const last = Math.max(...mine().map((m) => m.receivedAt));
    return {
      seconds: +((last - start) / 1000).toFixed(1),
      invitations: mine().length,
      launchRequestsSeconds: +((launched - start) / 1000).toFixed(1),
    };
  } finally {
    await connection.close();
    await worker.kill();
  }
}

async function onNpmStart(smtp: TestSmtpServer): Promise<{ udmeld: LaunchFigures; bare: LaunchFigures }> {
  if (await portOpen(7233)) throw new Error('Port 7233 is taken: npm start runs its dev server there; stop what holds it');
  const port = await freePort();
  const system = await startProcess(
    'scripts/run-system.ts',
    { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'udmeld-bench-start-')), PORT: String(port), SMTP_URL: smtp.url },
    'udmeld kører',
    { timeoutMs: 300_000 },
  );
  try {
    const url = `http://localhost:${port}`;
    const { token } = await signInLocally(url, 'sara');
    // The baseline first, on the server while udmeld's worker idles: Temporal's own time, undisturbed
    // by the work udmeld's municipalities do after their invitations.
    const bare = await bareLaunches(smtp, 'localhost:7233');
    return { bare, udmeld: await launchRounds(clusterClient(url), token, smtp, 'start') };
  } finally {
    system.child.kill('SIGINT');
    await new Promise((r) => system.child.once('exit', r));
  }
}

async function onCluster(smtp: TestSmtpServer): Promise<LaunchFigures> {
  const bundlePath = join(mkdtempSync(join(tmpdir(), 'udmeld-bench-bundle-')), 'bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflows()).code);
  const cluster = await startCluster({
    dir: mkdtempSync(join(tmpdir(), 'udmeld-bench-cluster-')),
    smtpUrl: smtp.url,
    workflowBundlePath: bundlePath,
    env: { BREAK_GLASS_CREDENTIAL: CREDENTIAL },
  });
  try {
    const api = clusterClient(cluster.url);
    return await launchRounds(api, await api.signIn(CREDENTIAL), smtp, 'klynge');
  } finally {
    await cluster.stop();
  }
}

export async function benchLaunch(): Promise<BenchResult> {
  const smtp = await TestSmtpServer.start();
  try {
    const { udmeld: single, bare } = await onNpmStart(smtp);
    const cluster = await onCluster(smtp);
    const line = (f: LaunchFigures) =>
      `${f.seconds} s to the last of ${f.invitations} invitations (the launch requests themselves: ${f.launchRequestsSeconds} s)`;
    return {
      name: `${ROUNDS} rounds of ${CODES.length} launched at once through the API, until the last invitation arrives`,
      command: 'npm run bench -- launch',
      comparisons: [],
      notes: [
        ['`npm start` (dev server on SQLite, embedded PostgreSQL, worker and API in one process)', line(single)],
        [
          'Temporal alone on the same dev server, just before: bare parents starting 22 bare children each, one plain e-mail per child',
          `${line(bare)}; udmeld takes ${(single.seconds / bare.seconds).toFixed(2)}× as long`,
        ],
        ['`npm run cluster` (Temporal server on PostgreSQL, two workers, two APIs, haproxy; fsync on)', line(cluster)],
      ],
      raw: { single, bare, cluster },
    };
  } finally {
    await smtp.down();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await benchLaunch(), null, 2));
