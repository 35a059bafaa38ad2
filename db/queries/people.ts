// People, their sign-in sessions and the integrations' service keys. Secrets are never stored: a
// session or key keeps the SHA-256 of its secret, and the secret is shown once.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AccessRole, Actor } from '../../domain/actors';
import type { EventKind } from '../../domain/record';
import type { Person, PersonKind, ServiceKeyScope, SignInMethod } from '../../domain/people';
import type { PersonListing, ServiceKeyListing, SessionListing } from '../../domain/access-views';
import { json, type Db, type Queryable } from '../schema';
import { linkRevoked, revocationsOf, type LinkClaims } from './register';

const PERSON_COLUMNS = [
  'id',
  'role',
  'kind',
  'name',
  'email',
  'municipality_code',
  'issuer',
  'subject',
  'created_at',
  'revoked_at',
  'revoked_by',
] as const;

type PersonRow = {
  id: string;
  role: AccessRole;
  kind: PersonKind;
  name: string;
  email: string | null;
  municipality_code: string | null;
  issuer: string | null;
  subject: string | null;
  created_at: string;
  revoked_at: string | null;
  revoked_by: Actor | null;
};

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    role: r.role,
    kind: r.kind,
    name: r.name,
    email: r.email,
    municipalityCode: r.municipality_code,
    issuer: r.issuer,
    subject: r.subject,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}

export async function findPerson(db: Queryable, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom('person').select(PERSON_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toPerson(row);
}

/**
 * A personal link's person and whether the link is revoked, in one query: asked on every request a
 * link makes, so one round trip to the record instead of two.
 */
export async function findLinkHolder(db: Queryable, claims: LinkClaims & { sub: string }): Promise<{ person?: Person; revoked: boolean }> {
  const row = await db
    .selectFrom('person')
    .select(PERSON_COLUMNS)
    .select((eb) => eb.exists(revocationsOf(db, claims)).as('revoked'))
    .where('id', '=', claims.sub)
    .executeTakeFirst();
  if (!row) return { revoked: await linkRevoked(db, claims) };
  const { revoked, ...person } = row;
  return { revoked: Boolean(revoked), person: toPerson(person) };
}

/** Grows whenever people or link revocations change (migration 0019). */
export async function accessVersion(db: Queryable): Promise<string> {
  const row = await db.selectFrom('access_version').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return String(row.value);
}

export type { PersonListing, SessionListing };

export async function listPeople(db: Queryable, now = new Date().toISOString()): Promise<PersonListing[]> {
  const rows = await db
    .selectFrom('person')
    .select(PERSON_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('session')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('session.person_id', '=', 'person.id')
        .where('session.revoked_at', 'is', null)
        .where('session.expires_at', '>', now)
        .as('active_sessions'),
    )
    .orderBy('role')
    .orderBy('municipality_code')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...toPerson(r), activeSessions: Number(r.active_sessions ?? 0) }));
}

/** Someone who signed in: found by provider and subject, their name, address and role kept current. */
export async function signedInPerson(
  db: Queryable,
  who: { issuer: string; subject: string; role: AccessRole; name: string; email?: string },
  now = new Date().toISOString(),
): Promise<Person> {
  const row = await db
    .insertInto('person')
    .values({
      id: personId(),
      role: who.role,
      kind: 'staff',
      name: who.name,
      email: who.email ?? null,
      issuer: who.issuer,
      subject: who.subject,
      created_at: now,
      created_by: json({ role: 'system', name: 'udmeld' } satisfies Actor),
    })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ role: who.role, name: who.name, email: who.email ?? null }))
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

/** The people of one municipality's contacts and its social director, created on first use. */
export async function municipalPeople(
  db: Queryable,
  code: string,
  contacts: { name: string; email: string }[],
  directorEmail: string | undefined,
  by: Actor,
  now = new Date().toISOString(),
): Promise<Person[]> {
  const wanted = [
    ...contacts.map((c) => ({ kind: 'contact' as const, name: c.name, email: c.email })),
    ...(directorEmail ? [{ kind: 'municipal_director' as const, name: 'Socialdirektør', email: directorEmail }] : []),
  ];
  const people: Person[] = [];
  for (const w of wanted)
    people.push(
      await registeredPerson(db, { role: 'municipality', kind: w.kind, name: w.name, email: w.email, municipalityCode: code }, by, now),
    );
  return people;
}

