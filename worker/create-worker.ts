import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createMailer, type Mailer } from '../activities/mailer';
import { linkSigner } from '../auth/links';
import { dataConverterOf, signingKeysOf, temporalConnectionOptions, type Config } from '../config';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface WorkerSetup {
  config: Config;
  connection?: NativeConnection;
  mailer?: Mailer;
  /** A prebuilt bundle (tests build one per run; or WORKFLOW_BUNDLE_PATH); otherwise bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export async function createWorker({ config, connection, mailer, workflowBundle }: WorkerSetup): Promise<Worker> {
  const bundle = workflowBundle ?? (config.worker.bundlePath ? { codePath: config.worker.bundlePath } : undefined);
  return Worker.create({
    connection: connection ?? (await NativeConnection.connect(temporalConnectionOptions(config.temporal))),
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    // Each cached workflow holds its own copy of the bundle's modules; evicted ones replay on demand.
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    dataConverter: dataConverterOf(config),
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({
      mailer: mailer ?? createMailer(config.mail),
      linkWithAccess: linkSigner(signingKeysOf(config), config.auth.links),
    }),
  });
}
