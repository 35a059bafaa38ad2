// Access: what everyone does about their own (who am I, my sessions, log out), and what the
// secretariat does about everyone's: the forum's members, revoking and reinstating people, ending
// sessions, service keys, new personal links. The API and the pages both come through here.
import { linkSigner } from '../crypto/links';
import { issueSecret } from '../crypto/secrets';
import { signingKeysOf } from '../config';
import {
  accessEvent,
  findPerson,
  forumMembers,
  insertServiceKey,
  listPeople,
  listServiceKeys,
  listSessions,
  municipalPeople,
  registeredPerson,
  reinstatePerson,
  revokePerson,
  revokeServiceKey,
  revokeSessions,
  type PersonListing,
  type SessionListing,
} from '../db/queries/people';
import { listContacts } from '../db/queries/register';
import { cuIdSchema } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import { SCOPE_NAMES, type Caller, type Person } from '../domain/people';
import { line, municipalityCodeSchema, z } from '../domain/zod';
import type { AppContext } from './context';

const email = z.email('Ugyldig e-mailadresse').max(254);
export const forumMemberBody = z.strictObject({ name: line({ min: 1, max: 120, tooShort: 'Skriv navnet' }), email });
export const serviceKeyBody = z.strictObject({
  name: line({ min: 3, max: 80, tooShort: 'Giv nøglen et navn, fx systemets' }),
  scopes: z.array(z.enum(SCOPE_NAMES)).min(1, 'Vælg mindst én tilladelse').max(SCOPE_NAMES.length),
});
export const personIdSchema = z.string().regex(/^p_[A-Za-z0-9_-]{8,40}$/, 'Ugyldigt person-id');
export const keyIdSchema = z.string().regex(/^[a-z0-9]{16}$/, 'Ugyldigt nøgle-id');
export const sessionIdSchema = z.string().regex(/^[a-z0-9]{16}$/, 'Ugyldigt session-id');
export const linkBody = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('municipality'), cuId: cuIdSchema, municipalityCode: municipalityCodeSchema, email: email.optional() }),
  z.strictObject({ role: z.literal('director'), personId: personIdSchema }),
]);

export type { PersonListing, SessionListing };

