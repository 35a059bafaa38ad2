// Starts the Temporal servers this project runs on: the CLI's dev server (persisting to a file when
// asked) and the Java time-skipping test server. Each waits until its port answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { msNumberToTs } from '@temporalio/common/lib/time';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';
import { startUiGateway } from '../server/ui-gateway';
import { ensureTemporalCli, ensureTestServer } from './bootstrap.mjs';
import { freePort } from './ports';

export interface RunningServer {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

/**
 * Dynamic configuration every Temporal server here runs with (the dev server and the cluster's).
 * Eager activities: a workflow task that schedules an activity gets it back in its completion's
 * answer, when the worker has a free slot, instead of through a poll of the task queue — a launch
 * of 20 rounds to the last invitation takes a fifth less (docs/benchmarks.md).
 */
export const SERVER_DYNAMIC_CONFIG: Record<string, boolean> = { 'system.enableActivityEagerExecution': true };

export async function startDevServer(opts: {
  port: number;
  /** The Web UI on this port, decoding through udmeld's codec at `udmeld` (server/ui-gateway.ts). */
  ui?: { port: number; udmeld: string };
  dbFile?: string;
  log?: 'inherit' | 'ignore' | number;
}): Promise<RunningServer & { uiUrl?: string }> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'error'];
  // The UI itself listens on a port of its own; people open the gateway's, which shares its origin with the codec.
  const uiPort = opts.ui ? await freePort() : undefined;
  if (opts.ui && uiPort) args.push('--ui-port', String(uiPort), '--ui-codec-endpoint', `http://localhost:${opts.ui.port}/codec`);
  else args.push('--headless');
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  // Write-ahead log, synced at checkpoints rather than at every commit: a launch of 20 rounds runs
  // twice as fast as with SQLite's default (docs/benchmarks.md). A crash of the process loses nothing;
  // a power cut may lose the last commits, never the file's consistency.
  if (opts.dbFile) for (const pragma of DEV_SERVER_SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  for (const [key, value] of Object.entries(SERVER_DYNAMIC_CONFIG)) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  for (const key of SEARCH_ATTRIBUTE_KEYS) args.push('--search-attribute', `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`);
  const child = spawn(ensureTemporalCli(), args, { stdio: ['ignore', opts.log ?? 'ignore', opts.log ?? 'ignore'] });
  const server = await started(child, opts.port, 120_000);
  if (!opts.ui || !uiPort) return server;
  const gateway = await startUiGateway({ host: '127.0.0.1', port: opts.ui.port, ui: `http://127.0.0.1:${uiPort}`, udmeld: opts.ui.udmeld });
  return {
    ...server,
    uiUrl: gateway.url,
    async stop() {
      await gateway.close();
      await server.stop();
    },
  };
}

export async function startTimeSkippingServer(port: number): Promise<RunningServer> {
  const lib = ensureTestServer();
  const child = spawn('java', ['-cp', join(lib, '*'), 'io.temporal.testserver.TestServer', String(port)], { stdio: 'ignore' });
  const server = await started(child, port, 120_000);
  await registerSearchAttributes(server.address);
  return server;
}

/**
 * Adds the custom search attributes a server does not have yet: the test server has no start flags
 * for them, and a docker-compose Temporal is set up by `npm run register-search-attributes`.
 */
export async function registerSearchAttributes(address: string, namespace = 'default'): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const UNIMPLEMENTED = 12; // the time-skipping test server cannot list, only add
    const existing = await connection.operatorService.listSearchAttributes({ namespace }).catch((err: { code?: number }) => {
      if (err.code === UNIMPLEMENTED) return { customAttributes: {} };
      throw err;
    });
    const missing = SEARCH_ATTRIBUTE_KEYS.filter((key) => !(key.name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return [];
    const searchAttributes = Object.fromEntries(
      missing.map((key) => [
        key.name,
        proto.temporal.api.enums.v1.IndexedValueType[
          `INDEXED_VALUE_TYPE_${TypedSearchAttributes.toMetadataType(key.type).toUpperCase()}` as 'INDEXED_VALUE_TYPE_KEYWORD'
        ],
      ]),
    );
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
    return missing.map((key) => key.name);
  } finally {
    await connection.close();
  }
}

/** Sets how long the namespace keeps closed workflows (the record keeps everything longer). */
export async function setRetention(address: string, namespace: string, days: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msNumberToTs(days * 86_400_000) },
    });
  } finally {
    await connection.close();
  }
}

/** A server process this one owns: killed if this process exits first, stopped gently otherwise. */
export function owned(child: ChildProcess, stopSignal: NodeJS.Signals = 'SIGTERM'): { exited: () => boolean; stop: () => Promise<void> } {
  let exited = false;
  child.once('exit', () => (exited = true));
  const killOnExit = () => child.kill('SIGKILL'); // never leave a server behind
  process.once('exit', killOnExit);
  return {
    exited: () => exited,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill(stopSignal);
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

async function started(child: ChildProcess, port: number, timeoutMs: number): Promise<RunningServer> {
  const deadline = Date.now() + timeoutMs;
  const { exited, stop } = owned(child);
  while (!(await portOpen(port))) {
    if (exited()) throw new Error(`Temporal server on port ${port} exited during start`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Temporal server on port ${port} did not start within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { address: `127.0.0.1:${port}`, process: child, stop };
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
