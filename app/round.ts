// Changes to a running round, and opening a municipality again after it closed.
import { municipalContactsSchema, type MunicipalContacts } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { municipalityCodeSchema, type z } from '../domain/zod';
import * as msg from '../workflows/central-notice/messages';
import type { AppContext } from './context';
import type { Reads } from './reads';

/** What the secretariat gives to open a municipality again; where it stands comes from the record. */
export const reopenBody = msg.reopenMunicipality.input.pick({ deadline: true, reason: true });
export const resendBody = msg.resendToMunicipality.input.pick({ what: true });
export const extendRoundBody = msg.extendRound.input;

export function roundCommands(ctx: AppContext, reads: Reads) {
  return {
    extendRound(cuId: string, input: z.input<typeof extendRoundBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'extendRound', { cuId });
      return ctx.cuCommand(msg.extendRound, cuId, input, caller, updateId);
    },

    closeReporting(cuId: string, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'closeReporting', { cuId });
      return ctx.cuCommand(msg.closeReporting, cuId, {}, caller, updateId);
    },

    resendToMunicipality(cuId: string, code: string, input: z.input<typeof resendBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'resendToMunicipality', { cuId });
      return ctx.cuCommand(msg.resendToMunicipality, cuId, { ...input, municipalityCode: code }, caller, updateId);
    },

    /** Replaces a municipality's contacts in a running round: new ones are invited, removed ones lose their links here. */
    async changeRoundContacts(
      cuId: string,
      code: string,
      contacts: z.input<typeof municipalContactsSchema>,
      caller: Caller,
      updateId?: string,
    ) {
      ctx.allow(caller, 'changeRoundContacts', { cuId });
      const municipalityCode = parseOrThrow(municipalityCodeSchema, code);
      const valid: MunicipalContacts = parseOrThrow(municipalContactsSchema, contacts);
      const current = (await reads.record(cuId, { answers: false })).round?.contacts[municipalityCode];
      if (!current) throw new UdmeldError('invalid_state', `${municipalityCode} er ikke med i en igangværende indberetning`);
      const before = new Set(current.contacts.map((c) => c.email.toLowerCase()));
      const after = new Set(valid.contacts.map((c) => c.email.toLowerCase()));
      const added = [...after].filter((e) => !before.has(e));
      const removed = [...before].filter((e) => !after.has(e));
      return ctx.cuCommand(msg.changeRoundContacts, cuId, { municipalityCode, contacts: valid, added, removed }, caller, updateId);
    },

    /** Opens a municipality again before the report is approved: a late answer, or a correction of the one given. */
    async reopenMunicipality(cuId: string, code: string, input: z.input<typeof reopenBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'reopenMunicipality', { cuId });
      const municipality = (await reads.record(cuId, { answers: false })).municipalities[parseOrThrow(municipalityCodeSchema, code)];
      if (!municipality) throw new UdmeldError('not_found', `Kommunen ${code} er ikke med i indberetningen`);
      const status = municipality.status === 'submitted' ? 'revision_requested' : 'invited';
      const answerVersion = municipality.answer?.version ?? 0;
      return ctx.cuCommand(
        msg.reopenMunicipality,
        cuId,
        { ...input, municipalityCode: municipality.code, status, answerVersion },
        caller,
        updateId,
      );
    },
  };
}
