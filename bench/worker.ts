// A worker in a process of its own, so a benchmark can read this process's memory alone. Configured
// from the environment like worker/main.ts, with the baselines' activity beside the app's; the
// benchmark passes a prebuilt WORKFLOW_BUNDLE_PATH (the app's workflows or the baselines).
import { createInterface } from 'node:readline';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { databaseOptions, loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { createWorker } from '../worker/create-worker';
import { baselineActivities } from './baseline-activities';
import { cpuProfiler } from './cpu-profile';

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
});
const config = loadConfig();
const database = await openDatabase(databaseOptions(config));
const worker = await createWorker({ config, db: database.db, moreActivities: baselineActivities });
// With BENCH_CPU_PROFILE_DIR, the worker's main thread is profiled from here until a line "profile <name>".
const profiler = cpuProfiler(process.env.BENCH_CPU_PROFILE_DIR);
await profiler.start();
// On a line "heap" on stdin: collect garbage (with --expose-gc) and print the live heap, next to
// what RSS shows. (Not a signal: the worker's runtime shuts down on SIGUSR2.)
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.startsWith('profile ')) return void profiler.stop(line.slice('profile '.length));
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  console.log(
    JSON.stringify({
      liveHeapMb: mb(heapUsed),
      heapTotalMb: mb(heapTotal),
      externalMb: mb(external + arrayBuffers),
      rssAfterGcMb: mb(rss),
    }),
  );
});
console.log('bench worker ready');
await worker.run();
