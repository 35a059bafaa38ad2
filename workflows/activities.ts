// The activities as the workflows call them. Writing the record is a local activity: short, on the
// worker that decides, in the same workflow task as the decision. Mail is a regular activity: it
// may wait out an SMTP outage for as long as it takes.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { MAIL_REJECTED, type MailReceipt, type MailRequest } from '../domain/mail';
import type { RecordEntry, RecordResult } from '../domain/record';
import type { RoundSchedule } from '../domain/schedules';
import type { StartCu } from '../domain/cu';
import type { WebhookWork } from '../domain/webhooks';

export type ScheduledRound = { start: StartCu } | { skipped: string };

/** What the scheduled agreement check found (ids and codes only), and what the retention run changed. */
export interface AgreementCheckSummary {
  cus: number;
  respondents: number;
  disagreements: number;
}
export interface RetentionSummary {
  sessions: number;
  outbox: number;
  mailAddresses: number;
  cusPseudonymised: string[];
  cusTextsBlanked: string[];
}

/** What the workflows ask of the world outside them; the worker's activities (activities/) provide it. */
export interface Activities {
  /** Writes events and their facts; a retry writes nothing twice. */
  record(entries: RecordEntry[]): Promise<RecordResult>;
  sendEmail(request: MailRequest): Promise<MailReceipt>;
  /** The round a schedule makes today from its template and the register, or why none is made. */
  prepareScheduledRound(input: { schedule: RoundSchedule; on: string }): Promise<ScheduledRound>;
  /** Compares every open CU and respondent in the record with its workflow, keeps the report, logs a line. */
  checkAgreement(): Promise<AgreementCheckSummary>;
  /** Pseudonymises and deletes what has outlived its retention period. */
  applyRetention(): Promise<RetentionSummary>;
  /** Queues a webhook subscription's new events; waits a while for some when there are none. */
  findWebhookWork(subscriptionId: string): Promise<WebhookWork>;
  /** Sends the subscription's queued deliveries in order; throws at the first that fails. Returns how many it sent. */
  deliverWebhooks(subscriptionId: string): Promise<number>;
  /** Pauses a subscription whose endpoint kept failing, and tells the secretariat. */
  pauseWebhook(input: { subscriptionId: string; reason: string }): Promise<void>;
}

export const { record } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  // A database outage is waited out; the Update that waits for the write answers its caller late.
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export const { sendEmail } = proxyActivities<Activities>({
  // Short enough that a send lost with a crashed worker is retried soon; the transport times out first.
  startToCloseTimeout: '45 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: [MAIL_REJECTED] },
});

export const { prepareScheduledRound } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export const { checkAgreement, applyRetention } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 5 },
});
