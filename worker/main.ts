import { DefaultLogger, Runtime } from '@temporalio/worker';
import { databaseOptions, loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { createWorker } from './create-worker';

const config = loadConfig();
Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
});
const database = await openDatabase(databaseOptions(config));
const worker = await createWorker({ config, db: database.db });
console.log(`udmeld worker ready: task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
await worker.run(); // Worker installs SIGINT/SIGTERM handlers and drains on shutdown
await database.close();
