// The fast workflow tests' set-up: a time-skipping server of the file's own (time is the file's to
// skip), and a worker running the real workflow code with in-memory activities (test/support/in-memory-activities.ts).
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import { freePort } from '../../scripts/ports';
import { startTimeSkippingServer, type RunningServer } from '../../scripts/temporal-servers';
import { timeSkippingEnv } from '../../scripts/time-skipping-env';
import { InMemoryActivities } from './in-memory-activities';
import { quietRuntime, testConfig } from './temporal';

export interface WorkflowEnv {
  env: TestWorkflowEnvironment;
  memory: InMemoryActivities;
  taskQueue: string;
}

/** Starts the server and the worker before the file's tests; `get()` inside a test gives them. */
export function useWorkflowEnv(): () => WorkflowEnv {
  let server: RunningServer | undefined;
  let ready: WorkflowEnv | undefined;
  let running: Promise<void> | undefined;
  let worker: Worker | undefined;
  beforeAll(async () => {
    quietRuntime();
    server = await startTimeSkippingServer(await freePort());
    const config = testConfig();
    const env = await timeSkippingEnv(config, server.address);
    const memory = new InMemoryActivities();
    const taskQueue = `fast-${randomUUID()}`;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: memory.activities,
      dataConverter: env.client.options.dataConverter,
    });
    running = worker.run();
    ready = { env, memory, taskQueue };
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await ready?.env.teardown();
    await server?.stop();
  });
  return () => {
    if (!ready) throw new Error('useWorkflowEnv: used outside a test');
    return ready;
  };
}
