// The configuration of every process, parsed once at start from the environment.
// Defaults run everything on one machine; README.md lists every variable.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { parseSigningKeys, type LinkRole, type SigningKeys } from '../crypto/tokens';
import { EncryptionCodec, parsePayloadKeys } from '../crypto/payload-encryption';
import { parseBackupKeys } from '../crypto/backup-archive';
import { embeddedDataDir, type DatabaseOptions } from '../db/connect';
import { z } from '../domain/zod';

const flag = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');
const email = z.email();

const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().optional(),
  /** The dev server `npm start` runs when TEMPORAL_ADDRESS is not set: its port, and its Web UI's. */
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_DEV_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('udmeld'),
  TEMPORAL_TLS: flag.default(false),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  SMTP_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('udmeld <udmeld@udmeld.local>'),
  DATA_DIR: z.string().default('data'),
  /** Where backups go, and the journal of sent e-mail that a restore reads: keep it on other storage than DATA_DIR. */
  BACKUP_DIR: z.string().default('backups'),
  BACKUP_KEYS: z.string().min(1).optional(),
  /** Where `npm run backup` keeps the backup key it makes when BACKUP_KEYS is not set (never inside DATA_DIR or BACKUP_DIR). */
  BACKUP_KEYS_FILE: z.string().min(1).optional(),
  /** The Temporal server's databases for `npm run backup` (name=postgres://…, comma-separated), when it runs on PostgreSQL. */
  BACKUP_TEMPORAL_DATABASES: z
    .string()
    .regex(
      /^([a-z_][a-z0-9_]*=postgres(ql)?:\/\/[^,]+)(,[a-z_][a-z0-9_]*=postgres(ql)?:\/\/[^,]+)*$/,
      'name=postgres://… pairs, comma-separated',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  SECRETARIAT_EMAIL: email.default('sekretariat@udmeld.local'),
  FORUM_EMAIL: email.default('socialdirektorforum@udmeld.local'),
  REGION_EMAIL: email.default('regionsraadet@udmeld.local'),
  NATIONAL_BOARD_EMAIL: email.default('centraleudmeldinger@udmeld.local'),
  SIGNING_KEYS: z.string().min(1).optional(),
  PAYLOAD_KEYS: z.string().min(1).optional(),
  CODEC_CORS_ORIGINS: z.string().default('http://localhost:8233,http://localhost:8080'),
  OIDC_ISSUER: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OIDC_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OIDC_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OIDC_SCOPES: z.string().default('openid profile email'),
  OIDC_PROVIDER_NAME: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  OIDC_SECRETARIAT_VALUES: z.string().default('udmeld-sekretariat'),
  OIDC_DIRECTOR_VALUES: z.string().default('udmeld-direktoer'),
  OIDC_ORGANISATION_CLAIM: z
    .string()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OIDC_ORGANISATIONS: z.string().default(''),
  OIDC_PROMPT: z
    .enum(['login', 'select_account', 'consent', 'none'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOCAL_IDP: z.enum(['auto', 'true', 'false']).default('auto'),
  LINK_SIGN_IN_ROLES: z
    .string()
    .regex(
      /^((municipality|director|region)(,(municipality|director|region))*)?$/,
      'a comma-separated list of municipality, director and region',
    )
    .default(''),
  BREAK_GLASS_CREDENTIAL: z
    .string()
    .min(24, 'at least 24 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  DIRECTOR_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Failed authentications per window before 429: from one address, and at one credential. */
  AUTH_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  AUTH_FAILURES_PER_CREDENTIAL: z.coerce.number().int().min(1).max(10_000).default(10),
  AUTH_FAILURE_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** How long personal data is kept (README: "Personal data"): ended sessions, kept message copies and the
   * mail ledger's addresses in days; a closed CU's people and its free-text answers in years after it closed. */
  RETENTION_SESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_MAIL_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_PEOPLE_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  RETENTION_ANSWER_TEXT_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  /** Hours between the scheduled checks that Temporal and the record agree. */
  CHECK_EVERY_HOURS: z.coerce.number().int().min(1).max(168).default(6),
  /** Internal addresses webhooks may call anyway: IP addresses or CIDR ranges, comma-separated. */
  WEBHOOK_ALLOW_ADDRESSES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]))),
  /** A webhook whose endpoint fails this long is paused (at most 3 days, the longest a delivery is retried). */
  WEBHOOK_PAUSE_AFTER_MINUTES: z.coerce.number().int().min(1).max(4320).default(4320),
  /** The longest wait between two attempts of a failing delivery. */
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(600),
  /** After a secret is rotated, deliveries are signed with the old one too for this long. */
  WEBHOOK_SECRET_OVERLAP_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  // 0 (no cache) is refused: this SDK's core loses local activities' results with it (sdk-rust#1482).
  WORKER_MAX_CACHED_WORKFLOWS: z.union([z.literal('auto'), z.coerce.number().int().min(2).max(100_000)]).default('auto'),
  WORKER_STICKY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  SMALL_NUMBER_THRESHOLD: z.coerce.number().int().min(1).max(20).default(4),
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Invalid configuration:\n  ${problems}`);
  }
  const e = result.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `localhost:${e.TEMPORAL_DEV_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      tls: e.TEMPORAL_TLS || !!e.TEMPORAL_API_KEY || !!e.TEMPORAL_TLS_CERT_PATH,
      tlsCertPath: e.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: e.TEMPORAL_TLS_KEY_PATH,
      tlsCaPath: e.TEMPORAL_TLS_CA_PATH,
      tlsServerName: e.TEMPORAL_TLS_SERVER_NAME,
      apiKey: e.TEMPORAL_API_KEY,
    },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    retentionDays: e.TEMPORAL_RETENTION_DAYS,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      dataDir: e.DATA_DIR,
      threshold: e.SMALL_NUMBER_THRESHOLD,
      journalFile: mailJournalFile(e.BACKUP_DIR),
    },
    backup: {
      dir: e.BACKUP_DIR,
      keys: e.BACKUP_KEYS ? parseBackupKeys(e.BACKUP_KEYS) : undefined,
      keysFile: e.BACKUP_KEYS_FILE ?? join(homedir(), '.config', 'udmeld', 'backup-keys'),
      temporalDatabases: e.BACKUP_TEMPORAL_DATABASES
        ? Object.fromEntries(
            e.BACKUP_TEMPORAL_DATABASES.split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
          )
        : undefined,
    },
    smallNumberThreshold: e.SMALL_NUMBER_THRESHOLD,
    worker: {
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS === 'auto' ? autoCacheSize() : e.WORKER_MAX_CACHED_WORKFLOWS,
      stickyTimeoutMs: e.WORKER_STICKY_TIMEOUT_MS,
      bundlePath: e.WORKFLOW_BUNDLE_PATH,
    },
    dataDir: e.DATA_DIR,
    devServer: { port: e.TEMPORAL_DEV_PORT, uiPort: e.TEMPORAL_DEV_UI_PORT },
    http: { host: e.HOST, port: e.PORT, publicUrl },
    auth: {
      signingKeys: e.SIGNING_KEYS ? parseSigningKeys(e.SIGNING_KEYS) : undefined,
      oidc: oidcOf(e, publicUrl),
      linkSignInRoles: list(e.LINK_SIGN_IN_ROLES) as LinkRole[],
      breakGlassCredential: e.BREAK_GLASS_CREDENTIAL,
      links: { municipalityDays: e.LINK_TTL_DAYS, directorDays: e.DIRECTOR_LINK_TTL_DAYS },
      sessionTtlSeconds: e.SESSION_TTL_HOURS * 3600,
      guessing: {
        perAddress: e.AUTH_FAILURES_PER_ADDRESS,
        perCredential: e.AUTH_FAILURES_PER_CREDENTIAL,
        windowSeconds: e.AUTH_FAILURE_WINDOW_MINUTES * 60,
      },
    },
    temporalCallTimeoutMs: e.TEMPORAL_CALL_TIMEOUT_MS,
    retention: {
      sessionDays: e.RETENTION_SESSION_DAYS,
      mailDays: e.RETENTION_MAIL_DAYS,
      peopleYears: e.RETENTION_PEOPLE_YEARS,
      answerTextYears: e.RETENTION_ANSWER_TEXT_YEARS,
    },
    checkEveryHours: e.CHECK_EVERY_HOURS,
    webhooks: {
      allowAddresses: e.WEBHOOK_ALLOW_ADDRESSES,
      policy: { pauseAfterMinutes: e.WEBHOOK_PAUSE_AFTER_MINUTES, maxIntervalSeconds: e.WEBHOOK_RETRY_MAX_SECONDS },
      secretOverlapHours: e.WEBHOOK_SECRET_OVERLAP_HOURS,
    },
    payloadKeys: e.PAYLOAD_KEYS ? parsePayloadKeys(e.PAYLOAD_KEYS) : undefined,
    codecCorsOrigins: e.CODEC_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    addresses: {
      secretariat: e.SECRETARIAT_EMAIL,
      forum: e.FORUM_EMAIL,
      region: e.REGION_EMAIL,
      nationalBoard: e.NATIONAL_BOARD_EMAIL,
    },
  };
}

