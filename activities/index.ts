// The worker's activities: writing the record and sending e-mail.
import { record } from '../db/record';
import type { Db } from '../db/schema';
import type { MailRequest } from '../domain/mail';
import type { RecordEntry, RecordResult } from '../domain/record';
import type { Activities } from '../workflows/activities';
import type { Mailer } from './mailer';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
}

export function createActivities({ db, mailer }: ActivityDeps): Activities {
  return {
    /** Writes events and their facts; a retry writes nothing twice. */
    record(entries: RecordEntry[]): Promise<RecordResult> {
      return record(db, entries);
    },
    sendEmail(request: MailRequest) {
      return mailer.send(request);
    },
  };
}

export type { Activities };
