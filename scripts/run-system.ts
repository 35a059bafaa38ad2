// Runs udmeld on one machine: the Temporal dev server persisting to data/temporal.db (unless
// TEMPORAL_ADDRESS points elsewhere), the record in the embedded PostgreSQL under data/db (unless
// DATABASE_URL points elsewhere), the worker and the API. Ctrl-C stops all of them.
import { existsSync, mkdirSync, readFileSync, writeFileSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createApp } from '../server/app';
import { LOCAL_PEOPLE } from '../idp/local-provider';
import { generateSigningKeys } from '../crypto/tokens';
import { generatePayloadKey } from '../crypto/payload-encryption';
import { createUdmeld } from '../app';
import type { Caller } from '../domain/people';
import { databaseOptions, dataConverterOf, loadConfig, temporalConnectionOptions } from '../config';
import { openDatabase } from '../db/connect';
import { createWorker } from '../worker/create-worker';
import { portOpen, setRetention, startDevServer, type RunningServer } from './temporal-servers';
import { stopOnSignals } from './process';
import { backupKeys } from './backup/keys';
import { serveOnlineBackups } from './backup/online';
import { takeBackup } from './backup/take';

const dataDir = process.env.DATA_DIR ?? 'data';
mkdirSync(dataDir, { recursive: true });
useLocalSecrets(join(dataDir, 'local-secrets.json'));
const config = loadConfig();
Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  shutdownSignals: [],
});

// Said plainly before anything starts, instead of a stack trace once everything has.
if (await portOpen(config.http.port)) {
  console.error(`Port ${config.http.port} er optaget: kører udmeld allerede? Sæt ellers PORT til en anden port.`);
  process.exit(1);
}

let devServer: (RunningServer & { uiUrl?: string }) | undefined;
if (!process.env.TEMPORAL_ADDRESS) {
  for (const port of [config.devServer.port, config.devServer.uiPort]) {
    if (await portOpen(port)) {
      console.error(`Port ${port} er optaget: kører udmeld allerede? Sæt ellers TEMPORAL_ADDRESS til en anden Temporal.`);
      process.exit(1);
    }
  }
  console.log(`Starter Temporal dev server (${join(dataDir, 'temporal.db')}) …`);
  const log = openSync(join(dataDir, 'temporal.log'), 'a');
  devServer = await startDevServer({
    port: config.devServer.port,
    ui: { port: config.devServer.uiPort, udmeld: `http://127.0.0.1:${config.http.port}` },
    dbFile: join(dataDir, 'temporal.db'),
    log,
  });
  // Closed workflows go after this many days; the record keeps everything (README: "Where the record lives").
  await setRetention(devServer.address, config.temporal.namespace, config.retentionDays);
}

const database = await openDatabase(databaseOptions(config));
// `npm run backup` asks this process for the embedded database's copy (it is the database's one user).
const { dumpEmbedded } = database;
const stopServingBackups = serveOnlineBackups(dataDir, async () => {
  if (!dumpEmbedded) throw new Error('Databasen er en PostgreSQL-server: npm run backup tager den selv med pg_dump');
  return takeBackup(
    {
      record: { kind: 'embedded', dump: dumpEmbedded },
      db: database.db,
      temporal: devServer ? { kind: 'sqlite', file: join(dataDir, 'temporal.db') } : { kind: 'none' },
      localSecrets: join(dataDir, 'local-secrets.json'),
    },
    { dir: config.backup.dir, keys: await backupKeys(config) },
  );
});

const nativeConnection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
const worker = await createWorker({ config, db: database.db, connection: nativeConnection });
const workerDone = worker.run();
const connection = await Connection.connect(temporalConnectionOptions(config.temporal));
const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverterOf(config) });
const udmeld = createUdmeld({ client, db: database.db, config });
await udmeld.ensureMaintenanceSchedules();
await udmeld.ensureWebhookWorkflows();
const server = createApp({ udmeld, config }).listen(config.http.port, config.http.host);
await new Promise((resolve) => server.once('listening', resolve));

const oidc = config.auth.oidc;
const signIn =
  oidc?.kind === 'local'
    ? `${config.http.publicUrl}/login  (lokalt testlogin, vælg en person:)\n${LOCAL_PEOPLE.map((p) => `                           ${p.name.padEnd(20)} ${p.description}`).join('\n')}`
    : oidc
      ? `${config.http.publicUrl}/login  (via ${oidc.issuer})`
      : `ingen identitetsudbyder (sæt OIDC_ISSUER${config.auth.breakGlassCredential ? '; nødadgang er slået til' : ''})`;
console.log(`
udmeld kører.
  API og dokumentation:  ${config.http.publicUrl}/docs   (OpenAPI: ${config.http.publicUrl}/openapi.json)
  Temporal Web UI:       ${devServer ? `${devServer.uiUrl ?? ''}   (afkodet, når du er logget ind i udmeld som sekretariatet; afsluttede workflows slettes efter ${config.retentionDays} dage)` : `(ekstern Temporal på ${config.temporal.address})`}
  Database:              ${database.kind === 'embedded' ? `indbygget PostgreSQL i ${join(dataDir, 'db')} (sæt DATABASE_URL for en anden)` : 'PostgreSQL fra DATABASE_URL'}
  E-mails:               ${config.mail.smtpUrl ? `sendes via ${config.mail.smtpUrl.replace(/\/\/[^@]*@/, '//')}` : `skrives til ${join(dataDir, 'outbox')}/ (sæt SMTP_URL for at sende)`}
  Log ind:               ${signIn}
Stop med Ctrl-C.`);

// At start: whether Temporal and the record agree (ids and counts only; the page /sekretariat/kontrol has the details).
const OPERATOR: Caller = { role: 'secretariat', actor: { role: 'system', name: 'udmeld (start)' }, via: 'session' };
udmeld.checkAgreement(OPERATOR).then(
  (r) =>
    console.log(
      r.disagreements.length
        ? `[kontrol] Temporal og registreringen er uenige om ${r.disagreements.length} ting: ${[...new Set(r.disagreements.map((d) => d.cuId))].join(', ')} (se /sekretariat/kontrol)`
        : `[kontrol] Temporal og registreringen er enige (${r.cus} åbne udmeldinger, ${r.respondents} respondenter)`,
    ),
  (err: unknown) => console.log(`[kontrol] kunne ikke gennemføres: ${(err as Error).message}`),
);

stopOnSignals(async () => {
  console.log('\nStopper udmeld …');
  await new Promise((resolve) => server.close(resolve));
  worker.shutdown();
  await workerDone;
  await Promise.all([nativeConnection.close(), connection.close()]);
  stopServingBackups();
  await database.close();
  await devServer?.stop();
  console.log('Stoppet.');
});

/** A first local run makes a signing key and a payload key, kept in data/. */
function useLocalSecrets(file: string) {
  const made = { signingKeys: generateSigningKeys('local'), payloadKeys: generatePayloadKey('local') };
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<typeof made>) : {};
  const secrets = { signingKeys: kept.signingKeys ?? made.signingKeys, payloadKeys: kept.payloadKeys ?? made.payloadKeys };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  process.env.SIGNING_KEYS ??= secrets.signingKeys;
  process.env.PAYLOAD_KEYS ??= secrets.payloadKeys;
}
