// The secretariat's contact register and the revoked access links.
import type { Actor, MunicipalContacts } from '../../domain/cu';
import type { RegisteredContacts, Revocation, RevokeLinks } from '../../domain/register';
import { randomUUID } from 'node:crypto';
import { json, type Db, type Queryable } from '../schema';

export type { RegisteredContacts };

export async function listContacts(db: Queryable): Promise<Record<string, RegisteredContacts>> {
  const rows = await db.selectFrom('contact').selectAll().orderBy('municipality_code').execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.municipality_code,
      { contacts: r.contacts, directorEmail: r.director_email, updatedAt: r.updated_at, updatedBy: r.updated_by },
    ]),
  );
}

/** Writes one municipality's contacts and the audit event saying who changed them. */
export async function setContacts(
  db: Queryable,
  code: string,
  contacts: MunicipalContacts,
  by: Actor,
  at = new Date().toISOString(),
  how = 'Rettet',
): Promise<RegisteredContacts> {
  await db
    .insertInto('contact')
    .values({
      municipality_code: code,
      contacts: json(contacts.contacts),
      director_email: contacts.directorEmail,
      updated_at: at,
      updated_by: json(by),
    })
    .onConflict((oc) =>
      oc
        .column('municipality_code')
        .doUpdateSet({ contacts: json(contacts.contacts), director_email: contacts.directorEmail, updated_at: at, updated_by: json(by) }),
    )
    .execute();
  const note = `${how}: ${contacts.contacts.map((c) => `${c.name} <${c.email}>`).join(', ')}; socialdirektør ${contacts.directorEmail}`;
  await db
    .insertInto('audit_event')
    .values({
      key: `contacts:${code}:${randomUUID()}`,
      at,
      cu_id: null,
      municipality_code: code,
      kind: 'contacts_changed',
      actor: json(by),
      note,
    })
    .execute();
  return { ...contacts, updatedAt: at, updatedBy: by };
}

/** Several municipalities' contacts at once (an import): all are written, or none. */
export async function importContacts(db: Db, all: Record<string, MunicipalContacts>, by: Actor): Promise<string[]> {
  const at = new Date().toISOString();
  return db.transaction().execute(async (tx) => {
    for (const [code, contacts] of Object.entries(all)) await setContacts(tx, code, contacts, by, at, 'Indlæst fra CSV');
    return Object.keys(all);
  });
}

export async function addRevocation(db: Queryable, { by, ...what }: RevokeLinks, now = Date.now()): Promise<Revocation> {
  const revocation: Revocation = { ...what, before: Math.floor(now / 1000), at: new Date(now).toISOString(), by };
  await db
    .insertInto('link_revocation')
    .values({
      cu_id: what.cuId ?? null,
      municipality_code: what.municipalityCode ?? null,
      role: what.role ?? null,
      jti: what.jti ?? null,
      person_id: what.personId ?? null,
      reason: what.reason,
      before_epoch: revocation.before,
      at: revocation.at,
      revoked_by: json(by),
    })
    .execute();
  return revocation;
}

export interface LinkClaims {
  role: string;
  cu?: string;
  m?: string;
  jti: string;
  iat: number;
  sub?: string;
}

/** The revocations that hold for a link's token: issued at or before one that matches every field it names. */
export function revocationsOf(db: Queryable, claims: LinkClaims) {
  return db
    .selectFrom('link_revocation')
    .select('id')
    .where('before_epoch', '>=', claims.iat)
    .where((eb) =>
      eb.and([
        eb.or([eb('jti', 'is', null), eb('jti', '=', claims.jti)]),
        eb.or([eb('role', 'is', null), eb('role', '=', claims.role)]),
        eb.or([eb('cu_id', 'is', null), eb('cu_id', '=', claims.cu ?? '')]),
        eb.or([eb('municipality_code', 'is', null), eb('municipality_code', '=', claims.m ?? '')]),
        eb.or([eb('person_id', 'is', null), eb('person_id', '=', claims.sub ?? '')]),
      ]),
    )
    .limit(1);
}

/** Whether a link's token is revoked. Asked of the record on every request, so a revocation holds at once on every API. */
export async function linkRevoked(db: Queryable, claims: LinkClaims): Promise<boolean> {
  return (await revocationsOf(db, claims).executeTakeFirst()) !== undefined;
}
