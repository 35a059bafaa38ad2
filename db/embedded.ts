// PostgreSQL in-process (PGlite), persisted in a folder: the database of `npm start` when no
// DATABASE_URL is set. It has one session, so the pool hands it out to one user at a time; the
// same migrations and queries run on it as on a PostgreSQL server.
import { PGlite, types, type Results } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

export const EMBEDDED_PARSERS = {
  [types.DATE]: (value: string) => value,
  [types.TIMESTAMPTZ]: (value: string) => new Date(value).toISOString(),
  [types.INT8]: (value: string) => Number(value),
};

export interface Embedded {
  pool: PostgresPool;
  /** The data folder as a gzipped tar, taken between two users of the pool (no transaction in flight). */
  dump(): Promise<Buffer>;
}

export async function openEmbedded(dataDir: string | undefined): Promise<Embedded> {
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), parsers: EMBEDDED_PARSERS });
  let queue: Promise<void> = Promise.resolve();

  const client = (release: () => void): PostgresPoolClient =>
    ({
      async query<R>(sql: string | object, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        if (typeof sql !== 'string') throw new Error('The embedded database does not stream');
        // Statements without parameters may be several (migrations): the simple protocol runs them all.
        const result = parameters?.length ? await pglite.query<R>(sql, [...parameters]) : lastOf(await pglite.exec(sql));
        return {
          command: (result.command ?? 'SELECT') as PostgresQueryResult<R>['command'],
          rowCount: result.rowCount ?? result.affectedRows ?? 0,
          rows: result.rows as R[],
        };
      },
      release,
    }) as PostgresPoolClient;

  const pool: PostgresPool = {
    options: {},
    connect() {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const ready = queue;
      queue = queue.then(() => turn);
      return ready.then(() => client(release));
    },
    async end() {
      await queue;
      await pglite.close();
    },
  };
  const dump = async () => {
    const turn = await pool.connect();
    try {
      return Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      turn.release();
    }
  };
  return { pool, dump };
}

/** Makes an embedded database's folder from a dump (the folder must not hold one yet). */
export async function loadEmbedded(dataDir: string, dump: Buffer): Promise<void> {
  const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([new Uint8Array(dump)]) });
  await pglite.close();
}

/** The result of the last of several statements (an empty batch is an empty result). */
function lastOf<R>(results: Results<R>[]): Results<R> {
  return results.at(-1) ?? { rows: [], fields: [] };
}
