// The system under test, in its own process so the load generator does not share its event loop:
// worker + API, and a bare Express endpoint as the baseline.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import express from 'express';
import { createApp } from '../server/app';
import { createUdmeld } from '../app';
import { databaseOptions, dataConverterOf, loadConfig, temporalConnectionOptions } from '../config';
import { openDatabase } from '../db/connect';
import { bundleInOwnProcess } from '../worker/bundle';
import { createWorker } from '../worker/create-worker';
import { baselineActivities } from './baseline-activities';
import { cpuProfiler } from './cpu-profile';

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
});
const config = loadConfig();
const nativeConnection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
const bundle = {
  codePath: await bundleInOwnProcess(join(config.dataDir, 'bench-bundle.js'), fileURLToPath(new URL('./workflows.ts', import.meta.url))),
};
const database = await openDatabase(databaseOptions(config));
const worker = await createWorker({
  config,
  db: database.db,
  connection: nativeConnection,
  workflowBundle: bundle,
  moreActivities: baselineActivities,
});
void worker.run();
const connection = await Connection.connect(temporalConnectionOptions(config.temporal));
const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverterOf(config) });
const udmeld = createUdmeld({ client, db: database.db, config: { ...config, temporalCallTimeoutMs: 30_000 } });
const api = createApp({ udmeld, config }).listen(0, '127.0.0.1');
// The bare endpoints: a tiny JSON, and whatever JSON text the benchmark put there last (the overview's own bytes).
let bareText = '{}';
const bare = express()
  .get('/bare', (_req, res) => void res.json({ ok: true }))
  .put('/bare-text', express.text({ type: () => true, limit: '10mb' }), (req, res) => {
    bareText = String(req.body);
    res.status(204).end();
  })
  .get('/bare-text', (_req, res) => void res.type('json').send(bareText))
  .listen(0, '127.0.0.1');
await Promise.all([api, bare].map((s) => new Promise((r) => (s.listening ? r(null) : s.once('listening', r)))));
const port = (s: typeof api) => (s.address() as { port: number }).port;
// With BENCH_CPU_PROFILE_DIR: lines "profile start" and "profile stop <name>" on stdin profile what lies between.
const profiler = cpuProfiler(process.env.BENCH_CPU_PROFILE_DIR);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'profile start') void profiler.start();
  if (line.startsWith('profile stop ')) void profiler.stop(line.slice('profile stop '.length));
});
console.log(JSON.stringify({ ready: true, api: port(api), bare: port(bare) }));
process.once('SIGTERM', () => process.exit(0));
