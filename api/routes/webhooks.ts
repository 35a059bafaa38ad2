// Webhooks: subscriptions to the event feed, delivered signed (Standard Webhooks) and in order.
import type { Udmeld } from '../../app';
import {
  deliveryIdSchema,
  subscriptionBody,
  subscriptionIdSchema,
  webhookDeliverySchema,
  webhookSubscriptionSchema,
  webhookWithSecretSchema,
} from '../../domain/webhooks';
import { z } from '../../domain/zod';
import { route, type Route } from '../route';
import { noBody } from './params';

const TAG = 'Webhooks';
const params = z.strictObject({ subscriptionId: subscriptionIdSchema });
const SIGNING =
  'Hver levering er en POST af én hændelse som CloudEvents 1.0, signeret efter Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); samme webhook-id ved hvert forsøg';

export function webhookRoutes(app: Udmeld): Route[] {
  return [
    route('manageWebhooks', {
      method: 'get',
      path: '/api/webhooks',
      tag: TAG,
      summary: 'Abonnementerne med status og ventende leveringer (hemmelighederne vises ikke)',
      response: z.array(webhookSubscriptionSchema),
      handle: ({ caller }) => app.webhooks(caller),
    }),
    route('manageWebhooks', {
      method: 'post',
      path: '/api/webhooks',
      tag: TAG,
      summary: `Abonnér på hændelser fra nu af (types: hændelsestyper; ingen: alle). Hemmeligheden vises kun denne ene gang. ${SIGNING}`,
      body: subscriptionBody,
      example: { name: 'Sagssystem', url: 'https://sag.example.dk/udmeld', types: ['dk.udmeld.submitted', 'dk.udmeld.forum_decision'] },
      created: true,
      response: webhookWithSecretSchema,
      handle: ({ body, caller }) => app.createWebhook(body, caller),
    }),
    route('manageWebhooks', {
      method: 'get',
      path: '/api/webhooks/:subscriptionId',
      tag: TAG,
      summary: 'Ét abonnement',
      params,
      response: webhookSubscriptionSchema,
      handle: ({ params, caller }) => app.webhook(params.subscriptionId, caller),
    }),
    route('manageWebhooks', {
      method: 'post',
      path: '/api/webhooks/:subscriptionId/rotate',
      tag: TAG,
      summary: 'Skift hemmeligheden; den nye vises kun denne ene gang, og den gamle signerer ved siden af i WEBHOOK_SECRET_OVERLAP_HOURS',
      params,
      body: noBody,
      response: webhookWithSecretSchema,
      handle: ({ params, caller }) => app.rotateWebhookSecret(params.subscriptionId, caller),
    }),
    route('manageWebhooks', {
      method: 'post',
      path: '/api/webhooks/:subscriptionId/pause',
      tag: TAG,
      summary: 'Sæt leveringerne på pause; hændelserne venter og sendes i rækkefølge, når abonnementet genoptages',
      params,
      body: noBody,
      response: webhookSubscriptionSchema.optional(),
      handle: ({ params, caller }) => app.pauseWebhook(params.subscriptionId, caller),
    }),
    route('manageWebhooks', {
      method: 'post',
      path: '/api/webhooks/:subscriptionId/resume',
      tag: TAG,
      summary: 'Genoptag leveringerne, begyndende med den første, der venter',
      params,
      body: noBody,
      response: webhookSubscriptionSchema.optional(),
      handle: ({ params, caller }) => app.resumeWebhook(params.subscriptionId, caller),
    }),
    route('manageWebhooks', {
      method: 'post',
      path: '/api/webhooks/:subscriptionId/delete',
      tag: TAG,
      summary: 'Slet abonnementet; der leveres ikke mere til det',
      params,
      body: noBody,
      response: z.object({ id: z.string(), deleted: z.literal(true) }),
      handle: ({ params, caller }) => app.deleteWebhook(params.subscriptionId, caller),
    }),
    route('manageWebhooks', {
      method: 'get',
      path: '/api/webhooks/:subscriptionId/deliveries',
      tag: TAG,
      summary: 'De seneste 200 leveringer, nyeste først: status, forsøg, seneste fejl og modtagerens svar',
      params,
      response: z.array(webhookDeliverySchema),
      handle: ({ params, caller }) => app.webhookDeliveries(params.subscriptionId, caller),
    }),
    route('manageWebhooks', {
      method: 'post',
      path: '/api/webhooks/:subscriptionId/deliveries/:deliveryId/resend',
      tag: TAG,
      summary: 'Send en leveret hændelse igen (samme webhook-id, bagerst i køen)',
      params: params.extend({ deliveryId: deliveryIdSchema }),
      body: noBody,
      response: z.object({ id: z.number(), status: z.literal('pending') }),
      handle: ({ params, caller }) => app.resendWebhookDelivery(params.subscriptionId, params.deliveryId, caller),
    }),
  ];
}
