// udmeld as a region's IT department runs it, on one machine without Docker: PostgreSQL (Debian's
// package) holding Temporal's two databases and udmeld's record, the real Temporal server on it,
// two worker processes, two API processes and haproxy in front. Used by `npm run cluster` and by
// the tests that kill parts of it.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeys } from '../../crypto/tokens';
import { generatePayloadKey } from '../../crypto/payload-encryption';
import { createDatabase, startPostgres, type PostgresServer } from '../postgres-server';
import { freePort } from '../ports';
import { startProcess, type StartedProcess } from '../process';
import type { RunningServer } from '../temporal-servers';
import { startLoadBalancer } from './load-balancer';
import { startTemporalServer } from './temporal-server';

export interface ClusterOptions {
  /** Everything the cluster keeps: PostgreSQL's data, the Temporal server's config and logs. */
  dir: string;
  /** The load balancer's port (the address people use); any free port when left out. */
  port?: number;
  postgresPort?: number;
  smtpUrl?: string;
  workers?: number;
  apis?: number;
  /** Environment for every udmeld process (keys, identity provider, …); generated keys otherwise. */
  env?: Record<string, string>;
  /** A prebuilt workflow bundle, so workers start in seconds. */
  workflowBundlePath?: string;
  /** PostgreSQL without fsync: for tests, never for data to keep. */
  fast?: boolean;
  /** Runs once PostgreSQL is up and before the Temporal server starts on it (a restore into fresh databases). */
  beforeTemporal?: (postgresAdminUrl: string) => Promise<void>;
}

export interface UdmeldProcess {
  readonly name: string;
  readonly port?: number;
  running(): boolean;
  kill(): Promise<void>;
  start(): Promise<void>;
}

export interface Cluster {
  /** The load balancer: where people and integrations reach udmeld. */
  url: string;
  temporalAddress: string;
  namespace: string;
  databaseUrl: string;
  postgresAdminUrl: string;
  env: Record<string, string>;
  workers: UdmeldProcess[];
  apis: UdmeldProcess[];
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  mkdirSync(options.dir, { recursive: true });
  chmodSync(options.dir, 0o755); // PostgreSQL runs as its own user and must reach its data folder inside
  const postgresPort = options.postgresPort ?? (await freePort());
  const pgOptions = { port: postgresPort, dataDir: join(options.dir, 'postgresql'), fast: options.fast ?? false };
  let postgres: PostgresServer = await startPostgres(pgOptions);
  await options.beforeTemporal?.(postgres.adminUrl);
  const temporal = await startTemporalServer({ postgresAdminUrl: postgres.adminUrl, dir: join(options.dir, 'temporal') });
  const databaseUrl = await createDatabase(postgres.adminUrl, 'udmeld').catch(async (err: Error) => {
    if (!/already exists/.test(err.message)) throw err;
    return postgres.adminUrl.replace(/\/postgres$/, '/udmeld');
  });

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    SIGNING_KEYS: generateSigningKeys('cluster'),
    PAYLOAD_KEYS: generatePayloadKey('cluster'),
    BACKUP_DIR: join(options.dir, 'backups'),
    ...options.env,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: options.env?.PUBLIC_URL ?? url,
    // Each API instance would hold its own embedded provider's state: a cluster signs in through a real one.
    LOCAL_IDP: 'false',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...(options.workflowBundlePath ? { WORKFLOW_BUNDLE_PATH: options.workflowBundlePath } : {}),
  };
  const processEnv = (name: string, extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...env,
    DATA_DIR: join(options.dir, name),
    ...extra,
  });

  const udmeldProcess = (
    name: string,
    entry: string,
    readyLine: string,
    extra: Record<string, string> = {},
    ownPort?: number,
  ): UdmeldProcess => {
    let current: StartedProcess | undefined;
    return {
      name,
      ...(ownPort ? { port: ownPort } : {}),
      running: () => !!current && current.child.exitCode === null && current.child.signalCode === null,
      async kill() {
        await current?.kill();
        current = undefined;
      },
      async start() {
        current = await startProcess(entry, processEnv(name, extra), readyLine, { timeoutMs: 180_000 });
        void drain(current);
        process.once('exit', () => current?.child.kill('SIGKILL'));
      },
    };
  };

  const workers = Array.from({ length: options.workers ?? 2 }, (_, i) =>
    udmeldProcess(`worker-${i + 1}`, 'worker/main.ts', 'udmeld worker ready'),
  );
  const apiPorts = await Promise.all(Array.from({ length: options.apis ?? 2 }, () => freePort()));
  const apis = apiPorts.map((apiPort, i) =>
    udmeldProcess(`api-${i + 1}`, 'server/main.ts', 'udmeld API:', { HOST: '127.0.0.1', PORT: String(apiPort) }, apiPort),
  );
  // The workers first: the record's migrations run once, under an advisory lock, in whichever comes first.
  for (const worker of workers) await worker.start();
  await Promise.all(apis.map((api) => api.start()));
  const balancer: RunningServer = await startLoadBalancer({ port, backends: apiPorts, dir: options.dir });

  return {
    url,
    temporalAddress: temporal.address,
    namespace: temporal.namespace,
    databaseUrl,
    postgresAdminUrl: postgres.adminUrl,
    env,
    workers,
    apis,
    stopPostgres: () => postgres.stop(),
    async startPostgres() {
      postgres = await startPostgres(pgOptions);
    },
    async stop() {
      await balancer.stop();
      await Promise.all([...apis, ...workers].map((p) => p.kill()));
      await temporal.stop();
      await postgres.stop();
    },
  };
}

/** Reads what a process prints after its ready line, so its output pipe never fills up. */
async function drain(started: StartedProcess): Promise<void> {
  try {
    for (;;) if ((await started.lines.next()).done) return;
  } catch {
    // the process is gone
  }
}
