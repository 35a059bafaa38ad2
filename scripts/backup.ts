// `npm run backup`: one sealed file in BACKUP_DIR with Temporal's persistence and the record.
// - The embedded default (no DATABASE_URL): asks the running `npm start` for it, or reads data/ itself
//   when nothing runs; the dev server's SQLite file is copied with SQLite's online backup.
// - A PostgreSQL record (DATABASE_URL): pg_dump, and pg_dump of the Temporal server's databases named
//   in BACKUP_TEMPORAL_DATABASES (without it, Temporal's persistence is its operator's to back up).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { embeddedDataDir, openDatabase } from '../db/connect';
import { backupKeys } from './backup/keys';
import { askRunningSystem, runningSystem } from './backup/online';
import { takeBackup, type TemporalSource } from './backup/take';

const config = loadConfig();
const keys = await backupKeys(config);
const started = Date.now();
const pid = config.database.url ? undefined : runningSystem(config.dataDir);

const taken = pid
  ? await askRunningSystem(config.dataDir, pid)
  : await (async () => {
      const database = await openDatabase(
        config.database.url ? { url: config.database.url, poolSize: 1 } : { dataDir: embeddedDataDir(config.dataDir) },
      );
      const sqlite = join(config.dataDir, 'temporal.db');
      const temporal: TemporalSource = config.database.url
        ? config.backup.temporalDatabases
          ? { kind: 'postgres', urls: config.backup.temporalDatabases }
          : { kind: 'none' }
        : existsSync(sqlite)
          ? { kind: 'sqlite', file: sqlite }
          : { kind: 'none' };
      try {
        const record = database.dumpEmbedded
          ? { kind: 'embedded' as const, dump: database.dumpEmbedded }
          : { kind: 'postgres' as const, url: config.database.url ?? '' };
        return await takeBackup(
          { record, db: database.db, temporal, localSecrets: join(config.dataDir, 'local-secrets.json') },
          { dir: config.backup.dir, keys },
        );
      } finally {
        await database.close();
      }
    })();

const { manifest } = taken;
console.log(`Sikkerhedskopi skrevet: ${taken.file}`);
console.log(
  `  taget ${manifest.createdAt}, migration ${manifest.migrationLevel}, nøgle ${manifest.encryption.keyId}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
for (const part of manifest.parts)
  console.log(`  ${part.name.padEnd(28)} ${String(part.bytes).padStart(12)} bytes  sha256 ${part.sha256.slice(0, 16)}…`);
if (manifest.temporal.kind === 'none')
  console.log('  Temporals data er ikke med (sæt BACKUP_TEMPORAL_DATABASES, eller tag dem hos Temporals operatør).');
