import { isoDateSchema, line, municipalityCodeSchema, prose, regionCodeSchema, z } from './zod';
import { APPROVAL_STEP_IDS } from './approval-chain';
import { chainMeetingsSchema } from './meetings';
import type { IsoDate } from './time';
import { MONTH_DAY } from './working-days';
import { DEFAULT_QUESTIONNAIRE, questionnaireSchema } from './questionnaire';
import { SYDDANMARK } from './municipalities';
import { ACCESS_ROLES, KEY_ID, PERSON_ID, ROLES, SYSTEM, type AccessRole, type Actor } from './actors';

export const MAX_QUESTIONNAIRE_CHARS = 100_000;

export const cuIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'CU-id må kun indeholde små bogstaver, tal og bindestreg (2-63 tegn)');

const email = z.email('Ugyldig e-mailadresse').max(254);
const name = line({ min: 1, max: 120 });

export { ACCESS_ROLES, ROLES, SYSTEM, type AccessRole, type Actor };
export const actorSchema: z.ZodType<Actor> = z.strictObject({
  role: z.enum(ROLES),
  name,
  email: email.optional(),
  personId: z.string().regex(new RegExp(PERSON_ID.source), 'Ugyldigt id').optional(),
  subject: line({ min: 1, max: 255 }).optional(),
  keyId: z.string().regex(new RegExp(KEY_ID.source), 'Ugyldigt id').optional(),
});

/** The steps a round's report goes through, in order, each once (domain/approval-chain.ts). */
export const approvalChainSchema = z
  .array(z.enum(APPROVAL_STEP_IDS))
  .min(1, 'Mindst ét trin')
  .max(APPROVAL_STEP_IDS.length)
  .refine((steps) => new Set(steps).size === steps.length, 'Et trin er med flere gange')
  .meta({ uniqueItems: true });

/**
 * What follows the reporting, as the round's template says: the approval chain (left out, the
 * region's own), whether the councils decide, and where the result goes. A central notice goes to
 * every council and then to the national board; an occupancy round to the working group and the
 * forum, and no further.
 */
export const processSchema = z.strictObject({
  /** Whether the region answers too, beside its municipalities (it runs offers as well). */
  regionResponds: z.boolean().default(false),
  approvalChain: approvalChainSchema.optional(),
  councils: z.boolean().default(true),
  submitTo: z.enum(['national_board', 'none']).default('national_board'),
});
export type CuProcess = z.output<typeof processSchema>;
export const CENTRAL_NOTICE_PROCESS: CuProcess = { regionResponds: false, councils: true, submitTo: 'national_board' };

const cuFields = {
  id: cuIdSchema,
  title: line({ min: 3, max: 300, tooShort: 'Titlen skal have mindst 3 tegn' }),
  targetGroup: prose({ min: 1, max: 1000, tooShort: 'Beskriv målgruppen' }),
  legalBasis: line({ min: 1, max: 300, tooShort: 'Angiv lovgrundlaget' }).default('Serviceloven § 13 b og bekendtgørelse om rammeaftaler'),
  issuedOn: isoDateSchema,
  nationalDeadline: isoDateSchema,
  /** The template the round was made from, and its version. */
  template: z
    .strictObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Små bogstaver, tal og bindestreg, højst 40 tegn'),
      /** Left out when registering: the template's newest version. */
      version: z.number().int().min(1).max(1_000_000).optional(),
    })
    .optional(),
};

function checkedCu<T extends z.ZodType<{ questionnaire?: unknown; nationalDeadline: string; issuedOn: string }>>(schema: T) {
  return (
    schema
      // Every municipality's workflow carries the questionnaire it validates answers against.
      .refine((cu) => cu.questionnaire === undefined || JSON.stringify(cu.questionnaire).length <= MAX_QUESTIONNAIRE_CHARS, {
        path: ['questionnaire'],
        message: `Spørgeskemaet er for stort (højst ${MAX_QUESTIONNAIRE_CHARS / 1000} kB tekst i alt)`,
      })
      .refine((cu) => cu.nationalDeadline > cu.issuedOn, {
        path: ['nationalDeadline'],
        message: 'Den nationale frist skal ligge efter udmeldingsdatoen',
      })
  );
}

