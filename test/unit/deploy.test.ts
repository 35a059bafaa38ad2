// docker-compose.yml and deploy/ describe what `npm run cluster` runs and test/cluster proves:
// these checks keep the two from drifting apart where no Docker engine is at hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../config';
import { haproxyConfig } from '../../scripts/cluster/load-balancer';

interface Service {
  build?: { target?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
}

const example = {
  POSTGRES_PASSWORD: 'pw',
  SIGNING_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  PAYLOAD_KEYS: `p1:${Buffer.alloc(32, 2).toString('base64')}`,
  BREAK_GLASS_CREDENTIAL: 'a-long-enough-break-glass-credential',
};

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?message}. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    if (env[name]) return env[name];
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

/** Parsed first and then interpolated, as compose does: an empty value stays a string. */
function interpolated(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolated(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolated(v, env)]));
  return value;
}

const compose = (env: Record<string, string> = example) =>
  interpolated(parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }), env) as { services: Record<string, Service> };

describe('docker-compose.yml', () => {
  it('runs the topology of npm run cluster: Temporal on PostgreSQL, two workers, two APIs behind haproxy', () => {
    const { services } = compose();
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgresql', 'temporal', 'worker-1', 'worker-2', 'api-1', 'api-2', 'load-balancer']),
    );
    expect(services.temporal!.build?.target).toBe('temporal');
    expect(services['worker-1']!.command).toEqual(['npx', 'tsx', 'worker/main.ts']);
    expect(services['api-2']!.command).toEqual(['npx', 'tsx', 'server/main.ts']);
  });

  it('refuses to start without the secrets, which it never holds itself', () => {
    expect(() => compose({})).toThrow(/POSTGRES_PASSWORD|SIGNING_KEYS|PAYLOAD_KEYS/);
  });

  it('gives every udmeld process a configuration it accepts, with the embedded test login off', () => {
    const { services } = compose();
    for (const name of ['worker-1', 'worker-2', 'api-1', 'api-2']) {
      const config = loadConfig(services[name]!.environment);
      expect(config.database.url, name).toMatch(/@postgresql:5432\/udmeld$/);
      expect(config.temporal.address, name).toBe('temporal:7233');
      expect(config.auth.oidc, name).toBeUndefined();
      expect(config.payloadKeys, name).toBeDefined();
    }
  });

  it("has haproxy's configuration from the function npm run cluster uses, pointing at both APIs", () => {
    const committed = readFileSync('deploy/haproxy.cfg', 'utf8').replace(/^#.*\n/gm, '');
    expect(committed).toBe(haproxyConfig({ bind: '*:3000', backends: ['api-1:3000', 'api-2:3000'], dns: '127.0.0.11:53' }));
  });

  it('builds the Temporal image from the same server version the cluster script installs', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const bootstrap = readFileSync('scripts/bootstrap.mjs', 'utf8');
    const version = /TEMPORAL_SERVER_VERSION = '(v[\d.]+)'/.exec(bootstrap)?.[1];
    expect(dockerfile).toContain(`ARG TEMPORAL_SERVER_VERSION=${version}`);
    expect(dockerfile).toContain('scripts/cluster/temporal-service.ts');
    // Every folder of code (tsconfig.json) that runs, not what only tests and benchmarks use.
    const folders = (JSON.parse(readFileSync('tsconfig.json', 'utf8')) as { include: string[] }).include;
    for (const folder of folders.filter((f) => !['bench', 'fixtures', 'test'].includes(f) && !f.includes('.')))
      expect(dockerfile, folder).toContain(`COPY ${folder} ./${folder}`);
  });
});
