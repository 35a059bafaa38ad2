// Takes a backup: Temporal's persistence first, then the record, so the record is never older than
// the process (a workflow that runs again from the backup finds its writes and its sent e-mail there,
// and writes and sends nothing twice). One file, sealed (crypto/backup-archive.ts).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backup as sqliteBackup, DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { writeArchive, type BackupKeys, type BackupManifest, type BackupPart } from '../../crypto/backup-archive';
import type { Db } from '../../db/schema';
import { migrationLevel } from '../../db/queries/restore';
import { postgresBinaries } from '../postgres-server';
import { softwareVersion } from './software';

const run = promisify(execFile);

export type RecordSource = { kind: 'embedded'; dump: () => Promise<Buffer> } | { kind: 'postgres'; url: string };
export type TemporalSource =
  | { kind: 'sqlite'; file: string }
  /** The Temporal server's databases by name (temporal, temporal_visibility). */
  | { kind: 'postgres'; urls: Record<string, string> }
  | { kind: 'none' };

export interface BackupSources {
  record: RecordSource;
  /** The open record, for its migration level. */
  db: Db;
  temporal: TemporalSource;
  /** A local run's keys (data/local-secrets.json): the restored Temporal payloads open only with them. */
  localSecrets?: string;
}

export const RECORD_PART = 'record';
export const TEMPORAL_SQLITE_PART = 'temporal.sqlite';
export const temporalPostgresPart = (name: string) => `temporal-pg:${name}`;
export const LOCAL_SECRETS_PART = 'local-secrets.json';

export async function takeBackup(
  sources: BackupSources,
  options: { dir: string; keys: BackupKeys; now?: Date },
): Promise<{ file: string; manifest: BackupManifest }> {
  const createdAt = (options.now ?? new Date()).toISOString();
  const parts: BackupPart[] = [...(await temporalParts(sources.temporal))];
  parts.push({ name: RECORD_PART, data: await recordDump(sources.record) });
  if (sources.localSecrets && existsSync(sources.localSecrets))
    parts.push({ name: LOCAL_SECRETS_PART, data: await readFile(sources.localSecrets) });
  await mkdir(options.dir, { recursive: true });
  const file = join(options.dir, `udmeld-${createdAt.replace(/[:.]/g, '-')}.backup`);
  const manifest = await writeArchive(
    file,
    {
      createdAt,
      software: await softwareVersion(),
      migrationLevel: await migrationLevel(sources.db),
      record: { kind: sources.record.kind },
      temporal: { kind: sources.temporal.kind },
    },
    parts,
    options.keys,
  );
  return { file, manifest };
}

async function recordDump(source: RecordSource): Promise<Buffer> {
  if (source.kind === 'embedded') return source.dump();
  return pgDump(source.url);
}

async function temporalParts(source: TemporalSource): Promise<BackupPart[]> {
  if (source.kind === 'none') return [];
  if (source.kind === 'sqlite') return [{ name: TEMPORAL_SQLITE_PART, data: await sqliteCopy(source.file) }];
  const parts: BackupPart[] = [];
  for (const [name, url] of Object.entries(source.urls)) parts.push({ name: temporalPostgresPart(name), data: await pgDump(url) });
  return parts;
}

/** SQLite's online backup: a consistent copy while the dev server writes to the file. */
async function sqliteCopy(file: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'udmeld-sqlite-'));
  const source = new DatabaseSync(file, { readOnly: true });
  try {
    await sqliteBackup(source, join(dir, 'copy.db'));
    return await readFile(join(dir, 'copy.db'));
  } finally {
    source.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function pgDump(url: string): Promise<Buffer> {
  const { stdout } = await run(
    join(postgresBinaries(), 'pg_dump'),
    ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${url}`],
    {
      encoding: 'buffer',
      maxBuffer: 8 * 1024 ** 3,
    },
  );
  return stdout;
}