export function accessCommands(ctx: AppContext) {
  const { db, config } = ctx;
  const signLink = linkSigner(signingKeysOf(config), config.auth.links);
  const admin = (caller: Caller) => ctx.allow(caller, 'administerAccess');

  const alreadyOr = async (personId: string, message: string): Promise<never> => {
    const person = await findPerson(db, personId);
    throw new UdmeldError(person ? 'invalid_state' : 'not_found', person ? message : 'Personen findes ikke');
  };

  /** The person a new personal link is for: a contact of the municipality in the round (the first,
   * or the one with the given address), or a forum member. */
  const linkPerson = async (body: z.output<typeof linkBody>, caller: Caller): Promise<Person> => {
    if (body.role === 'director') {
      const member = (await forumMembers(db)).find((p) => p.id === body.personId);
      if (member) return member;
      throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', [
        { path: 'personId', message: 'Ikke et aktivt medlem af Socialdirektørforum' },
      ]);
    }
    const round = await db
      .selectFrom('round_contact')
      .select(['contacts', 'director_email'])
      .where('cu_id', '=', body.cuId)
      .where('municipality_code', '=', body.municipalityCode)
      .executeTakeFirst();
    const contacts = round?.contacts ?? (await listContacts(db))[body.municipalityCode]?.contacts;
    if (!contacts?.length) {
      throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', [
        { path: 'municipalityCode', message: 'Kommunen har ingen kontaktpersoner i runden' },
      ]);
    }
    const address = body.email?.toLowerCase();
    const wanted = address ? contacts.filter((c) => c.email.toLowerCase() === address) : contacts.slice(0, 1);
    const [person] = wanted.length ? await municipalPeople(db, body.municipalityCode, wanted, undefined, caller.actor) : [];
    if (!person)
      throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', [{ path: 'email', message: 'Ikke en af kommunens kontaktpersoner' }]);
    if (person.revokedAt) throw new UdmeldError('invalid_state', `${person.name} er spærret; genåbn personen først`);
    return person;
  };

  return {
    /** Who the caller is, and what their access gives. */
    me(caller: Caller) {
      ctx.allow(caller, 'me');
      const { role, actor, via, cu, m, expiresAt, scopes, sessionId } = caller;
      return {
        role,
        name: actor.name,
        email: actor.email,
        personId: actor.personId,
        keyId: actor.keyId,
        via,
        cuId: cu,
        municipalityCode: m,
        expiresAt,
        sessionId,
        scopes,
      };
    },

    async mySessions(caller: Caller): Promise<SessionListing[]> {
      ctx.allow(caller, 'ownSessions');
      return caller.personId ? ctx.read('Sessionerne', () => listSessions(db, caller.personId ?? '')) : [];
    },

    /** Log out: one session (this one, or the one named), or all of them ("log ud alle steder"). */
    async endMySessions(caller: Caller, which: { sessionId?: string } | 'all'): Promise<{ ended: number }> {
      ctx.allow(caller, 'ownSessions');
      const personId = caller.personId;
      if (!personId) throw new UdmeldError('invalid_state', 'Kun personer har sessioner');
      const one = which === 'all' ? undefined : (which.sessionId ?? caller.sessionId);
      if (which !== 'all' && !one) return { ended: 0 };
      const ended = await revokeSessions(db, personId, one);
      await accessEvent(db, one ? 'signed_out' : 'sessions_revoked', caller.actor, one ? 'Log ud' : 'Log ud alle steder');
      return { ended };
    },

    people(caller: Caller): Promise<PersonListing[]> {
      admin(caller);
      return ctx.read('Personerne', () => listPeople(db));
    },

    async addForumMember(input: z.input<typeof forumMemberBody>, caller: Caller): Promise<Person> {
      admin(caller);
      const body = parseOrThrow(forumMemberBody, input);
      return registeredPerson(db, { role: 'director', kind: 'forum_member', name: body.name, email: body.email }, caller.actor);
    },

    async revokePerson(personId: string, caller: Caller): Promise<Person> {
      admin(caller);
      if (caller.actor.personId === personId) throw new UdmeldError('invalid_state', 'Du kan ikke spærre dig selv');
      return (await revokePerson(db, personId, caller.actor)) ?? alreadyOr(personId, 'Personen er allerede spærret');
    },

    async reinstatePerson(personId: string, caller: Caller): Promise<Person> {
      admin(caller);
      return (await reinstatePerson(db, personId, caller.actor)) ?? alreadyOr(personId, 'Personen er ikke spærret');
    },

    sessionsOf(personId: string, caller: Caller): Promise<SessionListing[]> {
      admin(caller);
      return ctx.read('Sessionerne', () => listSessions(db, personId));
    },

    async endSessionsOf(personId: string, caller: Caller): Promise<{ ended: number }> {
      admin(caller);
      const person = await findPerson(db, personId);
      if (!person) throw new UdmeldError('not_found', 'Personen findes ikke');
      const ended = await revokeSessions(db, personId);
      await accessEvent(db, 'sessions_revoked', caller.actor, `${person.name}: ${ended} session(er) afsluttet`);
      return { ended };
    },

    serviceKeys(caller: Caller) {
      admin(caller);
      return ctx.read('Nøglerne', () => listServiceKeys(db));
    },

    /** A new key: the only time its secret is seen. */
    async createServiceKey(input: z.input<typeof serviceKeyBody>, caller: Caller) {
      admin(caller);
      const body = parseOrThrow(serviceKeyBody, input);
      const { id, token, secretHash } = issueSecret('udk');
      const scopes = [...new Set(body.scopes)];
      const createdAt = new Date().toISOString();
      await insertServiceKey(db, { id, name: body.name, scopes, secretHash, createdAt, createdBy: caller.actor });
      return { id, name: body.name, scopes, createdAt, key: token };
    },

    async revokeServiceKey(keyId: string, caller: Caller): Promise<{ id: string; revoked: true }> {
      admin(caller);
      if (await revokeServiceKey(db, keyId, caller.actor)) return { id: keyId, revoked: true };
      const known = (await listServiceKeys(db)).some((k) => k.id === keyId);
      throw new UdmeldError(known ? 'invalid_state' : 'not_found', known ? 'Nøglen er allerede tilbagekaldt' : 'Nøglen findes ikke');
    },

    /** A new personal link for one of a municipality's contacts, or a forum member. */
    async newLink(input: z.input<typeof linkBody>, caller: Caller) {
      admin(caller);
      const body = parseOrThrow(linkBody, input);
      const person = await linkPerson(body, caller);
      const base = config.http.publicUrl;
      const url =
        body.role === 'municipality'
          ? signLink(`${base}/kommune/${body.cuId}/${body.municipalityCode}`, {
              role: 'municipality',
              cuId: body.cuId,
              municipalityCode: body.municipalityCode,
              personId: person.id,
            })
          : signLink(`${base}/oversigt`, { role: 'director', personId: person.id });
      return { url, person: { id: person.id, name: person.name, email: person.email } };
    },
  };
}
