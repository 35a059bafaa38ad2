// The webhook workflow's activities: look for work (queue the feed's new events, long-polling the
// record for a while when there are none), deliver what is queued in order, and pause a
// subscription whose endpoint kept failing, telling the secretariat.
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { signWebhook } from '../../crypto/webhook-signing';
import {
  findSubscription,
  hasPending,
  lastError,
  pendingDeliveries,
  queueEvents,
  recordAttempt,
  setSubscriptionStatus,
} from '../../db/queries/webhooks';
import type { Db } from '../../db/schema';
import { SYSTEM } from '../../domain/actors';
import { toCloudEvent } from '../../domain/events';
import { webhookIdOf, type WebhookWork } from '../../domain/webhooks';
import type { Mailer } from '../mailer';
import { addressGuard } from './address-guard';
import { postEvent } from './post';

export const WEBHOOK_FAILED = 'WebhookFailed';

export interface WebhookDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  /** Told when a subscription is paused. */
  secretariat: string;
  /** Addresses and ranges allowed although internal (WEBHOOK_ALLOW_ADDRESSES). */
  allowAddresses: readonly string[];
  /** How long a look for work waits for new events before it reports none. */
  pollMs?: number;
}

const BATCH = 50;

export function webhookActivities({ db, mailer, publicUrl, secretariat, allowAddresses, pollMs = 30_000 }: WebhookDeps) {
  const guard = addressGuard(allowAddresses);
  return {
    async findWebhookWork(subscriptionId: string): Promise<WebhookWork> {
      const until = Date.now() + pollMs;
      for (;;) {
        const sub = await findSubscription(db, subscriptionId);
        if (!sub || sub.status === 'deleted') return 'deleted';
        if (sub.status === 'paused') return 'paused';
        await queueEvents(db, subscriptionId);
        if (await hasPending(db, subscriptionId)) return 'deliver';
        if (Date.now() >= until) return 'idle';
        Context.current().heartbeat();
        await sleep(500);
      }
    },

    /** Sends the queued deliveries in order; the first that fails stops the batch and is retried with the activity. */
    async deliverWebhooks(subscriptionId: string): Promise<number> {
      const sub = await findSubscription(db, subscriptionId);
      if (!sub || sub.status !== 'active') return 0;
      const batch = await pendingDeliveries(db, subscriptionId, BATCH);
      for (const delivery of batch) {
        Context.current().heartbeat();
        const body = JSON.stringify(toCloudEvent(delivery.event, publicUrl, 'full'));
        const at = new Date();
        const headers = signWebhook(sub.secrets, webhookIdOf(delivery.event.key), at, body);
        const outcome = await postEvent(sub.url, body, { ...headers }, guard);
        await recordAttempt(db, delivery.id, {
          delivered: outcome.ok,
          at: at.toISOString(),
          responseStatus: outcome.status,
          ...(outcome.ok ? {} : { error: outcome.error }),
        });
        if (!outcome.ok) throw ApplicationFailure.retryable(outcome.error, WEBHOOK_FAILED);
      }
      return batch.length;
    },

    async pauseWebhook(input: { subscriptionId: string; reason: string }): Promise<void> {
      const reason = (await lastError(db, input.subscriptionId)) ?? input.reason;
      const paused = await setSubscriptionStatus(db, input.subscriptionId, 'paused', SYSTEM, reason);
      const sub = await findSubscription(db, input.subscriptionId);
      if (!paused || !sub) return;
      await mailer.notice({
        key: `webhook-paused:${sub.id}:${new Date().toISOString().slice(0, 13)}`,
        to: secretariat,
        subject: `Webhooken "${sub.name}" er sat på pause`,
        text:
          `Leveringerne til ${sub.url} er fejlet længe, så webhooken "${sub.name}" er sat på pause.\n\n` +
          `Sidste fejl: ${reason}\n\n` +
          `Ingen hændelser går tabt: de venter og sendes i rækkefølge, når webhooken genoptages.\n` +
          `Se leveringerne og genoptag: ${publicUrl}/sekretariat/adgang/webhooks/${sub.id}\n`,
      });
    },
  };
}

export type WebhookActivities = ReturnType<typeof webhookActivities>;
