// The real Temporal server (v1.29.1, built from the Go module proxy) on PostgreSQL: its two
// databases set up with the schema tool from the module's own schema files, a config for one
// process running all four services, then the namespace and udmeld's search attributes, each
// retried while the server settles (a new namespace refuses attributes for about a second).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msNumberToTs } from '@temporalio/common/lib/time';
import pg from 'pg';
import { ensureTemporalServer } from '../bootstrap.mjs';
import { freePort } from '../ports';
import { owned, portOpen, SERVER_DYNAMIC_CONFIG, registerSearchAttributes, type RunningServer } from '../temporal-servers';

export interface TemporalServerOptions {
  /** The PostgreSQL server, as superuser (`postgres://postgres@127.0.0.1:5432/postgres`). */
  postgresAdminUrl: string;
  /** Where its config and log go. */
  dir: string;
  /** Where the frontend listens: 127.0.0.1 on one machine, 0.0.0.0 in a container. */
  host?: string;
  /** The frontend's port; with `standardPorts`, every service on Temporal's usual ports (7233…). */
  port?: number;
  standardPorts?: boolean;
  namespace?: string;
  retentionDays?: number;
  /** The server's own log on this process's output (a container's) instead of `dir`/temporal.log. */
  logToOutput?: boolean;
}

/** Temporal's usual ports for each service (gRPC, membership), as its own docker images use them. */
const STANDARD_PORTS = {
  frontendHttp: 7243,
  frontendMembership: 6933,
  history: 7234,
  historyMembership: 6934,
  matching: 7235,
  matchingMembership: 6935,
  worker: 7239,
  workerMembership: 6939,
};

export const TEMPORAL_DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;

export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningServer & { namespace: string }> {
  const tools = ensureTemporalServer();
  const pgUrl = new URL(options.postgresAdminUrl);
  await setUpSchemas(tools, pgUrl);

  const port = options.port ?? (options.standardPorts ? 7233 : await freePort());
  const ports = options.standardPorts ? STANDARD_PORTS : await freePorts();
  const configDir = join(options.dir, 'config');
  mkdirSync(configDir, { recursive: true });
  const store = (database: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${pgUrl.hostname}:${pgUrl.port}`,
      connectProtocol: 'tcp',
      user: decodeURIComponent(pgUrl.username),
      password: decodeURIComponent(pgUrl.password),
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const host = options.host ?? '127.0.0.1';
  const bind = (outside: boolean) => (outside && host !== '127.0.0.1' ? { bindOnIP: host } : { bindOnLocalHost: true });
  const service = (grpcPort: number, membershipPort: number, httpPort?: number) => ({
    rpc: { grpcPort, membershipPort, ...bind(!!httpPort), ...(httpPort ? { httpPort } : {}) },
  });
  // JSON is YAML: the server reads it as its config file.
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: 4,
      datastores: {
        'postgres-default': store(TEMPORAL_DATABASES.default, 20),
        'postgres-visibility': store(TEMPORAL_DATABASES.visibility, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service(port, ports.frontendMembership, ports.frontendHttp),
      history: service(ports.history, ports.historyMembership),
      matching: service(ports.matching, ports.matchingMembership),
      worker: service(ports.worker, ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${port}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: join(configDir, 'dynamic.yaml'), pollInterval: '10s' },
  };
  writeFileSync(join(configDir, 'udmeld.yaml'), JSON.stringify(config, null, 2));
  writeFileSync(
    join(configDir, 'dynamic.yaml'),
    JSON.stringify({
      // A search attribute registered a moment ago is usable at once, not after the cache's minute.
      'system.forceSearchAttributesCacheRefreshOnRead': [{ value: true, constraints: {} }],
      'frontend.enableUpdateWorkflowExecution': [{ value: true, constraints: {} }],
      ...Object.fromEntries(Object.entries(SERVER_DYNAMIC_CONFIG).map(([key, value]) => [key, [{ value, constraints: {} }]])),
    }),
  );

  const log = options.logToOutput ? 'inherit' : openSync(join(options.dir, 'temporal.log'), 'a');
  const child = spawn(tools.server, ['--root', options.dir, '--config', 'config', '--env', 'udmeld', '--allow-no-auth', 'start'], {
    stdio: ['ignore', log, log],
  });
  const { exited, stop } = owned(child);
  const address = `127.0.0.1:${port}`;
  const namespace = options.namespace ?? 'default';
  await retry('the Temporal server', 120_000, exited, async () => {
    if (!(await portOpen(port))) throw new Error('frontend port not open yet');
    await ensureNamespace(address, namespace, options.retentionDays ?? 7);
  });
  await retry('the search attributes', 60_000, exited, () => registerSearchAttributes(address, namespace));
  return { address, namespace, process: child, stop };
}

async function freePorts(): Promise<typeof STANDARD_PORTS> {
  // Membership ports are kept in a smallint column: they must lie below 32768.
  const low = () => freePort({ below: 32768 });
  return {
    frontendHttp: await freePort(),
    frontendMembership: await low(),
    history: await freePort(),
    historyMembership: await low(),
    matching: await freePort(),
    matchingMembership: await low(),
    worker: await freePort(),
    workerMembership: await low(),
  };
}

/** Creates the two databases with their schemas on first use, and brings them up to this version. */
async function setUpSchemas(tools: { sql: string; schemas: string }, pgUrl: URL): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl.toString() });
  await admin.connect();
  let existing: string[];
  try {
    existing = (await admin.query<{ datname: string }>('select datname from pg_database')).rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
  for (const [kind, database] of Object.entries(TEMPORAL_DATABASES)) {
    const base = [
      '--plugin',
      'postgres12',
      '--ep',
      pgUrl.hostname,
      '-p',
      pgUrl.port,
      '-u',
      decodeURIComponent(pgUrl.username),
      ...(pgUrl.password ? ['--pw', decodeURIComponent(pgUrl.password)] : []),
      '--db',
      database,
    ];
    const sql = (...args: string[]) => {
      const result = spawnSync(tools.sql, [...base, ...args], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${result.stderr || result.stdout}`);
    };
    if (!existing.includes(database)) {
      sql('create-database');
      sql('setup-schema', '-v', '0.0');
    }
    sql('update-schema', '-d', join(tools.schemas, kind === 'default' ? 'temporal' : 'visibility', 'versioned'));
  }
}

async function ensureNamespace(address: string, namespace: string, retentionDays: number): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    const NOT_FOUND = 5;
    const found = await connection.workflowService.describeNamespace({ namespace }).then(
      () => true,
      (err: { code?: number }) => {
        if (err.code === NOT_FOUND) return false;
        throw err;
      },
    );
    if (!found) {
      await connection.workflowService
        .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msNumberToTs(retentionDays * 86_400_000) })
        .catch((err: { code?: number }) => {
          const ALREADY_EXISTS = 6;
          if (err.code !== ALREADY_EXISTS) throw err;
        });
      throw new Error('namespace registered; waiting until the frontend knows it');
    }
  } finally {
    await connection.close();
  }
}

async function retry(what: string, timeoutMs: number, exited: () => boolean, attempt: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error(`${what}: the Temporal server exited (see its log)`);
    try {
      await attempt();
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`${what} not ready within ${timeoutMs / 1000} s: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
