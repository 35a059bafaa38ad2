import { databaseOptions, loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { createWorker } from './create-worker';

const config = loadConfig();
const database = await openDatabase(databaseOptions(config));
const worker = await createWorker({ config, db: database.db });
console.log(`udmeld worker ready: task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
await worker.run(); // Worker installs SIGINT/SIGTERM handlers and drains on shutdown
await database.close();
