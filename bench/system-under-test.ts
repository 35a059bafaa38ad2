// The system under test for the API and page benchmarks: a dev server and a real PostgreSQL, and
// worker + API in a process of their own (bench/system.ts), signed in as the secretariat.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connect';
import { generateSigningKeys } from '../crypto/tokens';
import { freePort } from '../scripts/ports';
import { createDatabase, startPostgres, throughSocket } from '../scripts/postgres-server';
import { startProcess } from '../scripts/process';
import { startDevServer } from '../scripts/temporal-servers';

const CREDENTIAL = 'bench-credential-0123456789-abcdef';

export async function startSystemUnderTest(databaseName: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const [devServer, postgres] = await Promise.all([startDevServer({ port: await freePort() }), startPostgres({ port: await freePort() })]);
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: devServer.address,
    TEMPORAL_TASK_QUEUE: 'bench',
    DATABASE_URL: throughSocket(postgres, await createDatabase(postgres.adminUrl, databaseName)),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'udmeld-bench-')),
    SIGNING_KEYS: generateSigningKeys('bench'),
    BREAK_GLASS_CREDENTIAL: CREDENTIAL,
    TEMPORAL_CALL_TIMEOUT_MS: '60000',
  };
  const started = await startProcess('bench/system.ts', { ...env, ...extraEnv }, '{"ready"');
  const ports = JSON.parse(started.line) as { api: number; bare: number };
  const url = `http://127.0.0.1:${ports.api}`;
  const call = async <T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = await res.json();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  };
  const database = await openDatabase({ url: env.DATABASE_URL });
  const login = await fetch(`${url}/api/auth/break-glass`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credential: CREDENTIAL }),
  });
  const secretariat = ((await login.json()) as { token: string }).token;
  /** The system's CPU profile of what `fn` makes it do, as `name` (with BENCH_CPU_PROFILE_DIR; else just `fn`). */
  const profiled = async <T>(name: string | undefined, fn: () => Promise<T>): Promise<T> => {
    if (!name || !process.env.BENCH_CPU_PROFILE_DIR) return fn();
    started.child.stdin?.write('profile start\n');
    const result = await fn();
    started.child.stdin?.write(`profile stop ${name}\n`);
    for (let line = await started.lines.next(); !line.done && !line.value.startsWith('{"profiled"'); line = await started.lines.next());
    return result;
  };
  return {
    devServer,
    postgres,
    started,
    ports,
    url,
    call,
    database,
    secretariat,
    profiled,
    async stop() {
      await database.close();
      started.child.kill('SIGTERM');
      await Promise.all([devServer.stop(), postgres.stop()]);
    },
  };
}
