// A person's rights over what udmeld holds about them: an export of everything (Article 15), and
// erasure (Article 17), refused while a legal hold applies (they are asked in a round still open).
// The secretariat acts on the person's request; each is on the access trail, without the address.
import { accessEvent } from '../db/queries/people';
import { personalDataOf, pseudonymisePerson, type PersonalData } from '../db/queries/personal-data';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import { pseudonymOf } from '../domain/personal-data';
import { respondentName } from '../domain/municipalities';
import type { Caller } from '../domain/people';
import { line, z } from '../domain/zod';
import type { AppContext } from './context';

const email = z.email('Ugyldig e-mailadresse').max(254);
export const personalDataQuery = z.strictObject({ email });
export const erasureBody = z.strictObject({
  email,
  reason: line({ min: 3, max: 300, tooShort: 'Skriv kort, hvorfor (fx "anmodning af 1. december")' }),
});

export type { PersonalData };

const nothingFound = (data: PersonalData) =>
  !data.people.length && !data.register.length && !data.rounds.length && !data.actions.length && !data.mail.length;

export function personalDataCommands(ctx: AppContext) {
  const { db } = ctx;
  return {
    /** Everything the record holds about the person with this address. */
    async exportPersonalData(query: z.input<typeof personalDataQuery>, caller: Caller): Promise<PersonalData> {
      ctx.allow(caller, 'personalData');
      const { email: address } = parseOrThrow(personalDataQuery, query);
      const data = await ctx.read('Registreringen', () => personalDataOf(db, address));
      if (nothingFound(data)) throw new UdmeldError('not_found', 'Registreringen har intet om en person med den adresse');
      await accessEvent(
        db,
        'personal_data_exported',
        caller.actor,
        `${data.actions.length} handlinger, ${data.mail.length} e-mails, ${data.rounds.length} runder`,
      );
      return data;
    },

    /** Replaces the person by a pseudonym everywhere, unless a round they are asked in is still open. */
    async erasePersonalData(body: z.input<typeof erasureBody>, caller: Caller): Promise<{ pseudonym: string; changed: number }> {
      ctx.allow(caller, 'personalData');
      const { email: address, reason } = parseOrThrow(erasureBody, body);
      const data = await ctx.read('Registreringen', () => personalDataOf(db, address));
      if (nothingFound(data)) throw new UdmeldError('not_found', 'Registreringen har intet om en person med den adresse');
      const holds = data.rounds.filter((r) => r.open);
      if (holds.length)
        throw new UdmeldError(
          'invalid_state',
          `Kan ikke slettes endnu: personen er spurgt i en åben runde (${holds.map((h) => `${h.cuId}, ${respondentName(h.municipalityCode)}`).join('; ')}). Skift kontaktpersonen i runden, eller vent til den er afsluttet.`,
        );
      // Nobody erases themselves, and staff who still have access are revoked first (under Adgang).
      if (data.people.some((p) => p.id === caller.actor.personId))
        throw new UdmeldError('invalid_state', 'Du kan ikke slette dine egne oplysninger; bed en kollega om det.');
      const active = data.people.filter((p) => p.revokedAt === null && (p.role === 'secretariat' || p.role === 'director'));
      if (active.length)
        throw new UdmeldError(
          'invalid_state',
          'Kan ikke slettes endnu: personen har stadig adgang som sekretariat eller direktør. Spær personen først under Adgang.',
        );
      const pseudonym = pseudonymOf(data);
      const changed = await pseudonymisePerson(db, address, pseudonym, caller.actor);
      await accessEvent(db, 'person_erased', caller.actor, `Nu "${pseudonym}" (${changed} rækker). ${reason}`);
      return { pseudonym, changed };
    },
  };
}
