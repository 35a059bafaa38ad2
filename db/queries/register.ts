// The secretariat's contact register and the revoked access links.
import type { Actor, MunicipalContacts } from '../../domain/cu';
import type { Revocation, RevokeLinks } from '../../domain/register';
import { json, type Queryable } from '../schema';

export type RegisteredContacts = MunicipalContacts & { updatedAt: string; updatedBy: Actor };

export async function listContacts(db: Queryable): Promise<Record<string, RegisteredContacts>> {
  const rows = await db.selectFrom('contact').selectAll().orderBy('municipality_code').execute();
  return Object.fromEntries(
    rows.map((r) => [r.municipality_code, { contacts: r.contacts, directorEmail: r.director_email, updatedAt: r.updated_at, updatedBy: r.updated_by }]),
  );
}

export async function setContacts(db: Queryable, code: string, contacts: MunicipalContacts, by: Actor, at = new Date().toISOString()): Promise<RegisteredContacts> {
  await db
    .insertInto('contact')
    .values({ municipality_code: code, contacts: json(contacts.contacts), director_email: contacts.directorEmail, updated_at: at, updated_by: json(by) })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ contacts: json(contacts.contacts), director_email: contacts.directorEmail, updated_at: at, updated_by: json(by) }))
    .execute();
  return { ...contacts, updatedAt: at, updatedBy: by };
}

export async function listRevocations(db: Queryable): Promise<Revocation[]> {
  const rows = await db.selectFrom('link_revocation').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    ...(r.cu_id ? { cuId: r.cu_id } : {}),
    ...(r.municipality_code ? { municipalityCode: r.municipality_code } : {}),
    ...(r.role ? { role: r.role as Revocation['role'] } : {}),
    ...(r.jti ? { jti: r.jti } : {}),
    reason: r.reason,
    before: r.before_epoch,
    at: r.at,
    by: r.revoked_by,
  }));
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
      reason: what.reason,
      before_epoch: revocation.before,
      at: revocation.at,
      revoked_by: json(by),
    })
    .execute();
  return revocation;
}
