import { line, prose, z } from './zod';
import { questionsOf, type Question, type Questionnaire } from './questionnaire';

export const PROVIDER_TYPES = {
  egen_kommune: 'Egen kommune',
  anden_kommune: 'Anden kommune',
  region: 'Region',
  privat: 'Privat leverandør',
} as const;
export type ProviderType = keyof typeof PROVIDER_TYPES;

export const serviceRowSchema = z.strictObject({
  offer: line(z.string().trim().min(1, 'Angiv tilbuddets navn').max(200)),
  provider: z.enum(Object.keys(PROVIDER_TYPES) as [ProviderType, ...ProviderType[]], {
    message: 'Leverandørtypen skal være egen_kommune, anden_kommune, region eller privat',
  }),
  providerName: line(z.string().trim().max(200)).optional(),
  legalBasis: line(z.string().trim().min(1, 'Angiv lovgrundlag, fx SEL § 107').max(100)),
  places: z.number().int('Antal pladser skal være et helt tal').min(0, 'Antal pladser kan ikke være negativt').max(100_000),
});
export type ServiceRow = z.output<typeof serviceRowSchema>;

export type AnswerValue = number | string | ServiceRow[];
export type AnswerValues = Record<string, AnswerValue>;

const missingOr = (message: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'Feltet skal udfyldes' : message) });

const count = z
  .number(missingOr('Skal være et tal'))
  .int('Skal være et helt tal')
  .min(0, 'Antallet kan ikke være negativt')
  .max(1_000_000, 'Antallet er urealistisk stort');

function valueSchema(question: Question, complete: boolean): z.ZodType<AnswerValue> {
  const needed = complete && question.required;
  switch (question.kind) {
    case 'number':
      return count;
    case 'text':
      return prose(z.string(missingOr('Skal være tekst')).trim().max(question.maxLength, `Højst ${question.maxLength} tegn`)).refine(
        (s) => !needed || s.length > 0,
        { message: 'Feltet skal udfyldes' },
      );
    case 'services':
      return z.array(serviceRowSchema, missingOr('Skal være en liste af tilbud')).max(200, 'Højst 200 tilbud');
  }
}

/**
 * The schema of an answer to one questionnaire. `complete` (submission) requires every required
 * question; drafts may leave anything out. Unknown question ids are always rejected.
 */
export function answerValuesSchema(questionnaire: Questionnaire, complete: boolean): z.ZodType<AnswerValues> {
  const shape: Record<string, z.ZodType<AnswerValue | undefined>> = {};
  for (const question of questionsOf(questionnaire)) {
    const value = valueSchema(question, complete);
    shape[question.id] = complete && question.required ? value : value.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<AnswerValues>;
}
