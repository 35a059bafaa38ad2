// Brings a fresh data folder (the embedded default) or fresh databases (a PostgreSQL server, and the
// Temporal server's) to the state of a backup, then adds what the journal of sent e-mail says went out
// after it: into the ledger, so nothing is sent twice, and into restore_log, for the check to report.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { BackupError, readArchive, type BackupKeys, type BackupManifest } from '../../crypto/backup-archive';
import { embeddedDataDir, openDatabase } from '../../db/connect';
import { loadEmbedded } from '../../db/embedded';
import { ledgerFromJournal, recordRestore } from '../../db/queries/restore';
import type { SentAfterBackup } from '../../domain/agreement';
import type { MailJournalEntry } from '../../domain/mail';
import { postgresBinaries } from '../postgres-server';
import { LOCAL_SECRETS_PART, RECORD_PART, TEMPORAL_SQLITE_PART, temporalPostgresPart } from './take';

const run = promisify(execFile);

export type RestoreTarget =
  /** A data folder as `npm start` keeps it: db/, temporal.db, local-secrets.json. */
  | { kind: 'embedded'; dataDir: string }
  /** Empty databases: the record's, and the Temporal server's by name. */
  | { kind: 'postgres'; recordUrl: string; temporalUrls?: Record<string, string> };

export interface Restored {
  manifest: BackupManifest;
  sentAfterBackup: SentAfterBackup[];
}

export async function restoreBackup(
  file: string,
  target: RestoreTarget,
  options: { keys: BackupKeys; journalFile: string },
): Promise<Restored> {
  const { manifest, parts } = await readArchive(file, options.keys);
  const part = (name: string) => {
    const data = parts.get(name);
    if (!data) throw new BackupError(`Sikkerhedskopien mangler delen ${name}`);
    return data;
  };
  if (manifest.record.kind !== target.kind)
    throw new BackupError(
      `Sikkerhedskopien er af en ${manifest.record.kind === 'embedded' ? 'indbygget database' : 'PostgreSQL-server'} og kan kun lægges tilbage i samme slags`,
    );

  let database;
  if (target.kind === 'embedded') {
    const dbDir = embeddedDataDir(target.dataDir);
    const temporalFile = join(target.dataDir, 'temporal.db');
    if ((existsSync(dbDir) && readdirSync(dbDir).length > 0) || existsSync(temporalFile))
      throw new BackupError(`${target.dataDir} er ikke tom: en tilbagelægning skal ske i en ny datamappe (flyt den gamle væk først)`);
    await mkdir(target.dataDir, { recursive: true });
    if (manifest.temporal.kind === 'sqlite') await writeFile(temporalFile, part(TEMPORAL_SQLITE_PART));
    if (parts.has(LOCAL_SECRETS_PART))
      await writeFile(join(target.dataDir, 'local-secrets.json'), part(LOCAL_SECRETS_PART), { mode: 0o600 });
    await loadEmbedded(dbDir, part(RECORD_PART));
    database = await openDatabase({ dataDir: dbDir });
  } else {
    const temporal = manifest.parts
      .filter((p) => p.name.startsWith(temporalPostgresPart('')))
      .map((p) => p.name.slice(temporalPostgresPart('').length));
    for (const name of temporal) if (!target.temporalUrls?.[name]) throw new BackupError(`Angiv en tom database til Temporals ${name}`);
    const targets = [target.recordUrl, ...temporal.map((name) => target.temporalUrls?.[name] ?? '')];
    for (const url of targets) await mustBeEmpty(url);
    for (const name of temporal) await pgRestore(target.temporalUrls?.[name] ?? '', part(temporalPostgresPart(name)));
    await pgRestore(target.recordUrl, part(RECORD_PART));
    database = await openDatabase({ url: target.recordUrl, poolSize: 2 });
  }
  try {
    const sentAfterBackup = await ledgerFromJournal(database.db, await readJournal(options.journalFile), manifest.createdAt);
    await recordRestore(database.db, manifest.createdAt, manifest, sentAfterBackup);
    return { manifest, sentAfterBackup };
  } finally {
    await database.close();
  }
}

/** The journal's lines; a line cut short by a crash is left out. */
async function readJournal(file: string): Promise<MailJournalEntry[]> {
  if (!existsSync(file)) return [];
  const entries: MailJournalEntry[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    try {
      if (line.trim()) entries.push(JSON.parse(line) as MailJournalEntry);
    } catch {
      // a torn last line
    }
  }
  return entries;
}

async function mustBeEmpty(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    if (Number(rows[0]?.n) > 0)
      throw new BackupError(`Databasen ${new URL(url).pathname.slice(1)} er ikke tom: en tilbagelægning skal ske i nye databaser`);
  } finally {
    await client.end();
  }
}

async function pgRestore(url: string, dump: Buffer): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'udmeld-restore-'));
  try {
    await writeFile(join(dir, 'dump'), dump);
    await run(join(postgresBinaries(), 'pg_restore'), [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${url}`,
      join(dir, 'dump'),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