/** A person of a municipality or the forum, by kind and address: the existing one, or a new one. */
export async function registeredPerson(
  db: Queryable,
  p: { role: AccessRole; kind: Exclude<PersonKind, 'staff'>; name: string; email: string; municipalityCode?: string },
  by: Actor,
  now = new Date().toISOString(),
): Promise<Person> {
  // Asked on every e-mail to them: a read when they are known as they are, a write only when not.
  const known = await db
    .selectFrom('person')
    .select(PERSON_COLUMNS)
    .where('kind', '=', p.kind)
    .where('kind', '<>', 'staff') // the unique index's own condition, so the index answers
    .where(sql`coalesce(municipality_code, '')`, '=', p.municipalityCode ?? '')
    .where(sql`lower(email)`, '=', sql<string>`lower(${p.email})`)
    .executeTakeFirst();
  if (known?.name === p.name) return toPerson(known);
  const row = await db
    .insertInto('person')
    .values({
      id: personId(),
      role: p.role,
      kind: p.kind,
      name: p.name,
      email: p.email,
      municipality_code: p.municipalityCode ?? null,
      created_at: now,
      created_by: json(by),
    })
    .onConflict((oc) =>
      oc
        .expression(sql`kind, coalesce(municipality_code, ''), lower(email)`)
        .where('kind', '<>', 'staff')
        .doUpdateSet({ name: p.name }),
    )
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

export async function forumMembers(db: Queryable): Promise<Person[]> {
  const rows = await db
    .selectFrom('person')
    .select(PERSON_COLUMNS)
    .where('kind', '=', 'forum_member')
    .where('revoked_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(toPerson);
}

/** Binds a personal link's person to the identity that signed in as them (first time only). */
export async function bindIdentity(db: Queryable, id: string, issuer: string, subject: string): Promise<void> {
  await db.updateTable('person').set({ issuer, subject }).where('id', '=', id).where('issuer', 'is', null).execute();
}

/** Revokes a person: their links and sessions stop working at once. */
export async function revokePerson(db: Db, id: string, by: Actor, now = new Date().toISOString()): Promise<Person | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('person')
      .set({ revoked_at: now, revoked_by: json(by) })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(PERSON_COLUMNS)
      .executeTakeFirst();
    if (!row) return undefined;
    await tx.updateTable('session').set({ revoked_at: now }).where('person_id', '=', id).where('revoked_at', 'is', null).execute();
    await accessEvent(tx, 'person_revoked', by, `${row.name}${row.email ? ` <${row.email}>` : ''}`, now);
    return toPerson(row);
  });
}

export async function reinstatePerson(db: Db, id: string, by: Actor, now = new Date().toISOString()): Promise<Person | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('person')
      .set({ revoked_at: null, revoked_by: null })
      .where('id', '=', id)
      .where('revoked_at', 'is not', null)
      .returning(PERSON_COLUMNS)
      .executeTakeFirst();
    if (!row) return undefined;
    await accessEvent(tx, 'person_reinstated', by, `${row.name}${row.email ? ` <${row.email}>` : ''}`, now);
    return toPerson(row);
  });
}

// ---- sessions

export interface StoredSession {
  id: string;
  secretHash: string;
  personId: string;
  method: SignInMethod;
  role: AccessRole;
  cuId: string | null;
  municipalityCode: string | null;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  userAgent: string;
}

