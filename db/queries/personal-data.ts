// Everything the record holds about one person, found by their e-mail address (and the registered
// people with it): for an export (Article 15), and for erasure (Article 17) or the end of a retention
// period, where the person becomes a pseudonym ("en kontaktperson i Odense Kommune") in every place
// that named them, and the trail of what happened stays.
import { sql } from 'kysely';
import type { Actor } from '../../domain/actors';
import type { PersonalData } from '../../domain/personal-data';
import { json, type Db, type Queryable } from '../schema';

/** Every column that names who did something, by table. */
const ACTOR_COLUMNS = [
  ['cu', 'created_by'],
  ['cu_version', 'created_by'],
  ['round', 'launched_by'],
  ['municipality', 'draft_by'],
  ['answer', 'submitted_by'],
  ['template_version', 'created_by'],
  ['attachment', 'uploaded_by'],
  ['report_edition', 'created_by'],
  ['decision', 'recorded_by'],
  ['submission', 'submitted_by'],
  ['audit_event', 'actor'],
  ['contact', 'updated_by'],
  ['link_revocation', 'revoked_by'],
  ['person', 'created_by'],
  ['person', 'revoked_by'],
  ['service_key', 'created_by'],
  ['service_key', 'revoked_by'],
  ['webhook_subscription', 'created_by'],
] as const;

const OPEN_PHASES_EXCLUDED = ['submitted', 'completed', 'withdrawn'];
export const ERASED_ADDRESS = 'slettet@udmeld.invalid';
export type { PersonalData };

/** The registered people with this address. */
async function peopleWith(db: Queryable, email: string) {
  return db
    .selectFrom('person')
    .select(['id', 'role', 'kind', 'name', 'municipality_code', 'created_at', 'revoked_at'])
    .where(sql<boolean>`lower(email) = ${email}`)
    .execute();
}

/** Round and register rows naming the address: contact lists hold {name, email} objects. */
async function namedIn(db: Queryable, table: 'contact' | 'round_contact', email: string) {
  return sql<{ cu_id: string | null; municipality_code: string; name: string | null; as_director: boolean; open: boolean | null }>`
    select ${table === 'round_contact' ? sql`t.cu_id` : sql`null`} as cu_id, t.municipality_code,
           (select c->>'name' from jsonb_array_elements(t.contacts) c where lower(c->>'email') = ${email} limit 1) as name,
           lower(t.director_email) = ${email} as as_director,
           ${table === 'round_contact' ? sql`(select phase from cu where cu.id = t.cu_id) not in (${sql.join(OPEN_PHASES_EXCLUDED)})` : sql`null`} as open
      from ${sql.table(table)} t
     where lower(t.director_email) = ${email}
        or exists (select 1 from jsonb_array_elements(t.contacts) c where lower(c->>'email') = ${email})`.execute(db);
}

export async function personalDataOf(db: Queryable, address: string): Promise<PersonalData> {
  const email = address.toLowerCase();
  const people = await peopleWith(db, email);
  const ids = people.map((p) => p.id);
  const [sessions, register, rounds, actions, mail] = await Promise.all([
    ids.length
      ? db
          .selectFrom('session')
          .select(['person_id', 'method', 'created_at', 'last_seen_at', 'user_agent'])
          .where('person_id', 'in', ids)
          .execute()
      : [],
    namedIn(db, 'contact', email),
    namedIn(db, 'round_contact', email),
    db
      .selectFrom('audit_event')
      .select(['at', 'kind', 'cu_id', 'municipality_code', 'note'])
      .where(actorIs('actor', email, ids))
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('mail_log')
      .select(['template', 'cu_id', 'municipality_code', 'sent_at', 'status'])
      .where(sql<boolean>`recipients @> ${json([email])}::jsonb`)
      .orderBy('requested_at')
      .execute(),
  ]);
  return {
    email,
    people: people.map((p) => ({
      id: p.id,
      role: p.role,
      kind: p.kind,
      name: p.name,
      municipalityCode: p.municipality_code,
      createdAt: p.created_at,
      revokedAt: p.revoked_at,
    })),
    sessions: sessions.map((s) => ({
      personId: s.person_id,
      method: s.method,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      userAgent: s.user_agent,
    })),
    register: register.rows.map((r) => ({
      municipalityCode: r.municipality_code,
      as: r.as_director ? 'director' : 'contact',
      name: r.name,
    })),
    rounds: rounds.rows.map((r) => ({
      cuId: r.cu_id ?? '',
      municipalityCode: r.municipality_code,
      as: r.as_director ? 'director' : 'contact',
      name: r.name,
      open: r.open === true,
    })),
    actions: actions.map((a) => ({ at: a.at, kind: a.kind, cuId: a.cu_id, municipalityCode: a.municipality_code, note: a.note })),
    mail: mail.map((m) => ({
      template: m.template,
      cuId: m.cu_id,
      municipalityCode: m.municipality_code,
      sentAt: m.sent_at,
      status: m.status,
    })),
  };
}

