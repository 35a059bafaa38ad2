import { join } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createMailer, type Mailer } from '../activities/mailer';
import { linkSigner } from '../auth/links';
import { dataConverterOf, signingKeysOf, temporalConnectionOptions, type Config } from '../config';
import { bundleInOwnProcess } from './bundle';

export interface WorkerSetup {
  config: Config;
  connection?: NativeConnection;
  mailer?: Mailer;
  /** A prebuilt bundle (tests build one per run; or WORKFLOW_BUNDLE_PATH); otherwise bundled at start, in a process of its own. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Activities beside the app's own (the benchmarks' baselines). */
  moreActivities?: Record<string, (...args: never[]) => Promise<unknown>>;
}

export async function createWorker({ config, connection, mailer, workflowBundle, moreActivities }: WorkerSetup): Promise<Worker> {
  const bundle = workflowBundle ?? { codePath: config.worker.bundlePath ?? (await bundleInOwnProcess(join(config.dataDir, 'workflow-bundle.js'))) };
  return Worker.create({
    connection: connection ?? (await NativeConnection.connect(temporalConnectionOptions(config.temporal))),
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    // Cached workflows cost memory (mostly native, see docs/benchmarks.md); evicted ones replay on demand.
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    dataConverter: dataConverterOf(config),
    workflowBundle: bundle,
    activities: {
      ...moreActivities,
      ...createActivities({
        mailer: mailer ?? createMailer(config.mail),
        linkWithAccess: linkSigner(signingKeysOf(config), config.auth.links),
      }),
    },
  });
}