export async function insertSession(db: Queryable, s: Omit<StoredSession, 'revokedAt' | 'lastSeenAt'>): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: s.id,
      secret_hash: s.secretHash,
      person_id: s.personId,
      method: s.method,
      role: s.role,
      cu_id: s.cuId,
      municipality_code: s.municipalityCode,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_seen_at: s.createdAt,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function findSession(db: Queryable, id: string): Promise<(StoredSession & { person: Person }) | undefined> {
  const row = await db
    .selectFrom('session')
    .innerJoin('person', 'person.id', 'session.person_id')
    .select([
      'session.id as sid',
      'session.secret_hash',
      'session.method',
      'session.role as session_role',
      'session.cu_id',
      'session.municipality_code as session_municipality',
      'session.created_at as session_created',
      'session.expires_at',
      'session.last_seen_at',
      'session.revoked_at as session_revoked',
      'session.user_agent',
      ...PERSON_COLUMNS.map((c) => `person.${c}` as const),
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.sid,
    secretHash: row.secret_hash,
    personId: row.id,
    method: row.method,
    role: row.session_role,
    cuId: row.cu_id,
    municipalityCode: row.session_municipality,
    createdAt: row.session_created,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.session_revoked,
    userAgent: row.user_agent,
    person: toPerson(row),
  };
}

export async function touchSession(db: Queryable, id: string, now: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function listSessions(db: Queryable, personId: string, now = new Date().toISOString()): Promise<SessionListing[]> {
  const rows = await db
    .selectFrom('session')
    .select([
      'id',
      'person_id',
      'method',
      'role',
      'cu_id',
      'municipality_code',
      'created_at',
      'expires_at',
      'last_seen_at',
      'revoked_at',
      'user_agent',
    ])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    method: r.method,
    role: r.role,
    cuId: r.cu_id,
    municipalityCode: r.municipality_code,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    userAgent: r.user_agent,
  }));
}

/** Ends one session, or (without `id`) every session of the person. Returns how many ended. */
export async function revokeSessions(db: Queryable, personId: string, id?: string, now = new Date().toISOString()): Promise<number> {
  let query = db.updateTable('session').set({ revoked_at: now }).where('person_id', '=', personId).where('revoked_at', 'is', null);
  if (id) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- service keys

export interface StoredServiceKey {
  id: string;
  name: string;
  scopes: ServiceKeyScope[];
  secretHash: string;
  createdAt: string;
  createdBy: Actor;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: Actor | null;
}

export async function insertServiceKey(db: Db, key: Omit<StoredServiceKey, 'lastUsedAt' | 'revokedAt' | 'revokedBy'>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('service_key')
      .values({
        id: key.id,
        name: key.name,
        scopes: json(key.scopes),
        secret_hash: key.secretHash,
        created_at: key.createdAt,
        created_by: json(key.createdBy),
      })
      .execute();
    await accessEvent(tx, 'service_key_created', key.createdBy, `${key.name} (${key.id}): ${key.scopes.join(', ')}`, key.createdAt);
  });
}

export async function findServiceKey(db: Queryable, id: string): Promise<StoredServiceKey | undefined> {
  const r = await db.selectFrom('service_key').selectAll().where('id', '=', id).executeTakeFirst();
  return r && keyOf(r);
}

export async function listServiceKeys(db: Queryable): Promise<ServiceKeyListing[]> {
  const rows = await db.selectFrom('service_key').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(({ secret_hash: _, ...r }) => {
    const { secretHash: __, ...key } = keyOf({ ...r, secret_hash: '' });
    return key;
  });
}

export async function touchServiceKey(db: Queryable, id: string, now: string): Promise<void> {
  await db.updateTable('service_key').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function revokeServiceKey(db: Db, id: string, by: Actor, now = new Date().toISOString()): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('service_key')
      .set({ revoked_at: now, revoked_by: json(by) })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(['name'])
      .executeTakeFirst();
    if (row) await accessEvent(tx, 'service_key_revoked', by, `${row.name} (${id})`, now);
    return !!row;
  });
}

function keyOf(r: {
  id: string;
  name: string;
  scopes: ServiceKeyScope[];
  secret_hash: string;
  created_at: string;
  created_by: Actor;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: Actor | null;
}): StoredServiceKey {
  return {
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    secretHash: r.secret_hash,
    createdAt: r.created_at,
    createdBy: r.created_by,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}

/** An access event (sign-in, revocation, key) in the audit trail; it belongs to no CU. */
export async function accessEvent(db: Queryable, kind: EventKind, by: Actor, note: string, at = new Date().toISOString()): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({ key: `access:${randomUUID()}`, at, cu_id: null, municipality_code: null, kind, actor: json(by), note })
    .execute();
}

function personId(): string {
  return `p_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
