// Changes to a running round, and opening a municipality again after it closed.
import { municipalContactsSchema, type MunicipalContacts } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { municipalityCodeSchema, z } from '../domain/zod';
import { extendDeadlineBody } from '../domain/commands';
import { AWAITING, MUNICIPALITY_STATUSES } from '../domain/municipality-process';
import * as msg from '../workflows/central-notice/messages';
import * as shared from '../workflows/messages';
import type { AppContext } from './context';
import type { Reads } from './reads';

/** What the secretariat gives to open a municipality again; where it stands comes from the record. */
export const reopenBody = msg.reopenMunicipality.input.pick({ deadline: true, reason: true });
export const resendBody = msg.resendToMunicipality.input.pick({ what: true });
export const extendRoundBody = msg.extendRound.input;

/** Several municipalities of a round at once, from the round board: each must still be waiting for its answer. */
const selection = z.array(municipalityCodeSchema).min(1, 'Vælg mindst én kommune').max(98);
export const bulkRemindBody = z.strictObject({ codes: selection });
export const bulkExtendBody = extendDeadlineBody.extend({ codes: selection });

export function roundCommands(ctx: AppContext, reads: Reads) {
  /** Refuses the selection when a municipality in it is not in the round, or is no longer waiting for its answer. */
  const stillWaiting = async (cuId: string, codes: string[]) => {
    const { municipalities } = await reads.record(cuId, { answers: false });
    const issues = codes.flatMap((code, i) => {
      const m = municipalities[code];
      if (!m) return [{ path: `codes.${i}`, message: `${code} er ikke med i indberetningen` }];
      return AWAITING.includes(m.status)
        ? []
        : [{ path: `codes.${i}`, message: `${m.name} har allerede svaret eller er lukket (${MUNICIPALITY_STATUSES[m.status]})` }];
    });
    if (issues.length) throw new UdmeldError('invalid_input', 'Nogle af de valgte kommuner venter ikke på et svar', issues);
  };
  return {
    extendRound(cuId: string, input: z.input<typeof extendRoundBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'extendRound', { cuId });
      return ctx.cuCommand(msg.extendRound, cuId, input, caller, updateId);
    },

    closeReporting(cuId: string, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'closeReporting', { cuId });
      return ctx.cuCommand(msg.closeReporting, cuId, {}, caller, updateId);
    },

    /** A reminder now to each selected municipality that has not answered. Refused whole if any has. */
    async remindMunicipalities(cuId: string, input: z.input<typeof bulkRemindBody>, caller: Caller): Promise<{ reminded: string[] }> {
      ctx.allow(caller, 'resendToMunicipality', { cuId });
      const { codes } = parseOrThrow(bulkRemindBody, input);
      await stillWaiting(cuId, codes);
      for (const code of codes) await ctx.cuCommand(msg.resendToMunicipality, cuId, { what: 'reminder', municipalityCode: code }, caller);
      return { reminded: codes };
    },

    /** A new deadline for each selected municipality that has not answered. Refused whole if any has. */
    async extendDeadlines(cuId: string, input: z.input<typeof bulkExtendBody>, caller: Caller): Promise<{ extended: string[] }> {
      const { codes, ...extension } = parseOrThrow(bulkExtendBody, input);
      for (const code of codes) ctx.allow(caller, 'extendDeadline', { cuId, code });
      await stillWaiting(cuId, codes);
      await Promise.all(
        codes.map((code) => ctx.municipalityCommand(shared.extendDeadline, cuId, code, { ...extension, by: caller.actor })),
      );
      return { extended: codes };
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
