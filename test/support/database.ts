// A database of its own for each test harness: a fresh one on the run's PostgreSQL server, or the
// embedded PostgreSQL (PGlite) in memory.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../db/connect';
import { createDatabase } from '../../scripts/postgres-server';

export type DatabaseKind = 'postgres' | 'embedded';

/** A new, empty database on the run's server; its connection string. */
export function freshDatabaseUrl(): Promise<string> {
  return createDatabase(inject('postgresAdminUrl'), `udmeld_${randomUUID().replaceAll('-', '').slice(0, 16)}`);
}

export async function testDatabase(kind: DatabaseKind = 'postgres'): Promise<OpenDatabase & { url?: string }> {
  if (kind === 'embedded') return openDatabase({});
  const url = await freshDatabaseUrl();
  return { ...(await openDatabase({ url, poolSize: 5 })), url };
}
