// The launch benchmark's baseline worker: Temporal without udmeld, on the same server as `npm start`'s
// (TEMPORAL_ADDRESS), its own task queue (BENCH_TASK_QUEUE), sending each bare invitation to SMTP_URL.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../worker/bundle';
import { bareInvitationActivities } from './baseline-activities';

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
});
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('BENCH_TASK_QUEUE'),
  workflowBundle: { code: (await bundleWorkflows(fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url)))).code },
  activities: bareInvitationActivities(env('SMTP_URL')),
});
console.log('bare launch worker ready');
await worker.run();