type Env = z.output<typeof envSchema>;

/** A cached municipality workflow holds about 87 KB of JS heap (docs/benchmarks.md); 90 KB with room. */
export const HEAP_PER_CACHED_WORKFLOW = 90 * 1024;

/**
 * The worker's cache from the memory it has: a quarter of the JS heap's limit, at least 100 and at
 * most 5,000 workflows. A region has a few hundred respondent workflows open at once, so they all stay
 * cached and no action waits for a replay; a larger installation sets WORKER_MAX_CACHED_WORKFLOWS.
 */
export function autoCacheSize(heapLimit = getHeapStatistics().heap_size_limit): number {
  return Math.min(5_000, Math.max(100, Math.floor(heapLimit / 4 / HEAP_PER_CACHED_WORKFLOW)));
}

/** Every e-mail sent, one line each (keys and ids, no addresses), kept beside the backups: a restore reads it. */
export const mailJournalFile = (backupDir: string) => join(backupDir, 'mail-journal.ndjson');
const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** The identity provider: the configured one, the embedded one on a local machine, or none. */
function oidcOf(e: Env, publicUrl: string) {
  const mapping = {
    roleClaim: e.OIDC_ROLE_CLAIM,
    secretariat: list(e.OIDC_SECRETARIAT_VALUES),
    director: list(e.OIDC_DIRECTOR_VALUES),
    ...(e.OIDC_ORGANISATION_CLAIM ? { organisationClaim: e.OIDC_ORGANISATION_CLAIM, organisations: list(e.OIDC_ORGANISATIONS) } : {}),
  };
  if (e.OIDC_ISSUER) {
    if (!e.OIDC_CLIENT_ID) throw new Error('Invalid configuration:\n  OIDC_CLIENT_ID: required with OIDC_ISSUER');
    return {
      kind: 'configured' as const,
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      scopes: e.OIDC_SCOPES,
      providerName: e.OIDC_PROVIDER_NAME ?? 'din organisations login',
      prompt: e.OIDC_PROMPT,
      mapping,
    };
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(publicUrl).hostname);
  if (e.LOCAL_IDP === 'true' || (e.LOCAL_IDP === 'auto' && local)) {
    return {
      kind: 'local' as const,
      scopes: 'openid profile email',
      providerName: 'udmelds lokale testlogin',
      prompt: 'login' as const,
      mapping,
    };
  }
  return undefined;
}

