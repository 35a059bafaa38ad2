// The worker's activities: writing the record and sending e-mail.
import { record } from '../db/record';
import { prepareScheduledRound } from '../db/queries/scheduled-round';
import type { Addresses } from '../domain/cu';
import type { Db } from '../db/schema';
import type { MailRequest } from '../domain/mail';
import type { RecordEntry, RecordResult } from '../domain/record';
import type { Activities } from '../workflows/activities';
import type { Mailer } from './mailer';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  /** What a scheduled round is launched with: the configured addresses and the public address. */
  rounds: { addresses: Addresses; baseUrl: string };
}

export function createActivities({ db, mailer, rounds }: ActivityDeps): Activities {
  return {
    /** Writes events and their facts; a retry writes nothing twice. */
    record(entries: RecordEntry[]): Promise<RecordResult> {
      return record(db, entries);
    },
    sendEmail(request: MailRequest) {
      return mailer.send(request);
    },
    prepareScheduledRound({ schedule, on }) {
      return prepareScheduledRound(db, schedule, on, rounds);
    },
  };
}

export type { Activities };
