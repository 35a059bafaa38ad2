// Webhooks for case and agenda systems: a subscription names an address and the event types it
// wants; each audit event of those types is delivered to it once, signed as the Standard Webhooks
// specification says, in the order of the record. Here: what a subscription and a delivery are, and
// what the secretariat may give.
import { ROLES } from './actors';
import { EVENT_TYPES } from './events';
import { line, z } from './zod';

export const WEBHOOK_STATUSES = { active: 'Aktiv', paused: 'På pause', deleted: 'Slettet' } as const;
export type WebhookStatus = keyof typeof WEBHOOK_STATUSES;

export const DELIVERY_STATUSES = { pending: 'Venter', delivered: 'Leveret' } as const;
export type DeliveryStatus = keyof typeof DELIVERY_STATUSES;

export const subscriptionIdSchema = z.string().regex(/^wh_[a-z0-9]{16}$/, 'Ugyldigt webhook-id');
export const deliveryIdSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** An address a delivery may go to: http(s), no credentials in it, no fragment. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: 'Skriv en fuld adresse, der begynder med https://' }))
  .refine((u) => {
    if (!URL.canParse(u)) return true; // the address's own check has said what is wrong
    const url = new URL(u);
    return !url.username && !url.password && !url.hash;
  }, 'Adressen må hverken have brugernavn, adgangskode eller #');

export const subscriptionBody = z.strictObject({
  name: line({ min: 3, max: 80, tooShort: 'Giv abonnementet et navn, fx systemets' }),
  url: webhookUrlSchema,
  /** The event types to deliver; none given, every type. */
  types: z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).default([]),
});

const actorSchema = z.object({ role: z.enum(ROLES), name: z.string() });

export const webhookSubscriptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  /** Empty: every type. */
  types: z.array(z.string()),
  status: z.enum(Object.keys(WEBHOOK_STATUSES) as [WebhookStatus, ...WebhookStatus[]]),
  pausedAt: z.string().optional(),
  pausedReason: z.string().optional(),
  /** Until then, deliveries are signed with the secret before the last rotation too. */
  previousSecretUntil: z.string().optional(),
  createdAt: z.string(),
  createdBy: actorSchema,
  /** Deliveries waiting, and of those the ones that failed at least once. */
  pending: z.number(),
  failing: z.number(),
});
export type WebhookSubscription = z.output<typeof webhookSubscriptionSchema>;

/** A new subscription, or a rotated one: the only time its secret is seen. */
export const webhookWithSecretSchema = webhookSubscriptionSchema.extend({ secret: z.string() });

export const webhookDeliverySchema = z.object({
  id: z.number(),
  eventKey: z.string(),
  eventKind: z.string(),
  status: z.enum(Object.keys(DELIVERY_STATUSES) as [DeliveryStatus, ...DeliveryStatus[]]),
  attempts: z.number(),
  lastAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  responseStatus: z.number().optional(),
  deliveredAt: z.string().optional(),
});
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

/** How a subscription's workflow delivers: its retry's longest wait, and how long it tries before the subscription is paused. */
export interface WebhookDeliveryPolicy {
  maxIntervalSeconds: number;
  pauseAfterMinutes: number;
}

/** What the workflow finds when it looks for work. */
export type WebhookWork = 'deliver' | 'idle' | 'paused' | 'deleted';

/** A webhook-id is the audit event's key, the same on every attempt and every sending again. */
export const webhookIdOf = (eventKey: string) => `msg_${eventKey}`;
