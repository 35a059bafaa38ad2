// The mail ledger (every message once, whichever worker sends it) and what a message needs from
// the record: the CU's title, the round's addresses and links, a municipality's contacts.
import type { Addresses } from '../../domain/cu';
import type { MailRequest } from '../../domain/mail';
import type { OutboxEntry } from '../../domain/views';
import { SYSTEM } from '../../domain/cu';
import { REGIONS, type RegionCode } from '../../domain/municipalities';
import { json, type Db, type Queryable } from '../schema';

export interface MailContext {
  cuTitle: string;
  regionName: string;
  targetGroup: string;
  baseUrl: string;
  addresses: Addresses;
  contacts?: { people: { name: string; email: string }[]; directorEmail: string };
}

export async function mailContext(db: Queryable, cuId: string, municipalityCode?: string): Promise<MailContext> {
  const [cu, contact] = await Promise.all([
    db
      .selectFrom('cu')
      .innerJoin('cu_version as v', (join) => join.onRef('v.cu_id', '=', 'cu.id').onRef('v.version', '=', 'cu.version'))
      .innerJoin('round', 'round.cu_id', 'cu.id')
      .select(['v.definition', 'cu.region_code', 'round.base_url', 'round.addresses'])
      .where('cu.id', '=', cuId)
      .executeTakeFirstOrThrow(),
    municipalityCode
      ? db
          .selectFrom('round_contact')
          .select(['contacts', 'director_email'])
          .where('cu_id', '=', cuId)
          .where('municipality_code', '=', municipalityCode)
          .executeTakeFirst()
      : undefined,
  ]);
  return {
    cuTitle: cu.definition.title,
    regionName: REGIONS[cu.region_code as RegionCode],
    targetGroup: cu.definition.targetGroup,
    baseUrl: cu.base_url,
    addresses: cu.addresses,
    ...(contact ? { contacts: { people: contact.contacts, directorEmail: contact.director_email } } : {}),
  };
}

export interface LoggedMail {
  status: 'sent' | 'rejected';
  messageId: string | null;
  sentAt: string | null;
  recipients: string[];
  rejected: string[];
  failure: string | null;
}

export async function findMail(db: Queryable, key: string): Promise<LoggedMail | undefined> {
  const row = await db
    .selectFrom('mail_log')
    .select(['status', 'message_id', 'sent_at', 'recipients', 'rejected', 'failure'])
    .where('key', '=', key)
    .executeTakeFirst();
  return (
    row && {
      status: row.status,
      messageId: row.message_id,
      sentAt: row.sent_at,
      recipients: row.recipients,
      rejected: row.rejected,
      failure: row.failure,
    }
  );
}

/** Writes the ledger entry and its audit event together; a second write of the same key is a no-op. */
export async function logMail(db: Db, request: MailRequest, outcome: LoggedMail): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('mail_log')
      .values({
        key: request.key,
        cu_id: request.cuId,
        municipality_code: request.municipalityCode ?? null,
        template: request.template,
        reminder: request.reminder ?? null,
        requested_at: request.requestedAt,
        status: outcome.status,
        message_id: outcome.messageId,
        recipients: json(outcome.recipients),
        rejected: json(outcome.rejected),
        sent_at: outcome.sentAt,
        failure: outcome.failure,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) return;
    await tx
      .insertInto('audit_event')
      .values({
        key: `mail:${request.key}`,
        at: outcome.sentAt ?? new Date().toISOString(),
        cu_id: request.cuId,
        municipality_code: request.municipalityCode ?? null,
        kind: outcome.status === 'sent' ? 'mail_sent' : 'mail_rejected',
        actor: json(SYSTEM),
        note: request.reminder ? `${request.template} (${request.reminder})` : request.template,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  });
}

export interface Delivery {
  status: 'sent' | 'rejected';
  messageId: string | null;
  sentAt: string | null;
  failure: string | null;
}

/** One person's copy of a message with personal links. */
export async function findDelivery(db: Queryable, key: string): Promise<Delivery | undefined> {
  const row = await db
    .selectFrom('mail_delivery')
    .select(['status', 'message_id', 'sent_at', 'failure'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { status: row.status, messageId: row.message_id, sentAt: row.sent_at, failure: row.failure };
}

export async function logDelivery(
  db: Queryable,
  key: string,
  mailKey: string,
  to: { address: string; personId?: string },
  outcome: Delivery,
): Promise<void> {
  await db
    .insertInto('mail_delivery')
    .values({
      key,
      mail_key: mailKey,
      person_id: to.personId ?? null,
      recipient: to.address,
      status: outcome.status,
      message_id: outcome.messageId,
      sent_at: outcome.sentAt,
      failure: outcome.failure,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** A message kept in the shared outbox (no SMTP server): once per key. */
export async function keepInOutbox(
  db: Queryable,
  entry: { key: string; template: string; recipients: string[]; subject: string; message: Buffer; at: string },
): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      key: entry.key,
      template: entry.template,
      recipients: json(entry.recipients),
      subject: entry.subject,
      message: entry.message,
      created_at: entry.at,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export type { OutboxEntry };

export async function listOutbox(db: Queryable, limit = 200): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'template', 'recipients', 'subject', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, template: r.template, recipients: r.recipients, subject: r.subject, createdAt: r.created_at }));
}

export async function outboxMessage(db: Queryable, id: number): Promise<Buffer | undefined> {
  return (await db.selectFrom('mail_outbox').select('message').where('id', '=', id).executeTakeFirst())?.message;
}
