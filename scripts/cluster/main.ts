// `npm run cluster`: the production topology on this machine, kept under DATA_DIR/cluster: PostgreSQL,
// the Temporal server on it, two workers, two APIs and haproxy in front on PORT (3000). Keys are made
// once and kept beside the data; without OIDC_ISSUER, sign-in is the break-glass credential printed
// below (the embedded provider serves one process only). Ctrl-C stops everything; started again,
// every open CU continues.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { generateSigningKeys } from '../../crypto/tokens';
import { generatePayloadKey } from '../../crypto/payload-encryption';
import { stopOnSignals } from '../process';
import { startCluster } from './index';

const dir = join(process.env.DATA_DIR ?? 'data', 'cluster');
mkdirSync(dir, { recursive: true });
const secretsFile = join(dir, 'secrets.json');
const made = {
  SIGNING_KEYS: generateSigningKeys('cluster'),
  PAYLOAD_KEYS: generatePayloadKey('cluster'),
  BREAK_GLASS_CREDENTIAL: randomBytes(24).toString('base64url'),
};
const secrets = { ...made, ...(existsSync(secretsFile) ? (JSON.parse(readFileSync(secretsFile, 'utf8')) as Partial<typeof made>) : {}) };
writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });

const passed = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k, v]) =>
      v !== undefined &&
      /^(OIDC_|LINK_|SESSION_|MAIL_FROM|SMALL_NUMBER|SECRETARIAT_EMAIL|FORUM_EMAIL|REGION_EMAIL|NATIONAL_BOARD_EMAIL|PUBLIC_URL)/.test(k),
  ),
) as Record<string, string>;
const withProvider = !!process.env.OIDC_ISSUER;
console.log(`Starter klyngen i ${dir} …`);
const cluster = await startCluster({
  dir,
  port: Number(process.env.PORT ?? 3000),
  ...(process.env.CLUSTER_POSTGRES_PORT ? { postgresPort: Number(process.env.CLUSTER_POSTGRES_PORT) } : { postgresPort: 5433 }),
  ...(process.env.SMTP_URL ? { smtpUrl: process.env.SMTP_URL } : {}),
  env: {
    SIGNING_KEYS: process.env.SIGNING_KEYS ?? secrets.SIGNING_KEYS,
    PAYLOAD_KEYS: process.env.PAYLOAD_KEYS ?? secrets.PAYLOAD_KEYS,
    ...(withProvider ? {} : { BREAK_GLASS_CREDENTIAL: process.env.BREAK_GLASS_CREDENTIAL ?? secrets.BREAK_GLASS_CREDENTIAL }),
    ...passed,
  },
});

console.log(`
udmeld kører som klynge.
  Adresse (haproxy):     ${cluster.url}  → ${cluster.apis.map((a) => `127.0.0.1:${a.port}`).join(', ')}
  Workers:               ${cluster.workers.length}
  Temporal:              ${cluster.temporalAddress} (PostgreSQL-databaserne temporal og temporal_visibility)
  Databasen:             ${cluster.databaseUrl}
  E-mails:               ${process.env.SMTP_URL ? `via ${process.env.SMTP_URL.replace(/\/\/[^@]*@/, '//')}` : `i udbakken (GET /api/outbox) og ${join(dir, 'worker-*/outbox')}/`}
  Log ind:               ${withProvider ? `${cluster.url}/login via ${process.env.OIDC_ISSUER}` : `${cluster.url}/login med nødadgang; koden står i ${secretsFile}`}
Stop med Ctrl-C.`);

stopOnSignals(async () => {
  console.log('\nStopper klyngen …');
  await cluster.stop();
  console.log('Stoppet.');
});
