// The system under test, in its own process so the load generator does not share its event loop:
// worker + API, and a bare Express endpoint as the baseline.
import { join } from 'node:path';
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
const bare = express()
  .get('/bare', (_req, res) => void res.json({ ok: true }))
  .listen(0, '127.0.0.1');
await Promise.all([api, bare].map((s) => new Promise((r) => (s.listening ? r(null) : s.once('listening', r)))));
const port = (s: typeof api) => (s.address() as { port: number }).port;
console.log(JSON.stringify({ ready: true, api: port(api), bare: port(bare) }));
process.once('SIGTERM', () => process.exit(0));
