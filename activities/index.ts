// The worker's activities: writing the record and sending e-mail.
import { record } from '../db/record';
import { prepareScheduledRound } from '../db/queries/scheduled-round';
import type { Addresses } from '../domain/cu';
import type { Db } from '../db/schema';
import type { MailRequest } from '../domain/mail';
import type { RecordEntry, RecordResult } from '../domain/record';
import type { Activities } from '../workflows/activities';
import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { keepAgreementCheck, openWork } from '../db/queries/open-work';
import { accessEvent } from '../db/queries/people';
import { applyRetention, type RetentionPolicy } from '../db/queries/retention';
import { SYSTEM } from '../domain/actors';
import { compareWithTemporal, repairSafe } from './agreement';
import type { Mailer } from './mailer';
import { webhookActivities, type WebhookDeps } from './webhooks';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  /** What a scheduled round is launched with: the configured addresses and the public address. */
  rounds: { addresses: Addresses; baseUrl: string };
  /** The scheduled agreement check asks the workflows through it. */
  client: Client;
  retention: RetentionPolicy;
  /** Where webhook deliveries may go, and who is told when one is paused. */
  webhooks: Omit<WebhookDeps, 'db' | 'mailer'>;
}

export function createActivities({ db, mailer, rounds, client, retention, webhooks }: ActivityDeps): Activities {
  return {
    ...webhookActivities({ db, mailer, ...webhooks }),
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
    async checkAgreement() {
      const open = await openWork(db);
      const compared = await compareWithTemporal(client, open);
      const { respondents } = compared;
      const disagreements = await repairSafe(client, open, compared.disagreements, { role: 'system', name: 'udmeld (planlagt kontrol)' });
      const report = { checkedAt: new Date().toISOString(), cus: open.length, respondents, disagreements };
      await keepAgreementCheck(db, report);
      // Ids, codes and kinds only: no personal data in the log.
      if (disagreements.length)
        log.warn(`Temporal og registreringen er uenige om ${disagreements.length} ting`, {
          disagreements: disagreements.map((d) => `${d.kind} ${d.cuId}${d.code ? ` ${d.code}` : ''}${d.repaired ? ' (repareret)' : ''}`),
        });
      else log.info(`Temporal og registreringen er enige (${open.length} udmeldinger, ${respondents} respondenter)`);
      return { cus: open.length, respondents, disagreements: disagreements.length };
    },
    async applyRetention() {
      const outcome = await applyRetention(db, retention);
      const changed =
        outcome.sessions + outcome.outbox + outcome.mailAddresses + outcome.cusPseudonymised.length + outcome.cusTextsBlanked.length;
      if (changed)
        await accessEvent(
          db,
          'retention_applied',
          SYSTEM,
          `${outcome.sessions} sessioner og ${outcome.outbox} gemte e-mails slettet, ${outcome.mailAddresses} adresser i e-mailloggen fjernet` +
            (outcome.cusPseudonymised.length ? `; personer pseudonymiseret i ${outcome.cusPseudonymised.join(', ')}` : '') +
            (outcome.cusTextsBlanked.length ? `; fritekstsvar slettet i ${outcome.cusTextsBlanked.join(', ')}` : ''),
        );
      return outcome;
    },
  };
}

export type { Activities };