export const cuDefinitionSchema = checkedCu(
  z.strictObject({
    ...cuFields,
    regionCode: regionCodeSchema.default(SYDDANMARK),
    questionnaire: questionnaireSchema.default(DEFAULT_QUESTIONNAIRE),
    process: processSchema.default(CENTRAL_NOTICE_PROCESS),
  }),
);

/**
 * What registering or editing a CU takes. Registering from a template, the questionnaire and the
 * process left out are the template's; without one, today's four themes, the central notice's
 * process and Syddanmark. Editing, what is left out of them stays as it was.
 */
export const registerCuSchema = checkedCu(
  z.strictObject({
    ...cuFields,
    regionCode: regionCodeSchema.optional(),
    questionnaire: questionnaireSchema.optional(),
    process: processSchema.optional(),
  }),
);
export type CuDefinition = z.output<typeof cuDefinitionSchema>;

export const startCuSchema = z.strictObject({
  cu: cuDefinitionSchema,
  by: actorSchema,
  /** A renewed treatment (fornyet behandling) names the submitted CU it renews. */
  renewalOf: z.strictObject({ cuId: cuIdSchema, reason: prose({ min: 1, max: 2000 }) }).optional(),
  /** Said in the registration's event (who made it, and why it was not launched). */
  note: prose({ max: 1000 }).optional(),
  /** A round that starts launched (a schedule's): the launch, given by the same actor. */
  launch: z.lazy(() => launchRoundSchema).optional(),
});
export type StartCu = z.output<typeof startCuSchema>;

export const contactSchema = z.strictObject({ name, email });
export const municipalContactsSchema = z.strictObject({
  contacts: z.array(contactSchema).min(1, 'Mindst én kontaktperson').max(10),
  directorEmail: email,
});
export type MunicipalContacts = z.output<typeof municipalContactsSchema>;

export const reminderPlanSchema = z.strictObject({
  daysBefore: z.array(z.number().int().min(1).max(365)).max(10).default([14, 7, 2]),
  overdueEveryDays: z.number().int().min(1).max(90).default(3),
  /** Days (MM-DD) closed every year besides weekends and public holidays; left out, 24 December, 31 December and 5 June. */
  closedDays: z.array(z.string().regex(MONTH_DAY, 'Skriv dagen som MM-DD, fx 12-24')).max(20).optional(),
});
export type ReminderPlan = z.output<typeof reminderPlanSchema>;

export const addressesSchema = z.strictObject({
  secretariat: email,
  forum: email,
  region: email,
  nationalBoard: email,
});
export type Addresses = z.output<typeof addressesSchema>;

export const launchRoundSchema = z
  .strictObject({
    municipalities: z.array(municipalityCodeSchema).min(1).max(98),
    deadline: isoDateSchema,
    reminders: reminderPlanSchema.prefault({}),
    hardStopDaysAfterDeadline: z.number().int().min(1).max(365).default(30),
    councilReminders: reminderPlanSchema.default({ daysBefore: [7, 2], overdueEveryDays: 7 }),
    councilHardStopDaysAfterDeadline: z.number().int().min(1).max(365).default(60),
    /** Days between a step's reminders; left out, each step's own (domain/approval-chain.ts). */
    approvalReminderEveryDays: z.number().int().min(1).max(90).optional(),
    approvalChain: approvalChainSchema,
    /** The chain's upcoming meetings, from the region's calendars when launched; kept current by a signal. */
    meetings: chainMeetingsSchema.default([]),
    contacts: z.record(z.string(), municipalContactsSchema),
    addresses: addressesSchema,
    baseUrl: z.url().max(300),
  })
  .superRefine((launch, ctx) => {
    if (new Set(launch.municipalities).size !== launch.municipalities.length) {
      ctx.addIssue({ code: 'custom', path: ['municipalities'], message: 'En kommune er valgt flere gange' });
    }
    for (const code of launch.municipalities) {
      if (!launch.contacts[code]) ctx.addIssue({ code: 'custom', path: ['contacts', code], message: 'Kommunen mangler kontaktpersoner' });
    }
  });
export type LaunchRound = z.output<typeof launchRoundSchema>;
export type LaunchRoundInput = z.input<typeof launchRoundSchema>;

export const DECISIONS = ['approved', 'approved_with_remarks', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = {
  approved: 'Godkendt',
  approved_with_remarks: 'Godkendt med bemærkninger',
  rejected: 'Ikke godkendt',
};

export type { IsoDate };
