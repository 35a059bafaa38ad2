// Debian's haproxy in front of the API instances: round robin, each instance health-checked every
// second (down after two failures), and a request whose connection an instance refuses goes to
// another. A request an instance took and then died on is answered 502; clients retry those with
// the same Idempotency-Key.
import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureHaproxy } from '../bootstrap.mjs';
import { owned, portOpen, type RunningServer } from '../temporal-servers';

/**
 * haproxy's configuration: `bind` is host:port, each backend host:port of one API instance. With
 * `dns` (a container network's resolver), backends are names looked up again while haproxy runs, so
 * a restarted instance with a new address is found and a missing one does not stop haproxy starting.
 */
export function haproxyConfig(options: { bind: string; backends: string[]; dns?: string }): string {
  return [
    'global',
    '  maxconn 4000',
    ...(options.dns ? ['resolvers network', `  nameserver dns ${options.dns}`, '  hold valid 5s'] : []),
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  retries 3',
    '  option redispatch',
    '  retry-on conn-failure',
    'frontend udmeld',
    `  bind ${options.bind}`,
    '  default_backend api',
    'backend api',
    '  balance roundrobin',
    '  option httpchk GET /health',
    '  http-check expect status 200',
    `  default-server inter 1s fall 2 rise 1${options.dns ? ' resolvers network init-addr last,libc,none' : ''}`,
    ...options.backends.map((backend, i) => `  server api${i + 1} ${backend} check`),
    '',
  ].join('\n');
}

export async function startLoadBalancer(options: { port: number; backends: number[]; dir: string }): Promise<RunningServer> {
  const config = join(options.dir, 'haproxy.cfg');
  writeFileSync(
    config,
    haproxyConfig({ bind: `127.0.0.1:${options.port}`, backends: options.backends.map((port) => `127.0.0.1:${port}`) }),
  );
  const log = openSync(join(options.dir, 'haproxy.log'), 'a');
  const child = spawn(ensureHaproxy(), ['-db', '-f', config], { stdio: ['ignore', log, log] });
  const { exited, stop } = owned(child, 'SIGUSR1'); // SIGUSR1: haproxy's soft stop
  const deadline = Date.now() + 20_000;
  while (!(await portOpen(options.port))) {
    if (exited()) throw new Error(`haproxy exited during start (see ${join(options.dir, 'haproxy.log')})`);
    if (Date.now() > deadline) throw new Error('haproxy did not start within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { address: `127.0.0.1:${options.port}`, process: child, stop };
}
