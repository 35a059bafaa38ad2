// What a restore adds to the record it brought back: the journal's messages that the restored ledger
// does not have (so no workflow sends them again), and a line saying when, from which backup, and
// what went out after it.
import { sql } from 'kysely';
import type { LastRestore, SentAfterBackup } from '../../domain/agreement';
import type { MailJournalEntry } from '../../domain/mail';
import { json, type Db, type Queryable } from '../schema';

const FROM_JOURNAL = 'Sendt efter sikkerhedskopien; genskabt fra journalen over sendte e-mails';

/** Adds what the ledger lacks; returns the messages (not the personal copies) sent after `backupTakenAt`. */
export async function ledgerFromJournal(db: Db, entries: MailJournalEntry[], backupTakenAt: string): Promise<SentAfterBackup[]> {
  const after: SentAfterBackup[] = [];
  await db.transaction().execute(async (tx) => {
    for (const e of entries) {
      const written = e.mailKey
        ? await tx
            .insertInto('mail_delivery')
            .values({
              key: e.key,
              mail_key: e.mailKey,
              recipient: '',
              status: 'sent',
              message_id: e.messageId,
              sent_at: e.sentAt,
              failure: FROM_JOURNAL,
            })
            .onConflict((oc) => oc.column('key').doNothing())
            .executeTakeFirst()
        : await tx
            .insertInto('mail_log')
            .values({
              key: e.key,
              cu_id: e.cuId ?? null,
              municipality_code: e.municipalityCode ?? null,
              template: e.template,
              requested_at: e.sentAt,
              status: 'sent',
              message_id: e.messageId,
              recipients: json([]),
              sent_at: e.sentAt,
              failure: FROM_JOURNAL,
            })
            .onConflict((oc) => oc.column('key').doNothing())
            .executeTakeFirst();
      if (!e.mailKey && Number(written.numInsertedOrUpdatedRows ?? 0) > 0 && e.sentAt >= backupTakenAt)
        after.push({
          template: e.template,
          ...(e.cuId ? { cuId: e.cuId } : {}),
          ...(e.municipalityCode ? { municipalityCode: e.municipalityCode } : {}),
          sentAt: e.sentAt,
        });
    }
  });
  return after;
}

export async function recordRestore(db: Db, backupTakenAt: string, manifest: unknown, sentAfterBackup: SentAfterBackup[]): Promise<void> {
  await db
    .insertInto('restore_log')
    .values({ backup_taken_at: backupTakenAt, manifest: json(manifest), sent_after_backup: json(sentAfterBackup) })
    .execute();
}

export async function lastRestore(db: Queryable): Promise<LastRestore | undefined> {
  const row = await db
    .selectFrom('restore_log')
    .select(['restored_at', 'backup_taken_at', 'sent_after_backup'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { restoredAt: row.restored_at, backupTakenAt: row.backup_taken_at, sentAfterBackup: row.sent_after_backup };
}

/** The last migration the record has had. */
export async function migrationLevel(db: Queryable): Promise<string> {
  const { rows } = await sql<{ name: string | null }>`select max(name) as name from schema_migration`.execute(db);
  return rows[0]?.name ?? '';
}
