// A PostgreSQL server of its own (Debian's postgresql package): a cluster in a folder, on a port,
// for the tests, the benchmarks and the local production-like cluster. As root it runs as the
// `postgres` user (initdb refuses root).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensurePostgres } from './bootstrap.mjs';
import { owned, portOpen } from './temporal-servers';

export interface PostgresServer {
  /** Connection string of the `postgres` database, as the superuser. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** The folder of its Unix socket: a client on this machine connects through it, not through TCP. */
  socketDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  port: number;
  /** Kept between runs when given; a throwaway folder otherwise. */
  dataDir?: string;
  /** Trades durability for speed (tests and benchmarks, never data you keep). */
  fast?: boolean;
  log?: 'ignore' | number;
}

/** The newest PostgreSQL server's programs (initdb, postgres, pg_dump, pg_restore), installed when missing. */
export function postgresBinaries(): string {
  ensurePostgres();
  const versions = readdirSync('/usr/lib/postgresql').filter((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', newest, 'bin');
}

const asRoot = process.getuid?.() === 0;
const owner = () => {
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
};
/** As root, the server's programs run as the postgres user (the process itself, so a kill reaches it). */
const runAs = () => (asRoot ? owner() : {});

export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const bin = postgresBinaries();
  const scratch = mkdtempSync(join(tmpdir(), 'udmeld-pg-'));
  const dataDir = options.dataDir ?? join(scratch, 'data');
  const socketDir = join(scratch, 'socket');
  mkdirSync(socketDir);
  if (asRoot) {
    const { uid, gid } = owner();
    chownSync(scratch, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (asRoot) {
      const { uid, gid } = owner();
      chownSync(dataDir, uid, gid);
    }
    const init = spawnSync(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'],
      { encoding: 'utf8', ...runAs() },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  }
  const settings = ['-p', String(options.port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (options.fast) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(join(bin, 'postgres'), ['-D', dataDir, ...settings], {
    stdio: ['ignore', options.log ?? 'ignore', options.log ?? 'ignore'],
    ...runAs(),
  });
  const { exited, stop } = owned(child, 'SIGINT'); // SIGINT: PostgreSQL's fast shutdown
  const adminUrl = `postgres://postgres@127.0.0.1:${options.port}/postgres`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited()) throw new Error(`PostgreSQL on port ${options.port} exited during start`);
    if (await portOpen(options.port)) {
      const client = new pg.Client({ connectionString: adminUrl });
      const ready = await client.connect().then(
        () => client.end().then(() => true),
        () => false,
      );
      if (ready) break;
    }
    if (Date.now() > deadline) throw new Error(`PostgreSQL on port ${options.port} did not start within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    adminUrl,
    port: options.port,
    dataDir,
    socketDir,
    process: child,
    stop,
  };
}

/** `url` through the server's Unix socket: a client on the same machine spends less CPU on each query than over TCP (`npm run bench -- socket`). */
export function throughSocket(server: PostgresServer, url: string): string {
  const viaSocket = new URL(url);
  viaSocket.searchParams.set('host', server.socketDir);
  return viaSocket.toString();
}

/** A new, empty database on the server of `adminUrl`; its connection string. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
