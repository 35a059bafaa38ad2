import { Client, Connection } from '@temporalio/client';
import { createUdmeld } from '../app';
import { databaseOptions, dataConverterOf, loadConfig, temporalConnectionOptions } from '../config';
import { openDatabase } from '../db/connect';
import { createApp } from './app';

const config = loadConfig();
// Lazy: the API starts (and answers 503) while Temporal is still away, and reconnects by itself.
const connection = Connection.lazy(temporalConnectionOptions(config.temporal));
const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverterOf(config) });
const database = await openDatabase(databaseOptions(config));
const udmeld = createUdmeld({ client, db: database.db, config });
const app = createApp({ udmeld, config });
// The upkeep's schedules and the webhooks' workflows, once Temporal answers (the API itself does not wait for it).
void (async () => {
  for (let wait = 1000; ; wait = Math.min(wait * 2, 60_000)) {
    try {
      await udmeld.ensureMaintenanceSchedules();
      return await udmeld.ensureWebhookWorkflows();
    } catch {
      await new Promise((r) => setTimeout(r, wait));
    }
  }
})();
const server = app.listen(config.http.port, config.http.host, () => {
  console.log(`udmeld API: http://${config.http.host}:${config.http.port} (dokumentation på /docs)`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () =>
    server.close(() => void Promise.allSettled([connection.close(), database.close()]).finally(() => process.exit(0))),
  );
}
