// Connections to the servers started in global-setup, a database of the test's own, and a worker
// running the real workflows and activities (the real mailer) on its own task queue.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createMailer } from '../../activities/mailer';
import { generateSigningKeys } from '../../crypto/tokens';
import { createUdmeld, type Udmeld } from '../../app';
import { dataConverterOf, loadConfig, type Config } from '../../config';
import type { OpenDatabase } from '../../db/connect';
import type { Db } from '../../db/schema';
import { linkSigner } from '../../crypto/links';
import { signingKeysOf } from '../../config';
import { createWorker } from '../../worker/create-worker';
import { testDatabase, type DatabaseKind } from './database';
import { timeSkippingEnv } from '../../scripts/time-skipping-env';

export const TEST_CREDENTIAL = 'test-credential-for-the-secretariat';
/**
 * Tests always encrypt payloads, with two keys to show rotation: `t2` encrypts, `t1` still decrypts.
 * The same in every test process (they share one server); derived here, as no key belongs in git.
 */
const testKey = (kid: string) => `${kid}:${createHash('sha256').update(`udmeld test payload key ${kid}`).digest('base64')}`;
export const TEST_PAYLOAD_KEYS = `${testKey('t2')},${testKey('t1')}`;

let runtimeInstalled = false;
/** Installs the process's Temporal runtime with this logger (before any harness, which then keeps it). */
export function installRuntime(options: Parameters<typeof Runtime.install>[0]) {
  runtimeInstalled = true;
  Runtime.install(options);
}

export function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  // Errors only: the fault tests provoke many expected connection warnings.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}

export function testConfig(overrides: { smtpUrl?: string; taskQueue?: string } = {}): Config {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'udmeld-data-')),
    BACKUP_DIR: mkdtempSync(join(tmpdir(), 'udmeld-backups-')),
    SIGNING_KEYS: generateSigningKeys('test'),
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    BREAK_GLASS_CREDENTIAL: TEST_CREDENTIAL,
  });
  config.temporal.taskQueue = overrides.taskQueue ?? `test-${randomUUID()}`;
  // Links in e-mails point here unless a test serves the API (startApi sets its own address).
  config.http.publicUrl = 'http://udmeld.test';
  config.mail.smtpUrl = overrides.smtpUrl;
  return config;
}

export interface Harness {
  client: Client;
  udmeld: Udmeld;
  worker: Worker;
  config: Config;
  /** The test's own record. */
  db: Db;
  /** Its connection string, on the run's PostgreSQL server (absent for the embedded database). */
  databaseUrl?: string;
  /** Resolves when the worker has stopped. */
  stop(): Promise<void>;
}

export interface HarnessOptions {
  database?: DatabaseKind;
  /** Another Temporal than the run's dev server. */
  address?: string;
}

async function startHarness(
  config: Config,
  client: Client,
  nativeConnection: NativeConnection,
  database: OpenDatabase & { url?: string },
  close: () => Promise<void>,
): Promise<Harness> {
  const worker = await createWorker({
    config,
    db: database.db,
    connection: nativeConnection,
    mailer: createMailer(config.mail, { db: database.db, linkWithAccess: linkSigner(signingKeysOf(config), config.auth.links) }),
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();
  return {
    client,
    udmeld: createUdmeld({ client, db: database.db, config }),
    worker,
    config,
    db: database.db,
    ...(database.url ? { databaseUrl: database.url } : {}),
    async stop() {
      worker.shutdown();
      await running;
      await close();
      await database.close();
    },
  };
}

export async function devServerHarness(config: Config, options: HarnessOptions = {}): Promise<Harness> {
  quietRuntime();
  const address = options.address ?? inject('devServerAddress');
  const connection = Connection.lazy({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection, dataConverter: dataConverterOf(config) });
  return startHarness(config, client, nativeConnection, await testDatabase(options.database), async () => {
    await nativeConnection.close();
    await connection.close();
  });
}

/** The time-skipping server started by global-setup, with a worker of the real workflows. */
export async function timeSkippingHarness(
  config: Config,
  options: Pick<HarnessOptions, 'database'> & { server?: 'first' | 'second' } = {},
): Promise<Harness & { env: TestWorkflowEnvironment }> {
  quietRuntime();
  const env = await timeSkippingEnv(config, inject(options.server === 'second' ? 'secondTimeSkippingAddress' : 'timeSkippingAddress'));
  const harness = await startHarness(config, env.client, env.nativeConnection, await testDatabase(options.database), () => env.teardown());
  return { ...harness, env };
}
