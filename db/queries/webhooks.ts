// Webhook subscriptions and their deliveries. A subscription keeps how far the feed has been queued
// for it (the cursor); queueing and moving the cursor happen in one transaction, so each event is
// queued once. Deliveries are sent in `position` order; one sent again goes to the end.
import { sql } from 'kysely';
import type { Actor } from '../../domain/actors';
import { kindOfEventType, type AuditEventRow, type Cursor } from '../../domain/events';
import type { EventKind } from '../../domain/record';
import type { WebhookDelivery, WebhookStatus, WebhookSubscription } from '../../domain/webhooks';
import { json, type Db, type Queryable } from '../schema';
import { feed } from './events';
import { accessEvent } from './people';

export interface StoredSubscription {
  id: string;
  name: string;
  url: string;
  kinds: string[];
  status: WebhookStatus;
  /** The secrets to sign with: the current one, and the one before while it is honoured. */
  secrets: string[];
}

const kindsOf = (types: string[]) => types.map(kindOfEventType);

/** The newest event a reader may see now: a new subscription starts after it. */
async function endOfFeed(db: Queryable): Promise<Cursor> {
  // Ordered by the column, not by its text (which would put xid 978 after 2074).
  const { rows } = await sql<{ tx: string; seq: number }>`select tx::text as tx, seq from audit_event
     where tx < pg_snapshot_xmin(pg_current_snapshot()) order by audit_event.tx desc, audit_event.seq desc limit 1`.execute(db);
  return rows[0] ? { tx: rows[0].tx, seq: Number(rows[0].seq) } : { tx: '0', seq: 0 };
}

export async function insertSubscription(
  db: Db,
  s: { id: string; name: string; url: string; types: string[]; secret: string; createdAt: string; createdBy: Actor },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const end = await endOfFeed(tx);
    await tx
      .insertInto('webhook_subscription')
      .values({
        id: s.id,
        name: s.name,
        url: s.url,
        event_types: json(s.types),
        secret: s.secret,
        status: 'active',
        cursor_tx: end.tx,
        cursor_seq: end.seq,
        created_at: s.createdAt,
        created_by: json(s.createdBy),
      })
      .execute();
    await accessEvent(tx, 'webhook_created', s.createdBy, `${s.name} (${s.id}): ${s.url}`, s.createdAt);
  });
}

export async function listSubscriptions(db: Queryable, id?: string): Promise<WebhookSubscription[]> {
  const rows = await db
    .selectFrom('webhook_subscription as s')
    .select((eb) => [
      's.id',
      's.name',
      's.url',
      's.event_types',
      's.status',
      's.paused_at',
      's.paused_reason',
      's.previous_until',
      's.created_at',
      's.created_by',
      eb
        .selectFrom('webhook_delivery as d')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('d.subscription_id', '=', 's.id')
        .where('d.status', '=', 'pending')
        .as('pending'),
      eb
        .selectFrom('webhook_delivery as d')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('d.subscription_id', '=', 's.id')
        .where('d.status', '=', 'pending')
        .where('d.last_error', 'is not', null)
        .as('failing'),
    ])
    .where('s.status', '!=', 'deleted')
    .$if(id !== undefined, (q) => q.where('s.id', '=', id ?? ''))
    .orderBy('s.created_at', 'desc')
    .execute();
  const now = new Date().toISOString();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    url: r.url,
    types: r.event_types,
    status: r.status,
    ...(r.paused_at ? { pausedAt: r.paused_at } : {}),
    ...(r.paused_reason ? { pausedReason: r.paused_reason } : {}),
    ...(r.previous_until && r.previous_until > now ? { previousSecretUntil: r.previous_until } : {}),
    createdAt: r.created_at,
    createdBy: { role: r.created_by.role, name: r.created_by.name },
    pending: Number(r.pending ?? 0),
    failing: Number(r.failing ?? 0),
  }));
}

export async function findSubscription(db: Queryable, id: string, now = new Date().toISOString()): Promise<StoredSubscription | undefined> {
  const r = await db.selectFrom('webhook_subscription').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const previous = r.previous_secret && r.previous_until && r.previous_until > now ? [r.previous_secret] : [];
  return { id: r.id, name: r.name, url: r.url, kinds: kindsOf(r.event_types), status: r.status, secrets: [r.secret, ...previous] };
}

/** A new secret; the old one signs beside it until `until`. */
export async function rotateSecret(db: Db, id: string, secret: string, until: string, by: Actor): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('webhook_subscription')
      .set((eb) => ({ previous_secret: eb.ref('secret'), previous_until: until, secret }))
      .where('id', '=', id)
      .where('status', '!=', 'deleted')
      .returning(['name'])
      .executeTakeFirst();
    if (row) await accessEvent(tx, 'webhook_secret_rotated', by, `${row.name} (${id}); den gamle hemmelighed gælder til ${until}`);
    return !!row;
  });
}

