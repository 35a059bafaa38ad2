// The journal of sent e-mail: one JSON line per message (and per person's copy) as it goes out, with
// keys, template, CU, municipality code, Message-ID and time, and no address or name. It lives beside
// the backups, not in the record, so it survives what the record loses: a restore adds the lines
// newer than its backup to the restored ledger, and a workflow that runs again from the backup finds
// its message already sent instead of sending it a second time.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MailJournalEntry } from '../../domain/mail';

export function mailJournal(file: string): (entry: MailJournalEntry) => Promise<void> {
  let ready: Promise<unknown> | undefined;
  return async (entry) => {
    ready ??= mkdir(dirname(file), { recursive: true });
    await ready;
    // One short line per append: whole lines even with several workers appending to one file.
    await appendFile(file, `${JSON.stringify(entry)}\n`);
  };
}
