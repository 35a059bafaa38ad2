import { loadConfig } from '../config';
import { createWorker } from './create-worker';

const config = loadConfig();
const worker = await createWorker({ config });
console.log(`udmeld worker ready: task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
await worker.run(); // Worker installs SIGINT/SIGTERM handlers and drains on shutdown
