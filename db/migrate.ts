// Applies db/migrations/*.sql in name order, each once and in its own transaction. An advisory lock
// lets several processes start at once against one database.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from './schema';

const MIGRATIONS = new URL('./migrations/', import.meta.url);
const LOCK = 0x75646d656c64; // "udmeld"

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

/** Returns the migrations it applied; `upTo` stops after that one (the schema an earlier version left). */
export async function migrate(db: Db, upTo?: string): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())`.execute(
        conn,
      );
      const done = new Set((await sql<{ name: string }>`select name from schema_migration`.execute(conn)).rows.map((r) => r.name));
      const applied: string[] = [];
      for (const file of migrationFiles().filter((f) => !done.has(f) && (!upTo || f <= upTo))) {
        await conn.transaction().execute(async (tx) => {
          await sql.raw(readFileSync(new URL(file, MIGRATIONS), 'utf8')).execute(tx);
          await sql`insert into schema_migration (name) values (${file})`.execute(tx);
        });
        applied.push(file);
      }
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK})`.execute(conn);
    }
  });
}