/** An actor column naming the person: by address, or as one of their registered ids. */
function actorIs(column: string, email: string, ids: string[]) {
  const ref = sql.ref(column);
  return ids.length
    ? sql<boolean>`(lower(${ref}->>'email') = ${email} or ${ref}->>'personId' in (${sql.join(ids)}))`
    : sql<boolean>`lower(${ref}->>'email') = ${email}`;
}

/**
 * Replaces the person by `pseudonym` everywhere the record names them, in one transaction: who did
 * what (every actor column), the contact lists (register and rounds), the mail ledger's recipients,
 * notes that quoted their name or address; deletes their sessions and the kept copies of messages to
 * them; the registered people with the address keep their ids, revoked, with the pseudonym as name.
 * Returns how many rows changed.
 */
export async function pseudonymisePerson(db: Db, address: string, pseudonym: string, by: Actor): Promise<number> {
  const email = address.toLowerCase();
  return db.transaction().execute(async (tx) => {
    const people = await peopleWith(tx, email);
    const ids = people.map((p) => p.id);
    const names = [...new Set([...people.map((p) => p.name), ...(await namesIn(tx, email))])].filter((n) => n.length >= 3);
    let changed = 0;
    const count = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[] | { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
      (changed += (Array.isArray(r) ? r : [r]).reduce((n, x) => n + Number(x.numUpdatedRows ?? x.numDeletedRows ?? 0), 0));

    for (const [table, column] of ACTOR_COLUMNS) {
      const ref = sql.ref(column);
      count(
        await sql`update ${sql.table(table)} set ${ref} = (${ref} - 'email' - 'subject') || jsonb_build_object('name', ${pseudonym}::text)
                   where ${actorIs(column, email, ids)}`
          .execute(tx)
          .then((r) => ({ numUpdatedRows: r.numAffectedRows })),
      );
    }
    for (const table of ['contact', 'round_contact'] as const) {
      count(
        await sql`update ${sql.table(table)} t
                     set contacts = (select coalesce(jsonb_agg(case when lower(c->>'email') = ${email}
                                       then jsonb_build_object('name', ${pseudonym}::text, 'email', ${ERASED_ADDRESS}::text) else c end), '[]'::jsonb)
                                       from jsonb_array_elements(t.contacts) c),
                         director_email = case when lower(t.director_email) = ${email} then ${ERASED_ADDRESS} else t.director_email end
                   where lower(t.director_email) = ${email}
                      or exists (select 1 from jsonb_array_elements(t.contacts) c where lower(c->>'email') = ${email})`
          .execute(tx)
          .then((r) => ({ numUpdatedRows: r.numAffectedRows })),
      );
    }
    count(
      await sql`update mail_log set recipients = (select coalesce(jsonb_agg(case when lower(r #>> '{}') = ${email} then to_jsonb(${ERASED_ADDRESS}::text) else r end), '[]'::jsonb)
                                                    from jsonb_array_elements(recipients) r),
                                 rejected = (select coalesce(jsonb_agg(case when lower(r #>> '{}') = ${email} then to_jsonb(${ERASED_ADDRESS}::text) else r end), '[]'::jsonb)
                                                    from jsonb_array_elements(rejected) r)
                 where recipients @> ${json([email])}::jsonb or rejected @> ${json([email])}::jsonb`
        .execute(tx)
        .then((r) => ({ numUpdatedRows: r.numAffectedRows })),
    );
    count(
      await tx
        .updateTable('mail_delivery')
        .set({ recipient: ERASED_ADDRESS })
        .where(sql<boolean>`lower(recipient) = ${email}`)
        .executeTakeFirst(),
    );
    count(
      await tx
        .deleteFrom('mail_outbox')
        .where(sql<boolean>`recipients @> ${json([email])}::jsonb`)
        .executeTakeFirst(),
    );
    // Notes quoted people as "name <address>" (a change of contacts): the quote goes, the event stays.
    for (const text of [email, ...names])
      count(
        await sql`update audit_event set note = replace(note, ${text}, ${pseudonym}) where strpos(lower(note), lower(${text})) > 0`
          .execute(tx)
          .then((r) => ({ numUpdatedRows: r.numAffectedRows })),
      );
    if (ids.length) {
      count(await tx.deleteFrom('session').where('person_id', 'in', ids).executeTakeFirst());
      count(await tx.deleteFrom('calendar_feed').where('person_id', 'in', ids).executeTakeFirst());
      count(
        await tx
          .updateTable('person')
          .set({
            name: pseudonym,
            email: null,
            subject: null,
            issuer: null,
            revoked_at: sql`coalesce(revoked_at, now())`,
            revoked_by: sql`coalesce(revoked_by, ${json(by)}::jsonb)`,
          })
          .where('id', 'in', ids)
          .executeTakeFirst(),
      );
    }
    return changed;
  });
}

/** The names the contact lists give the address. */
async function namesIn(db: Queryable, email: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct c->>'name' as name from (select contacts from contact union all select contacts from round_contact) t,
           jsonb_array_elements(t.contacts) c
     where lower(c->>'email') = ${email}`.execute(db);
  return rows.map((r) => r.name);
}
