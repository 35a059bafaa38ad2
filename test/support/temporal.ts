// Connections to the servers started in global-setup, and a worker running the real workflows and
// activities (the real mailer) on its own task queue.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createMailer } from '../../activities/mailer';
import { generateSigningKeys } from '../../auth/tokens';
import { Udmeld } from '../../client/udmeld';
import { dataConverterOf, loadConfig, type Config } from '../../config';
import { createWorker } from '../../worker/create-worker';
import { timeSkippingEnv } from './time-skipping';

export const TEST_CREDENTIAL = 'test-credential-for-the-secretariat';
/**
 * Tests always encrypt payloads, with two keys to show rotation: `t2` encrypts, `t1` still decrypts.
 * The same in every test process (they share one server); derived here, as no key belongs in git.
 */
const testKey = (kid: string) => `${kid}:${createHash('sha256').update(`udmeld test payload key ${kid}`).digest('base64')}`;
export const TEST_PAYLOAD_KEYS = `${testKey('t2')},${testKey('t1')}`;

let runtimeInstalled = false;
export function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  // Errors only: the fault tests provoke many expected connection warnings.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
}

export function testConfig(overrides: { smtpUrl?: string; taskQueue?: string } = {}): Config {
  const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'udmeld-data-')), SIGNING_KEYS: generateSigningKeys('test'), PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, SECRETARIAT_CREDENTIAL: TEST_CREDENTIAL });
  config.temporal.taskQueue = overrides.taskQueue ?? `test-${randomUUID()}`;
  config.mail.smtpUrl = overrides.smtpUrl;
  return config;
}

export interface Harness {
  client: Client;
  udmeld: Udmeld;
  worker: Worker;
  config: Config;
  /** Resolves when the worker has stopped. */
  stop(): Promise<void>;
}

async function startHarness(config: Config, client: Client, nativeConnection: NativeConnection, close: () => Promise<void>): Promise<Harness> {
  const worker = await createWorker({
    config,
    connection: nativeConnection,
    mailer: createMailer(config.mail),
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();
  return {
    client,
    udmeld: new Udmeld(client, config.temporal.taskQueue, config.temporalCallTimeoutMs),
    worker,
    config,
    async stop() {
      worker.shutdown();
      await running;
      await close();
    },
  };
}

export async function devServerHarness(config: Config, address = inject('devServerAddress')): Promise<Harness> {
  quietRuntime();
  const connection = Connection.lazy({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection, dataConverter: dataConverterOf(config) });
  return startHarness(config, client, nativeConnection, async () => {
    await nativeConnection.close();
    await connection.close();
  });
}

/** The time-skipping server started by global-setup, with a worker of the real workflows. */
export async function timeSkippingHarness(config: Config): Promise<Harness & { env: TestWorkflowEnvironment }> {
  quietRuntime();
  const env = await timeSkippingEnv(config, inject('timeSkippingAddress'));
  const harness = await startHarness(config, env.client, env.nativeConnection, () => env.teardown());
  return { ...harness, env };
}