/** Connection options for a local, TLS or API-key (hosted) Temporal, shared by worker and client. */
export function temporalConnectionOptions(t: Config['temporal']): Pick<NativeConnectionOptions, 'address' | 'tls' | 'apiKey'> {
  const read = (path?: string) => (path ? readFileSync(path) : undefined);
  const cert = read(t.tlsCertPath);
  const key = read(t.tlsKeyPath);
  return {
    address: t.address,
    ...(t.apiKey ? { apiKey: t.apiKey } : {}),
    tls: t.tls
      ? {
          ...(t.tlsServerName ? { serverNameOverride: t.tlsServerName } : {}),
          ...(t.tlsCaPath ? { serverRootCACertificate: read(t.tlsCaPath) } : {}),
          ...(cert && key ? { clientCertPair: { crt: cert, key } } : {}),
        }
      : false,
  };
}

/** The record: DATABASE_URL, or the embedded PostgreSQL kept under DATA_DIR. */
export function databaseOptions(config: Config): DatabaseOptions {
  return config.database.url
    ? { url: config.database.url, poolSize: config.database.poolSize }
    : { dataDir: embeddedDataDir(config.dataDir) };
}

/** The worker and the API sign and check access links; both refuse to start without keys. */
export function signingKeysOf(config: Config): SigningKeys {
  if (!config.auth.signingKeys) throw new Error('SIGNING_KEYS is not set (npm start makes a local key in data/local-secrets.json)');
  return config.auth.signingKeys;
}

/** The payload codec, when PAYLOAD_KEYS is set; worker and clients must use the same one. */
export function payloadCodecOf(config: Config): EncryptionCodec | undefined {
  return config.payloadKeys ? new EncryptionCodec(config.payloadKeys) : undefined;
}

export function dataConverterOf(config: Config): { payloadCodecs: EncryptionCodec[] } | undefined {
  const codec = payloadCodecOf(config);
  return codec ? { payloadCodecs: [codec] } : undefined;
}
