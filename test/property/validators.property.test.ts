// Property-based: whatever arrives, the validators answer with field errors and never throw
// anything else; what they accept is valid when checked again.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { answerValuesSchema } from '../../domain/answer';
import { answerCommandSchema, councilDecisionSchema, extendDeadlineSchema, kkrDecisionSchema } from '../../domain/commands';
import { cuDefinitionSchema, launchRoundSchema } from '../../domain/cu';
import { DEFAULT_QUESTIONNAIRE } from '../../domain/questionnaire';
import { parseAnswerForm } from '../../web/answer-form';

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'antal', 'tilbud', 'values', 'by', 'deadline', 'municipalityCode'), fc.jsonValue()),
  fc.record({ antal: fc.oneof(fc.double(), fc.integer({ min: -1e9, max: 1e9 }), fc.string()), tilbud: fc.array(fc.jsonValue(), { maxLength: 5 }) }, { requiredKeys: [] }),
);

const schemas = {
  'final answer': answerValuesSchema(DEFAULT_QUESTIONNAIRE, true),
  'draft answer': answerValuesSchema(DEFAULT_QUESTIONNAIRE, false),
  'answer command': answerCommandSchema,
  extension: extendDeadlineSchema,
  'KKR decision': kkrDecisionSchema,
  'council decision': councilDecisionSchema,
  launch: launchRoundSchema,
};

test.each(Object.entries(schemas))('%s: never throws, names fields, accepts only what is valid', (_, schema) => {
  fc.assert(
    fc.property(hostile, (input) => {
      const result = schema.safeParse(input);
      if (result.success) expect(schema.safeParse(result.data).success).toBe(true);
      else for (const issue of result.error.issues) expect(typeof issue.message).toBe('string');
    }),
    { numRuns: 500 },
  );
});

test('an answer is never accepted with a negative or fractional count', () => {
  const schema = answerValuesSchema(DEFAULT_QUESTIONNAIRE, false);
  fc.assert(
    fc.property(fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true })), (antal) => {
      expect(schema.safeParse({ antal }).success).toBe(false);
    }),
  );
});

test('the web form parser turns any posted fields into values without throwing', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.oneof(fc.constantFrom('values.antal', 'values.tilbud.0.offer', 'values.tilbud.0.places', 'values.koordinering'), fc.string()), fc.string()), (body) => {
      const values = parseAnswerForm(DEFAULT_QUESTIONNAIRE, body);
      expect(Array.isArray(values.tilbud)).toBe(true);
    }),
  );
});

test('a control character or broken surrogate anywhere in what people type is refused, naming the field', () => {
  const draft = answerValuesSchema(DEFAULT_QUESTIONNAIRE, false);
  const bad = fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\ufffe', '\ud800', '\udc00'), fc.string({ maxLength: 10 })).map(([a, c, b]) => `x${a}${c}${b}y`); // inside the text: trimming cannot take it away
  fc.assert(
    fc.property(bad, fc.constantFrom('koordinering', 'identifikation'), (text, field) => {
      const result = draft.safeParse({ [field]: text });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(field);
    }),
  );
  fc.assert(
    fc.property(bad, (text) => {
      const refused = (issues: { path: PropertyKey[]; message: string }[] | undefined, path: string) =>
        issues?.some((i) => i.path.join('.') === path && i.message === 'Indeholder tegn, der ikke kan bruges (styretegn)');
      const title = cuDefinitionSchema.safeParse({ id: 'cu-1', title: text, targetGroup: 'Målgruppe', issuedOn: '2026-01-01', nationalDeadline: '2027-01-01' });
      expect(refused(title.error?.issues, 'title')).toBe(true);
      const row = draft.safeParse({ tilbud: [{ offer: text, provider: 'region', legalBasis: 'SEL § 107', places: 1 }] });
      expect(refused(row.error?.issues, 'tilbud.0.offer')).toBe(true);
    }),
  );
  // A line break is prose in an answer, but not in a title (it would reach e-mail subjects).
  expect(draft.safeParse({ koordinering: 'To\nlinjer' }).success).toBe(true);
  expect(cuDefinitionSchema.safeParse({ id: 'cu-1', title: 'Titel\r\nBcc: x@y.dk', targetGroup: 'M', issuedOn: '2026-01-01', nationalDeadline: '2027-01-01' }).error?.issues[0]?.message).toBe('Må ikke indeholde linjeskift');
});
