// A CU's own commands: registering it, editing it, launching its round (with the contacts the
// register has then, and the defaults of the configuration), moving its national deadline,
// withdrawing it, and its renewed treatment.
import type { CuAck } from '../domain/commands';
import {
  addressesSchema,
  approvalChainSchema,
  cuDefinitionSchema,
  registerCuSchema,
  reminderPlanSchema,
  startCuSchema,
  type StartCu,
} from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import { projectRound } from '../domain/projection';
import { DEFAULT_COUNCIL_DAYS, DEFAULT_DRAFTING_WORKING_DAYS, projectChain } from '../domain/chain-projection';
import { roundChain } from '../domain/approval-chain';
import { REGION_COUNCIL } from '../domain/commands';
import { isRegion, REGIONS, roundRespondents } from '../domain/municipalities';
import { copenhagenDate } from '../domain/time';
import { listMeetings } from '../db/queries/meetings';
import { workingDaysAfter } from '../domain/meetings';
import { cuWorkflowId, renewalCuId } from '../domain/ids';
import type { Caller } from '../domain/people';
import type { CuRecord } from '../domain/views';
import type { ReminderPlan } from '../domain/cu';
import type { ApprovalStep } from '../domain/approval-chain';
import { isoDateSchema, municipalityCodeSchema, prose, z } from '../domain/zod';
import { roundParts } from '../db/queries/round-launch';
import { readTemplate } from '../db/queries/templates';
import { centralNoticeWorkflow } from '../workflows';
import * as msg from '../workflows/central-notice/messages';
import type { AppContext } from './context';
import type { Reads } from './reads';

/** What the secretariat gives to launch a round; the rest comes from the register and the configuration. */
export const launchBody = z.strictObject({
  /** All of the CU's region when left out. */
  municipalities: z.array(municipalityCodeSchema).min(1).max(98).optional(),
  deadline: isoDateSchema,
  reminders: reminderPlanSchema.optional(),
  hardStopDaysAfterDeadline: z.number().int().min(1).max(365).optional(),
  councilReminders: reminderPlanSchema.optional(),
  councilHardStopDaysAfterDeadline: z.number().int().min(1).max(365).optional(),
  approvalReminderEveryDays: z.number().int().min(1).max(90).optional(),
  /** The steps after the secretariat's draft, in order; the region's default when left out (Syddanmark: fu, forum, k22, kkr). */
  approvalChain: approvalChainSchema.optional(),
  /** Over the configured addresses of a round. */
  addresses: addressesSchema.partial().optional(),
});
export type LaunchInput = z.input<typeof launchBody>;

/** A launch's values, and what the projection of the rest of the round assumes. */
export const previewBody = launchBody.extend({
  /** Working days the secretariat needs for its draft after the deadline. */
  draftingWorkingDays: z.number().int().min(0).max(120).optional(),
});
export type PreviewInput = z.input<typeof previewBody>;

export const previewExtensionBody = z.strictObject({
  deadline: isoDateSchema,
  draftingWorkingDays: z.number().int().min(0).max(120).optional(),
});
export type PreviewExtensionInput = z.input<typeof previewExtensionBody>;

export const renewalBody = z.strictObject({
  reason: prose({ min: 1, max: 2000, tooShort: 'Skriv en begrundelse' }),
  issuedOn: isoDateSchema,
  nationalDeadline: isoDateSchema,
});
export type RenewalInput = z.input<typeof renewalBody>;

export type CuInput = z.input<typeof cuDefinitionSchema>;
export type RegisterCuInput = z.input<typeof registerCuSchema>;
export { cuDefinitionSchema, registerCuSchema };
export const moveNationalDeadlineBody = msg.moveNationalDeadline.input;
export const withdrawBody = msg.withdrawCu.input;