/** Pauses, resumes or deletes a subscription; false when it already was so (or is gone). */
export async function setSubscriptionStatus(
  db: Db,
  id: string,
  status: WebhookStatus,
  by: Actor,
  reason?: string,
  now = new Date().toISOString(),
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('webhook_subscription')
      .set({ status, paused_at: status === 'paused' ? now : null, paused_reason: status === 'paused' ? (reason ?? null) : null })
      .where('id', '=', id)
      .where('status', '!=', status)
      .where('status', '!=', 'deleted')
      .returning(['name'])
      .executeTakeFirst();
    const kind: EventKind = status === 'active' ? 'webhook_resumed' : status === 'paused' ? 'webhook_paused' : 'webhook_deleted';
    if (row) await accessEvent(tx, kind, by, `${row.name} (${id})${reason ? `: ${reason}` : ''}`, now);
    return !!row;
  });
}

/** Queues the events after the subscription's cursor (at most `limit`) and moves the cursor; returns how many. */
export async function queueEvents(db: Db, id: string, limit = 500): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const sub = await tx
      .selectFrom('webhook_subscription')
      .select(['event_types', 'cursor_tx', 'cursor_seq', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!sub || sub.status !== 'active') return 0;
    const kinds = kindsOf(sub.event_types);
    const rows = await feed(tx, {
      after: { tx: String(sub.cursor_tx), seq: Number(sub.cursor_seq) },
      ...(kinds.length ? { kinds } : {}),
      limit,
    });
    const last = rows.at(-1);
    if (!last) return 0;
    // One statement keeps the feed's order in the positions.
    await sql`insert into webhook_delivery (subscription_id, event_key, status)
      select ${id}, k, 'pending' from unnest(${rows.map((r) => r.key)}::text[]) with ordinality as e(k, n) order by n
      on conflict (subscription_id, event_key) do nothing`.execute(tx);
    await tx.updateTable('webhook_subscription').set({ cursor_tx: last.tx, cursor_seq: last.seq }).where('id', '=', id).execute();
    return rows.length;
  });
}

export const hasPending = async (db: Queryable, id: string): Promise<boolean> =>
  !!(await db
    .selectFrom('webhook_delivery')
    .select('id')
    .where('subscription_id', '=', id)
    .where('status', '=', 'pending')
    .limit(1)
    .executeTakeFirst());

/** The error of the first delivery waiting, if it has failed. */
export async function lastError(db: Queryable, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('webhook_delivery')
    .select('last_error')
    .where('subscription_id', '=', id)
    .where('status', '=', 'pending')
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return row?.last_error ?? undefined;
}

export interface PendingDelivery {
  id: number;
  attempts: number;
  event: AuditEventRow;
}

/** The next deliveries to send, in order, with the events they carry. */
export async function pendingDeliveries(db: Queryable, id: string, limit: number): Promise<PendingDelivery[]> {
  const rows = await db
    .selectFrom('webhook_delivery as d')
    .innerJoin('audit_event as e', 'e.key', 'd.event_key')
    .select(['d.id', 'd.attempts', 'e.key', 'e.seq', 'e.at', 'e.cu_id', 'e.municipality_code', 'e.kind', 'e.actor', 'e.note'])
    .select(sql<string>`e.tx::text`.as('tx'))
    .where('d.subscription_id', '=', id)
    .where('d.status', '=', 'pending')
    .orderBy('d.position')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    attempts: r.attempts,
    event: {
      key: r.key,
      tx: r.tx,
      seq: Number(r.seq),
      at: r.at,
      cuId: r.cu_id,
      municipalityCode: r.municipality_code,
      kind: r.kind,
      actor: r.actor,
      note: r.note,
    },
  }));
}

export async function recordAttempt(
  db: Queryable,
  deliveryId: number,
  outcome: { delivered: boolean; at: string; responseStatus?: number; error?: string },
): Promise<void> {
  await db
    .updateTable('webhook_delivery')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_attempt_at: outcome.at,
      response_status: outcome.responseStatus ?? null,
      last_error: outcome.error ?? null,
      ...(outcome.delivered ? { status: 'delivered' as const, delivered_at: outcome.at } : {}),
    }))
    .where('id', '=', deliveryId)
    .execute();
}

export async function listDeliveries(db: Queryable, id: string, limit = 200): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom('webhook_delivery as d')
    .innerJoin('audit_event as e', 'e.key', 'd.event_key')
    .select([
      'd.id',
      'd.event_key',
      'e.kind',
      'd.status',
      'd.attempts',
      'd.last_attempt_at',
      'd.last_error',
      'd.response_status',
      'd.delivered_at',
    ])
    .where('d.subscription_id', '=', id)
    .orderBy('d.position', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    eventKey: r.event_key,
    eventKind: r.kind,
    status: r.status,
    attempts: r.attempts,
    ...(r.last_attempt_at ? { lastAttemptAt: r.last_attempt_at } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.response_status !== null ? { responseStatus: r.response_status } : {}),
    ...(r.delivered_at ? { deliveredAt: r.delivered_at } : {}),
  }));
}

/** Sends a delivered event again, with its webhook-id, at the end of the queue. */
export async function resendDelivery(db: Db, id: string, deliveryId: number, by: Actor): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('webhook_delivery')
      .set({ status: 'pending', position: sql`nextval('webhook_delivery_position')` })
      .where('id', '=', deliveryId)
      .where('subscription_id', '=', id)
      .where('status', '=', 'delivered')
      .returning(['event_key'])
      .executeTakeFirst();
    if (row) await accessEvent(tx, 'webhook_resent', by, `${id}: ${row.event_key}`);
    return !!row;
  });
}
