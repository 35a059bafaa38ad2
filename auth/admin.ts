// What the secretariat does about access: forum members, revoking and reinstating people, ending
// sessions, service keys. The API and the pages both come through here.
import { parseOrThrow, UdmeldError } from '../client/errors';
import type { Actor } from '../domain/actors';
import { municipalityCodeSchema, z } from '../domain/zod';
import { cuIdSchema } from '../domain/cu';
import { SCOPE_NAMES, type Person } from '../domain/people';
import {
  findPerson,
  forumMembers,
  insertServiceKey,
  listServiceKeys,
  municipalPeople,
  registeredPerson,
  reinstatePerson,
  revokePerson,
  revokeServiceKey,
  revokeSessions,
  accessEvent,
} from '../db/queries/people';
import { listContacts } from '../db/queries/register';
import type { Db } from '../db/schema';
import { issueSecret } from './secrets';

const email = z.email('Ugyldig e-mailadresse').max(254);
export const forumMemberBody = z.strictObject({ name: z.string().trim().min(1, 'Skriv navnet').max(120), email });
export const serviceKeyBody = z.strictObject({
  name: z.string().trim().min(3, 'Giv nøglen et navn, fx systemets').max(80),
  scopes: z.array(z.enum(SCOPE_NAMES)).min(1, 'Vælg mindst én tilladelse').max(SCOPE_NAMES.length),
});
export const personIdParams = z.strictObject({ personId: z.string().regex(/^p_[A-Za-z0-9_-]{8,40}$/, 'Ugyldigt person-id') });
export const keyIdParams = z.strictObject({ keyId: z.string().regex(/^[a-z0-9]{16}$/, 'Ugyldigt nøgle-id') });
export const linkBody = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('municipality'), cuId: cuIdSchema, municipalityCode: municipalityCodeSchema, email: email.optional() }),
  z.strictObject({ role: z.literal('director'), personId: personIdParams.shape.personId }),
]);

export async function addForumMember(db: Db, input: unknown, by: Actor): Promise<Person> {
  const body = parseOrThrow(forumMemberBody, input);
  return registeredPerson(db, { role: 'director', kind: 'forum_member', name: body.name, email: body.email }, by);
}

export async function revoke(db: Db, personId: string, by: Actor): Promise<Person> {
  if (by.personId === personId) throw new UdmeldError('invalid_state', 'Du kan ikke spærre dig selv');
  return (await revokePerson(db, personId, by)) ?? alreadyOr(db, personId, 'Personen er allerede spærret');
}

export async function reinstate(db: Db, personId: string, by: Actor): Promise<Person> {
  return (await reinstatePerson(db, personId, by)) ?? alreadyOr(db, personId, 'Personen er ikke spærret');
}

export async function endSessionsOf(db: Db, personId: string, by: Actor): Promise<{ ended: number }> {
  const person = await findPerson(db, personId);
  if (!person) throw new UdmeldError('not_found', 'Personen findes ikke');
  const ended = await revokeSessions(db, personId);
  await accessEvent(db, 'sessions_revoked', by, `${person.name}: ${ended} session(er) afsluttet`);
  return { ended };
}

/** A new key: the only time its secret is seen. */
export async function createServiceKey(db: Db, input: unknown, by: Actor) {
  const body = parseOrThrow(serviceKeyBody, input);
  const { id, token, secretHash } = issueSecret('udk');
  const scopes = [...new Set(body.scopes)];
  const createdAt = new Date().toISOString();
  await insertServiceKey(db, { id, name: body.name, scopes, secretHash, createdAt, createdBy: by });
  return { id, name: body.name, scopes, createdAt, key: token };
}

export async function revokeKey(db: Db, keyId: string, by: Actor): Promise<{ id: string; revoked: true }> {
  if (await revokeServiceKey(db, keyId, by)) return { id: keyId, revoked: true };
  const known = (await listServiceKeys(db)).some((k) => k.id === keyId);
  throw new UdmeldError(known ? 'invalid_state' : 'not_found', known ? 'Nøglen er allerede tilbagekaldt' : 'Nøglen findes ikke');
}

/** The person a new personal link is for: a contact of the municipality in the round (the first,
 * or the one with the given address), or a forum member. */
export async function linkPerson(db: Db, body: z.output<typeof linkBody>, by: Actor): Promise<Person> {
  if (body.role === 'director') {
    const member = (await forumMembers(db)).find((p) => p.id === body.personId);
    if (!member)
      throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', [
        { path: 'personId', message: 'Ikke et aktivt medlem af Socialdirektørforum' },
      ]);
    return member;
  }
  const round = await db
    .selectFrom('round_contact')
    .select(['contacts', 'director_email'])
    .where('cu_id', '=', body.cuId)
    .where('municipality_code', '=', body.municipalityCode)
    .executeTakeFirst();
  const contacts = round?.contacts ?? (await listContacts(db))[body.municipalityCode]?.contacts;
  if (!contacts?.length)
    throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', [
      { path: 'municipalityCode', message: 'Kommunen har ingen kontaktpersoner i runden' },
    ]);
  const wanted = body.email ? contacts.filter((c) => c.email.toLowerCase() === body.email!.toLowerCase()) : contacts.slice(0, 1);
  if (!wanted.length)
    throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', [{ path: 'email', message: 'Ikke en af kommunens kontaktpersoner' }]);
  const [person] = await municipalPeople(db, body.municipalityCode, wanted, undefined, by);
  if (person!.revokedAt) throw new UdmeldError('invalid_state', `${person!.name} er spærret; genåbn personen først`);
  return person!;
}

async function alreadyOr(db: Db, personId: string, message: string): Promise<never> {
  const person = await findPerson(db, personId);
  throw new UdmeldError(person ? 'invalid_state' : 'not_found', person ? message : 'Personen findes ikke');
}
