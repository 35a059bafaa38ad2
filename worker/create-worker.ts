import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createMailer, type Mailer } from '../activities/mailer';
import { linkSigner } from '../crypto/links';
import { dataConverterOf, signingKeysOf, temporalConnectionOptions, type Config } from '../config';
import type { Db } from '../db/schema';
import { bundleInOwnProcess } from './bundle';

export interface WorkerSetup {
  config: Config;
  /** The record the activities write. */
  db: Db;
  connection?: NativeConnection;
  mailer?: Mailer;
  /** A prebuilt bundle (tests build one per run; or WORKFLOW_BUNDLE_PATH); otherwise bundled at start, in a process of its own. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Activities beside the app's own (the benchmarks' baselines). */
  moreActivities?: Record<string, (...args: never[]) => Promise<unknown>>;
}

export async function createWorker({ config, db, connection, mailer, workflowBundle, moreActivities }: WorkerSetup): Promise<Worker> {
  const bundle = workflowBundle ?? {
    codePath: config.worker.bundlePath ?? (await bundleInOwnProcess(join(config.dataDir, 'workflow-bundle.js'))),
  };
  const native = connection ?? (await NativeConnection.connect(temporalConnectionOptions(config.temporal)));
  const client = new Client({ connection: native, namespace: config.temporal.namespace, dataConverter: dataConverterOf(config) });
  return Worker.create({
    connection: native,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    // Cached workflows cost memory (see docs/benchmarks.md); evicted ones replay on demand.
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    // A task for a workflow cached on a worker that died waits this long before any worker takes it.
    stickyQueueScheduleToStartTimeout: config.worker.stickyTimeoutMs,
    dataConverter: dataConverterOf(config),
    workflowBundle: bundle,
    activities: {
      ...moreActivities,
      ...createActivities({
        db,
        rounds: { addresses: config.addresses, baseUrl: config.http.publicUrl },
        client,
        retention: config.retention,
        webhooks: {
          publicUrl: config.http.publicUrl,
          secretariat: config.addresses.secretariat,
          allowAddresses: config.webhooks.allowAddresses,
        },
        mailer: mailer ?? createMailer(config.mail, { db, linkWithAccess: linkSigner(signingKeysOf(config), config.auth.links) }),
      }),
    },
  });
}
