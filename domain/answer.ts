// A municipality's answer to a questionnaire and the rules it must keep, without a validation
// library: the municipality's workflow checks answers with `checkAnswer` in every Update validator,
// and the zod schema the API, pages and tests use (domain/answer-schema.ts) is built on it.
import { at, Checker, type Checked } from './check';
import type { Question, Questionnaire } from './questionnaire';

export const PROVIDER_TYPES = {
  egen_kommune: 'Egen kommune',
  anden_kommune: 'Anden kommune',
  region: 'Region',
  privat: 'Privat leverandør',
} as const;
export type ProviderType = keyof typeof PROVIDER_TYPES;
const PROVIDERS = Object.keys(PROVIDER_TYPES) as ProviderType[];

export interface ServiceRow {
  offer: string;
  provider: ProviderType;
  providerName?: string;
  legalBasis: string;
  places: number;
}

export type AnswerValue = number | string | ServiceRow[];
export type AnswerValues = Record<string, AnswerValue>;

export const MAX_SERVICE_ROWS = 200;
const SERVICE_FIELDS = ['offer', 'provider', 'providerName', 'legalBasis', 'places'] as const;

function count(
  c: Checker,
  value: unknown,
  path: string,
  messages: { notInteger: string; negative: string; max: number; tooLarge: string },
): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return c.fail(path, value === undefined ? 'Feltet skal udfyldes' : 'Skal være et tal');
  const before = c.issues.length;
  if (!Number.isInteger(value)) c.fail(path, messages.notInteger);
  if (value < 0) c.fail(path, messages.negative);
  if (value > messages.max) c.fail(path, messages.tooLarge);
  return c.issues.length === before ? value : undefined;
}

function serviceRow(c: Checker, value: unknown, path: string): ServiceRow | undefined {
  const o = c.object(value, path, SERVICE_FIELDS);
  if (!o) return undefined;
  const offer = c.text(o.offer, at(path, 'offer'), { min: 1, max: 200, minMessage: 'Angiv tilbuddets navn' });
  const provider = c.oneOf(
    o.provider,
    at(path, 'provider'),
    PROVIDERS,
    'Leverandørtypen skal være egen_kommune, anden_kommune, region eller privat',
  );
  const providerName = o.providerName === undefined ? undefined : c.text(o.providerName, at(path, 'providerName'), { max: 200 });
  const legalBasis = c.text(o.legalBasis, at(path, 'legalBasis'), { min: 1, max: 100, minMessage: 'Angiv lovgrundlag, fx SEL § 107' });
  const places = count(c, o.places, at(path, 'places'), {
    notInteger: 'Antal pladser skal være et helt tal',
    negative: 'Antal pladser kan ikke være negativt',
    max: 100_000,
    tooLarge: 'Højst 100.000 pladser',
  });
  if (offer === undefined || !provider || legalBasis === undefined || places === undefined) return undefined;
  return { offer, provider, ...(providerName !== undefined ? { providerName } : {}), legalBasis, places };
}

function answerValue(c: Checker, question: Question, value: unknown, path: string, needed: boolean): AnswerValue | undefined {
  switch (question.kind) {
    case 'number':
      return count(c, value, path, {
        notInteger: 'Skal være et helt tal',
        negative: 'Antallet kan ikke være negativt',
        max: 1_000_000,
        tooLarge: 'Antallet er urealistisk stort',
      });
    case 'text': {
      const text = c.text(value, path, { max: question.maxLength, multiline: true });
      return text === '' && needed ? c.fail(path, 'Feltet skal udfyldes') : text;
    }
    case 'services': {
      if (!Array.isArray(value)) return c.fail(path, value === undefined ? 'Feltet skal udfyldes' : 'Skal være en liste af tilbud');
      if (value.length > MAX_SERVICE_ROWS) return c.fail(path, `Højst ${MAX_SERVICE_ROWS} tilbud`);
      const rows = value.map((row, i) => serviceRow(c, row, at(path, i)));
      return rows.every((r) => r !== undefined) ? rows : undefined;
    }
  }
}

/**
 * An answer to one questionnaire, read from anything. `complete` (a submission) requires every
 * required question; a draft may leave anything out, but what it has must be valid. Unknown
 * question ids are never accepted. Texts are trimmed.
 */
export function checkAnswer(questionnaire: Questionnaire, input: unknown, complete: boolean, path = ''): Checked<AnswerValues> {
  const c = new Checker();
  const questions = questionnaire.themes.flatMap((t) => t.questions);
  const given = c.object(
    input,
    path,
    questions.map((q) => q.id),
    'Skal være et objekt med svar',
  );
  const values: AnswerValues = {};
  if (given) {
    for (const question of questions) {
      const raw = given[question.id];
      const needed = complete && question.required;
      if (raw === undefined) {
        if (needed) c.fail(at(path, question.id), 'Feltet skal udfyldes');
        continue;
      }
      const value = answerValue(c, question, raw, at(path, question.id), needed);
      if (value !== undefined) values[question.id] = value;
    }
  }
  return c.done(values);
}