export function cuCommands(ctx: AppContext, reads: Reads) {
  const { db, config } = ctx;

  /** Reporting from now to `deadline` (each reminder on its working day), then the chain at its meetings, the councils and the end. */
  async function project(
    cu: CuRecord['cu'],
    p: {
      deadline: string;
      reminders: ReminderPlan;
      hardStopDaysAfterDeadline: number;
      municipalities: readonly string[];
      chain: readonly ApprovalStep[];
      everyDays?: number;
      draftingWorkingDays?: number;
    },
    startLabel?: string,
  ) {
    const now = Date.now();
    const closedDays = p.reminders.closedDays;
    const projection = projectRound({
      launchAt: now,
      deadline: p.deadline,
      reminders: p.reminders,
      hardStopDaysAfterDeadline: p.hardStopDaysAfterDeadline,
      nationalDeadline: cu.nationalDeadline,
      ...(startLabel ? { startLabel } : {}),
    });
    const meetings = await ctx.read('Mødekalenderen', () => listMeetings(db, cu.regionCode, { from: copenhagenDate(now) }));
    const chain = projectChain({
      askFrom: workingDaysAfter(p.deadline, p.draftingWorkingDays ?? DEFAULT_DRAFTING_WORKING_DAYS, closedDays),
      draft: true,
      chain: p.chain,
      ...(p.everyDays ? { everyDays: p.everyDays } : {}),
      meetings,
      councils: cu.process.councils ? [...p.municipalities.filter((code) => !isRegion(code)), REGION_COUNCIL] : [],
      councilDays: DEFAULT_COUNCIL_DAYS,
      submitTo: cu.process.submitTo,
      nationalDeadline: cu.nationalDeadline,
      regionName: REGIONS[cu.regionCode],
      ...(closedDays ? { closedDays } : {}),
    });
    const iso = <E extends { at: number }>(events: E[]) => events.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
    return { ...projection, events: iso(projection.events), chain: { ...chain, events: iso(chain.events) } };
  }

  /** Starts the CU's workflow and answers once the registration is in the record. */
  const start = async (start: StartCu): Promise<CuRecord> => {
    const what = `Den centrale udmelding "${start.cu.id}"`;
    const existing = await ctx.read(what, () => db.selectFrom('cu').select('id').where('id', '=', start.cu.id).executeTakeFirst());
    if (existing) throw new UdmeldError('conflict', `${what} findes allerede`);
    await ctx.call(what, async () => {
      const handle = await ctx.client.workflow.start(centralNoticeWorkflow, {
        workflowId: cuWorkflowId(start.cu.id),
        taskQueue: config.temporal.taskQueue,
        args: [start],
      });
      await handle.executeUpdate(msg.registration);
    });
    return reads.record(start.cu.id);
  };

  return {
    /**
     * Registers a CU; made from a template (its newest version unless one is named), it asks the
     * template's questionnaire unless it brings its own, follows the template's process unless it
     * names one, and keeps the template's id and version.
     */
    async registerCu(input: RegisterCuInput, caller: Caller): Promise<CuRecord> {
      ctx.allow(caller, 'registerCu');
      const cu = parseOrThrow(registerCuSchema, input);
      const named = cu.template;
      const template = named && (await ctx.read('Skabelonen', () => readTemplate(db, named.id, named.version)));
      if (named && !template) {
        const path = named.version ? 'template.version' : 'template.id';
        throw new UdmeldError('invalid_input', 'Ukendt skabelon', [
          { path, message: named.version ? `Skabelonen "${named.id}" har ingen version ${named.version}` : `Ukendt skabelon: ${named.id}` },
        ]);
      }
      const definition = template
        ? {
            ...cu,
            questionnaire: cu.questionnaire ?? template.questionnaire,
            process: cu.process ?? template.process,
            template: { id: template.id, version: template.version },
          }
        : cu;
      return start(parseOrThrow(startCuSchema, { cu: definition, by: caller.actor }));
    },

    /** An edit that leaves out the region, the questionnaire, the process or the template keeps the CU's own. */
    async editCu(cuId: string, input: RegisterCuInput, caller: Caller, updateId?: string): Promise<CuAck> {
      ctx.allow(caller, 'editCu', { cuId });
      const cu = parseOrThrow(registerCuSchema, input);
      const kept = (await reads.record(cuId, { answers: false })).cu;
      const edit = {
        ...cu,
        regionCode: cu.regionCode ?? kept.regionCode,
        questionnaire: cu.questionnaire ?? kept.questionnaire,
        process: cu.process ?? kept.process,
        template: cu.template ?? kept.template,
      };
      return ctx.cuCommand(msg.editCu, cuId, { cu: edit }, caller, updateId);
    },

    /**
     * Launches a round with the contacts the register has now (a snapshot: later edits of the register
     * do not change a running round), the configured addresses under the round's own, and the
     * approval chain of the round's process (its template's), or else the region's, unless the launch sets its own.
     */
    async launchRound(cuId: string, input: LaunchInput, caller: Caller, updateId?: string): Promise<CuAck> {
      ctx.allow(caller, 'launchRound', { cuId });
      const launch = parseOrThrow(launchBody, input);
      const { cu } = await reads.record(cuId, { answers: false });
      const { missing, ...parts } = await ctx.read('Kontaktregistret', () => roundParts(db, cu, launch));
      if (missing.length) {
        const issues = missing.map((code) => ({
          path: `contacts.${code}`,
          message: 'Kommunen mangler kontaktpersoner i kontaktregistret',
        }));
        throw new UdmeldError('invalid_input', 'Kontaktregistret mangler kommuner', issues);
      }
      const addresses = { ...config.addresses, ...launch.addresses };
      const command = { ...launch, ...parts, addresses, baseUrl: config.http.publicUrl };
      return ctx.cuCommand(msg.launchRound, cuId, command, caller, updateId);
    },

    /** The round's timeline if it were launched now with these values (what-if): nothing is sent or stored. */
    async previewLaunch(cuId: string, input: PreviewInput, caller: Caller) {
      ctx.allow(caller, 'readCu', { cuId });
      const { draftingWorkingDays, ...launch } = parseOrThrow(previewBody, input);
      const { cu } = await reads.record(cuId, { answers: false });
      return project(cu, {
        deadline: launch.deadline,
        reminders: launch.reminders ?? reminderPlanSchema.parse({}),
        hardStopDaysAfterDeadline: launch.hardStopDaysAfterDeadline ?? 30,
        municipalities: roundRespondents(cu, launch.municipalities),
        chain: roundChain(cu, launch.approvalChain),
        ...(launch.approvalReminderEveryDays ? { everyDays: launch.approvalReminderEveryDays } : {}),
        ...(draftingWorkingDays !== undefined ? { draftingWorkingDays } : {}),
      });
    },

    /** A running round's timeline if its deadline were moved for everyone who has not answered (what-if, before granting it). */
    async previewExtension(cuId: string, input: PreviewExtensionInput, caller: Caller) {
      ctx.allow(caller, 'readCu', { cuId });
      const { deadline, draftingWorkingDays } = parseOrThrow(previewExtensionBody, input);
      const { cu, round } = await reads.record(cuId, { answers: false });
      if (!round) throw new UdmeldError('invalid_state', 'Indberetningen er ikke sendt ud');
      return project(
        cu,
        {
          deadline,
          reminders: round.settings.reminders,
          hardStopDaysAfterDeadline: round.settings.hardStopDaysAfterDeadline,
          municipalities: round.municipalities,
          chain: round.settings.approvalChain,
          ...(round.settings.approvalReminderEveryDays ? { everyDays: round.settings.approvalReminderEveryDays } : {}),
          ...(draftingWorkingDays !== undefined ? { draftingWorkingDays } : {}),
        },
        'Den nye frist meddeles',
      );
    },

    moveNationalDeadline(cuId: string, input: z.input<typeof moveNationalDeadlineBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'moveNationalDeadline', { cuId });
      return ctx.cuCommand(msg.moveNationalDeadline, cuId, input, caller, updateId);
    },

    withdrawCu(cuId: string, input: z.input<typeof withdrawBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'withdrawCu', { cuId });
      return ctx.cuCommand(msg.withdrawCu, cuId, input, caller, updateId);
    },

    /** Fornyet behandling: a new round of a submitted CU, linked to it (its history is in the record). */
    async startRenewedTreatment(cuId: string, input: RenewalInput, caller: Caller): Promise<CuRecord> {
      ctx.allow(caller, 'startRenewedTreatment', { cuId });
      const { reason, issuedOn, nationalDeadline } = parseOrThrow(renewalBody, input);
      const previous = await reads.record(cuId);
      if (previous.phase !== 'submitted') {
        throw new UdmeldError('invalid_state', 'Fornyet behandling kan først begynde, når afrapporteringen er indsendt');
      }
      const n = (previous.renewalOf?.history.length ?? 0) + 1;
      const cu = { ...previous.cu, id: renewalCuId(previous.cu.id, n), issuedOn, nationalDeadline };
      return start({ cu, by: caller.actor, renewalOf: { cuId: previous.cu.id, reason } });
    },
  };
}
