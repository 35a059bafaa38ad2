// Webhooks, managed by the secretariat under Adgang and by integrations with `webhooks:manage`:
// subscribe (the secret is shown once), rotate the secret (the old one signs beside the new for a
// while), pause and resume, delete, see each delivery, and send one again. Each subscription's
// deliveries are made by its own workflow (workflows/webhook.ts).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressGuard } from '../activities/webhooks/address-guard';
import { randomId } from '../crypto/secrets';
import { newWebhookSecret } from '../crypto/webhook-signing';
import {
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  resendDelivery,
  rotateSecret,
  setSubscriptionStatus,
} from '../db/queries/webhooks';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import { webhookWorkflowId } from '../domain/ids';
import type { Caller } from '../domain/people';
import { deliveryIdSchema, subscriptionBody, subscriptionIdSchema, type WebhookStatus, type WebhookSubscription } from '../domain/webhooks';
import type { z } from '../domain/zod';
import { webhookDeliveryWorkflow } from '../workflows';
import { webhookChanged } from '../workflows/messages';
import type { AppContext } from './context';

const invalidUrl = (message: string) => new UdmeldError('invalid_input', 'Ugyldige oplysninger', [{ path: 'url', message }]);

export function webhookCommands(ctx: AppContext) {
  const { db, client, config } = ctx;
  const guard = addressGuard(config.webhooks.allowAddresses);
  const manage = (caller: Caller) => ctx.allow(caller, 'manageWebhooks');
  const workflow = (subscriptionId: string) => ({
    taskQueue: config.temporal.taskQueue,
    workflowId: webhookWorkflowId(subscriptionId),
    args: [{ subscriptionId, policy: config.webhooks.policy }] as [Parameters<typeof webhookDeliveryWorkflow>[0]],
  });
  /** Starts the subscription's workflow, or leaves the running one be. */
  const ensureWorkflow = (subscriptionId: string) =>
    client.workflow.start(webhookDeliveryWorkflow, { ...workflow(subscriptionId), workflowIdConflictPolicy: 'USE_EXISTING' });
  /** Tells the workflow to look again (starting it, should it have ended). */
  const wake = (subscriptionId: string) =>
    client.workflow.signalWithStart(webhookDeliveryWorkflow, { ...workflow(subscriptionId), signal: webhookChanged, signalArgs: [] });

  const subscription = async (id: string): Promise<WebhookSubscription> => {
    parseOrThrow(subscriptionIdSchema, id);
    const [found] = await ctx.read('Webhooken', () => listSubscriptions(db, id));
    if (!found) throw new UdmeldError('not_found', 'Webhooken findes ikke');
    return found;
  };

  /** Refuses an address that is, or resolves to, one webhooks may not call. */
  const checkAddress = async (url: string) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host)
      ? [host]
      : await lookup(host, { all: true }).then(
          (a) => a.map((x) => x.address),
          () => undefined,
        );
    if (!addresses?.length) throw invalidUrl(`${host} kan ikke slås op`);
    const refused = addresses.map((a) => guard.refuse(a)).find(Boolean);
    if (refused) throw invalidUrl(refused);
  };

  const changeStatus = async (id: string, status: WebhookStatus, caller: Caller, already: string) => {
    manage(caller);
    parseOrThrow(subscriptionIdSchema, id);
    if (!(await setSubscriptionStatus(db, id, status, caller.actor))) {
      await subscription(id);
      throw new UdmeldError('invalid_state', already);
    }
    if (status !== 'paused') await wake(id);
    return subscription(id).catch(() => undefined);
  };

  return {
    webhooks(caller: Caller): Promise<WebhookSubscription[]> {
      manage(caller);
      return ctx.read('Webhooks', () => listSubscriptions(db));
    },

    webhook(id: string, caller: Caller): Promise<WebhookSubscription> {
      manage(caller);
      return subscription(id);
    },

    /** A new subscription: from now on, each event of its types goes to its address. The only time its secret is seen. */
    async createWebhook(input: z.input<typeof subscriptionBody>, caller: Caller) {
      manage(caller);
      const body = parseOrThrow(subscriptionBody, input);
      await checkAddress(body.url);
      const id = `wh_${randomId(16)}`;
      const secret = newWebhookSecret();
      await insertSubscription(db, {
        id,
        name: body.name,
        url: body.url,
        types: [...new Set(body.types)],
        secret,
        createdAt: new Date().toISOString(),
        createdBy: caller.actor,
      });
      await ensureWorkflow(id);
      return { ...(await subscription(id)), secret };
    },

    /** A new secret, shown this once; the old one keeps signing beside it for WEBHOOK_SECRET_OVERLAP_HOURS. */
    async rotateWebhookSecret(id: string, caller: Caller) {
      manage(caller);
      parseOrThrow(subscriptionIdSchema, id);
      const secret = newWebhookSecret();
      const until = new Date(Date.now() + config.webhooks.secretOverlapHours * 3_600_000).toISOString();
      if (!(await rotateSecret(db, id, secret, until, caller.actor))) throw new UdmeldError('not_found', 'Webhooken findes ikke');
      return { ...(await subscription(id)), secret };
    },

    pauseWebhook: (id: string, caller: Caller) => changeStatus(id, 'paused', caller, 'Webhooken er allerede sat på pause'),
    resumeWebhook: (id: string, caller: Caller) => changeStatus(id, 'active', caller, 'Webhooken er ikke sat på pause'),
    async deleteWebhook(id: string, caller: Caller): Promise<{ id: string; deleted: true }> {
      await changeStatus(id, 'deleted', caller, 'Webhooken er allerede slettet');
      return { id, deleted: true };
    },

    async webhookDeliveries(id: string, caller: Caller) {
      manage(caller);
      await subscription(id);
      return ctx.read('Leveringerne', () => listDeliveries(db, id));
    },

    /** Sends a delivered event again, with the same webhook-id (a receiver that has it already can tell). */
    async resendWebhookDelivery(id: string, given: number, caller: Caller) {
      manage(caller);
      await subscription(id);
      const deliveryId = parseOrThrow(deliveryIdSchema, given);
      if (!(await resendDelivery(db, id, deliveryId, caller.actor)))
        throw new UdmeldError('invalid_state', 'Kun en leveret hændelse kan sendes igen; de andre er allerede på vej');
      await wake(id);
      return { id: deliveryId, status: 'pending' as const };
    },

    /** Every subscription's workflow, started where it is missing (at every start of the system). */
    async ensureWebhookWorkflows(): Promise<void> {
      for (const s of await listSubscriptions(db)) await ensureWorkflow(s.id);
    },
  };
}
