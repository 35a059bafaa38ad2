// Templates: what a kind of round asks (its questionnaire) and what follows the reporting (its
// process), kept in the record with every version. A round starts from a template's version and may
// change the questionnaire before launch; the CU keeps its own copy and the version it came from.
import { CENTRAL_NOTICE_PROCESS, processSchema, type CuProcess } from './cu';
import { BLANK_QUESTIONNAIRE, OCCUPANCY_QUESTIONNAIRE, TARIFF_QUESTIONNAIRE } from './builtin-questionnaires';
import { DEFAULT_QUESTIONNAIRE, questionnaireSchema, type Questionnaire } from './questionnaire';
import { line, prose, z } from './zod';

export const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const templateIdSchema = z.string().regex(TEMPLATE_ID, 'Små bogstaver, tal og bindestreg, højst 40 tegn');

/** A template's content: each save of it is a new version. */
export const templateBodySchema = z.strictObject({
  name: line({ min: 1, max: 120, tooShort: 'Giv skabelonen et navn' }),
  description: prose({ max: 2000 }).default(''),
  questionnaire: questionnaireSchema,
  process: processSchema.default(CENTRAL_NOTICE_PROCESS),
});
export type TemplateBody = z.output<typeof templateBodySchema>;

export const newTemplateSchema = z.strictObject({ id: templateIdSchema, ...templateBodySchema.shape });

export const templateVersionSchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  /** Who saved it (a name; "udmeld" for the built-in first version). */
  createdBy: z.string(),
});

export const templateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  builtin: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TemplateSummary = z.output<typeof templateSummarySchema>;

export const templateSchema = templateSummarySchema.extend({
  questionnaire: questionnaireSchema,
  process: processSchema,
  versions: z.array(templateVersionSchema),
});
export type Template = z.output<typeof templateSchema>;

const ASSESSED_BY_THE_FORUM: CuProcess = { regionResponds: true, approvalChain: ['oeg', 'forum'], councils: false, submitTo: 'none' };

/** The templates udmeld comes with, stored as their first version when the record is set up. */
export const BUILTIN_TEMPLATES: readonly ({ id: string } & TemplateBody)[] = [
  {
    id: 'central-udmelding',
    name: 'Central udmelding',
    description:
      'Social- og Boligstyrelsens centrale udmelding: de fire sædvanlige temaer, regionens godkendelseskæde, alle kommunalbestyrelser og regionsrådet, og indsendelse til styrelsen.',
    questionnaire: DEFAULT_QUESTIONNAIRE,
    process: CENTRAL_NOTICE_PROCESS,
  },
  {
    id: 'belaegning',
    name: 'Belægningsprocenter (halvårlig)',
    description:
      'Hver kommune og regionen oplyser de tilbud, hvor den faktiske belægning afviger 5 %-point eller mere fra den budgetterede. Økonomisk arbejdsgruppe vurderer, og Socialdirektørforum tager til efterretning. Ingen politisk behandling og ingen indsendelse.',
    questionnaire: OCCUPANCY_QUESTIONNAIRE,
    process: ASSESSED_BY_THE_FORUM,
  },
  {
    id: 'takstindberetning',
    name: 'Takstindberetning',
    description:
      'Takster for det kommende år for hvert tilbud, der sælges til andre kommuner, med ændringen beregnet og forklaret ved 5 % eller mere, og borgernes egenbetaling. Økonomisk arbejdsgruppe vurderer, og Socialdirektørforum tager til efterretning.',
    questionnaire: TARIFF_QUESTIONNAIRE,
    process: ASSESSED_BY_THE_FORUM,
  },
  {
    id: 'tom',
    name: 'Tom skabelon',
    description: 'Ét tema med ét tekstspørgsmål at bygge videre på.',
    questionnaire: BLANK_QUESTIONNAIRE,
    process: CENTRAL_NOTICE_PROCESS,
  },
];

/** Where a process sends its result, in words. */
export function processInWords(process: CuProcess): string {
  const councils = process.councils ? 'kommunalbestyrelserne og regionsrådet behandler' : 'ingen politisk behandling';
  const to = process.submitTo === 'national_board' ? 'indsendes til Social- og Boligstyrelsen' : 'afsluttes uden indsendelse';
  return `${councils}; ${to}`;
}

export type { Questionnaire };
