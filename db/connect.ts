// Opens the record: the PostgreSQL at DATABASE_URL, or the embedded one persisted under DATA_DIR,
// and brings its schema up to date.
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openEmbedded } from './embedded';
import { migrate } from './migrate';
import { seedTemplates } from './queries/templates';
import type { Database, Db } from './schema';

export interface DatabaseOptions {
  /** A PostgreSQL connection string; without it, the embedded database. */
  url?: string;
  /** Where the embedded database keeps its files; in memory when absent. */
  dataDir?: string;
  /** Connections per process (PostgreSQL only). */
  poolSize?: number;
  /** Brings the schema only this far (`0002_people.sql`): for tests of upgrades from an earlier version. */
  migrateUpTo?: string;
}

export interface OpenDatabase {
  db: Db;
  kind: 'postgres' | 'embedded';
  /** The embedded database's dump (a consistent copy of its folder); a server's is pg_dump's. */
  dumpEmbedded?: () => Promise<Buffer>;
  close(): Promise<void>;
}

const DATE = 1082;
const TIMESTAMPTZ = 1184;
const INT8 = 20;

function serverPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE) return (value: string) => value;
        if (oid === TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
        if (oid === INT8) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // A connection the server dropped (restart, outage) must not crash the process: idle ones are
  // reported to the pool, and one that is checked out between two queries (inside a transaction)
  // to the client itself. Its queries then fail, and the pool discards it when it comes back.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const embedded = options.url ? undefined : await openEmbedded(options.dataDir);
  const pool = embedded?.pool ?? serverPool(options.url ?? '', options.poolSize ?? 10);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, options.migrateUpTo);
  if (!options.migrateUpTo) await seedTemplates(db);
  return embedded
    ? { db, kind: 'embedded', dumpEmbedded: () => embedded.dump(), close: () => db.destroy() }
    : { db, kind: 'postgres', close: () => db.destroy() };
}

export const embeddedDataDir = (dataDir: string) => join(dataDir, 'db');
