// A webhook subscription's deliveries (webhook:<subscriptionId>), one workflow per subscription, so
// each endpoint gets its events one at a time, in the order of the record. The record keeps the
// queue and every attempt; this workflow decides when to look, when to send, and when to give up
// and pause. It runs until the subscription is deleted.
//
//   look ──new events──▶ deliver ──sent──▶ look
//     │                     └──failing for the whole policy──▶ paused ──resumed──▶ look
//     └──deleted──▶ (ends)
import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { WebhookDeliveryPolicy } from '../domain/webhooks';
import type { Activities } from './activities';
import { webhookChanged } from './messages';

export interface WebhookWorkflowInput {
  subscriptionId: string;
  policy: WebhookDeliveryPolicy;
}

/** A history this long starts afresh: an idle subscription looks about twice a minute. */
const LOOKS_PER_RUN = 1000;

export async function webhookDeliveryWorkflow(input: WebhookWorkflowInput): Promise<void> {
  const { subscriptionId, policy } = input;
  const { findWebhookWork, pauseWebhook } = proxyActivities<Activities>({
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '15 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
  // Each attempt sends until a delivery fails; the retries back off up to the policy's interval, and
  // stop (the subscription pauses) when the endpoint has failed for the policy's whole period.
  const { deliverWebhooks } = proxyActivities<Activities>({
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '25 seconds',
    scheduleToCloseTimeout: `${policy.pauseAfterMinutes} minutes`,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: `${policy.maxIntervalSeconds} seconds` },
  });
  let changed = false;
  setHandler(webhookChanged, () => void (changed = true));

  for (let look = 0; look < LOOKS_PER_RUN && !workflowInfo().continueAsNewSuggested; look++) {
    changed = false;
    const work = await findWebhookWork(subscriptionId);
    if (work === 'deleted') return;
    if (work === 'paused') await condition(() => changed);
    if (work !== 'deliver') continue;
    try {
      await deliverWebhooks(subscriptionId);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      await pauseWebhook({ subscriptionId, reason: err.cause?.message ?? err.message });
    }
  }
  await continueAsNew<typeof webhookDeliveryWorkflow>(input);
}
