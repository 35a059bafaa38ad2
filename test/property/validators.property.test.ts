// Property-based: whatever arrives, the validators answer with field errors and never throw
// anything else; what they accept is valid when checked again.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { answerValuesSchema } from '../../domain/answer-schema';
import type { Checked } from '../../domain/check';
import { excuseBody, extendDeadlineBody, requestRevisionBody } from '../../domain/commands';
import { actorSchema } from '../../domain/cu';
import { municipalityCodeSchema, z } from '../../domain/zod';
import * as cu from '../../workflows/central-notice/messages';
import { readAnswerCommand, readExcuse, readExtendDeadline, readRequestRevision } from '../../domain/municipality-commands';
import { cuDefinitionSchema } from '../../domain/cu';
import { DEFAULT_QUESTIONNAIRE } from '../../domain/questionnaire';
import { parseAnswerForm } from '../../web/answer-form';

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'antal', 'tilbud', 'values', 'by', 'deadline', 'municipalityCode'),
    fc.jsonValue(),
  ),
  fc.record(
    { antal: fc.oneof(fc.double(), fc.integer({ min: -1e9, max: 1e9 }), fc.string()), tilbud: fc.array(fc.jsonValue(), { maxLength: 5 }) },
    { requiredKeys: [] },
  ),
);

// A municipality's commands as its workflow gets them: the API's body and who gives it.
const by = { by: actorSchema };
// An answer reaches the workflow by its reference (the application checked and stored it first).
const answerCommandSchema = z.strictObject({ municipalityCode: municipalityCodeSchema, ref: z.string().regex(/^[0-9a-f]{64}$/), ...by });
const extendDeadlineSchema = extendDeadlineBody.extend(by);
const requestRevisionSchema = requestRevisionBody.extend(by);
const excuseSchema = excuseBody.extend(by);

const schemas = {
  'final answer': answerValuesSchema(DEFAULT_QUESTIONNAIRE, true),
  'draft answer': answerValuesSchema(DEFAULT_QUESTIONNAIRE, false),
  'answer command': answerCommandSchema,
  extension: extendDeadlineSchema,
  'step decision': cu.recordStepDecision.schema,
  'council decision': cu.recordCouncilDecision.schema,
  launch: cu.launchRound.schema,
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
    fc.property(
      fc.dictionary(
        fc.oneof(fc.constantFrom('values.antal', 'values.tilbud.0.offer', 'values.tilbud.0.places', 'values.koordinering'), fc.string()),
        fc.string(),
      ),
      (body) => {
        const values = parseAnswerForm(DEFAULT_QUESTIONNAIRE, { ...body, 'values.tilbud.paa-siden': 'ja' });
        expect(Array.isArray(values.tilbud)).toBe(true);
      },
    ),
  );
});

test('a control character or broken surrogate anywhere in what people type is refused, naming the field', () => {
  const draft = answerValuesSchema(DEFAULT_QUESTIONNAIRE, false);
  const bad = fc
    .tuple(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\ufffe', '\ud800', '\udc00'),
      fc.string({ maxLength: 10 }),
    )
    .map(([a, c, b]) => `x${a}${c}${b}y`); // inside the text: trimming cannot take it away
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
      const title = cuDefinitionSchema.safeParse({
        id: 'cu-1',
        title: text,
        targetGroup: 'Målgruppe',
        issuedOn: '2026-01-01',
        nationalDeadline: '2027-01-01',
      });
      expect(refused(title.error?.issues, 'title')).toBe(true);
      const row = draft.safeParse({ tilbud: [{ offer: text, provider: 'region', legalBasis: 'SEL § 107', places: 1 }] });
      expect(refused(row.error?.issues, 'tilbud.0.offer')).toBe(true);
    }),
  );
  // A line break is prose in an answer, but not in a title (it would reach e-mail subjects).
  expect(draft.safeParse({ koordinering: 'To\nlinjer' }).success).toBe(true);
  expect(
    cuDefinitionSchema.safeParse({
      id: 'cu-1',
      title: 'Titel\r\nBcc: x@y.dk',
      targetGroup: 'M',
      issuedOn: '2026-01-01',
      nationalDeadline: '2027-01-01',
    }).error?.issues[0]?.message,
  ).toBe('Må ikke indeholde linjeskift');
});

test('the municipality workflow’s own readers agree with the API’s zod schemas, input by input', () => {
  const actor = fc.oneof(
    fc.constant({ role: 'municipality', name: 'Kontakt 0461', email: 'kontakt@odense.dk' }),
    fc.constant({ role: 'secretariat', name: 'Sekretariatet' }),
    fc.constant({ role: 'municipality', name: 'Karen Kontakt', email: 'karen@odense.dk', personId: 'p_abcdefgh12', subject: 'sub-1' }),
    fc.constant({ role: 'secretariat', name: 'ESDH', keyId: 'k1a2b3c4d5' }),
    fc.record(
      {
        role: fc.constant('secretariat'),
        name: fc.constant('X'),
        personId: fc.constantFrom('p_short', 'q_abcdefgh12', 'p_abcdefgh12'),
        keyId: fc.constantFrom('K!', 'abcdefgh1'),
      },
      { requiredKeys: ['role', 'name'] },
    ),
    fc.record({ role: fc.constantFrom('secretariat', 'chef', ''), name: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('', '  ', 'Ret tallet', 'a\u0001b', 'to\nlinjer', '\ud800', 'x'.repeat(5001)),
  );
  const date = fc.oneof(fc.constantFrom('2027-02-28', '2027-02-30', '27-2-2028', '2028-02-29', ''), fc.string({ maxLength: 10 }));
  const field = fc.oneof(
    text,
    date,
    fc.integer(),
    fc.constant(undefined),
    fc.constant(null),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  );
  const input = fc.record(
    {
      deadline: fc.oneof(date, field),
      reason: fc.oneof(text, field),
      comment: fc.oneof(text, field),
      municipalityCode: fc.constantFrom('461', '0461', '9999', 'x', ''),
      values: field,
      ref: fc.constantFrom('a'.repeat(64), 'A'.repeat(64), 'x', ''),
      by: actor,
      extra: fc.constant(1),
    },
    { requiredKeys: [] },
  );
  const pairs: [string, z.ZodType, (i: unknown) => Checked<unknown>][] = [
    ['extension', extendDeadlineSchema, readExtendDeadline],
    ['revision', requestRevisionSchema, readRequestRevision],
    ['excuse', excuseSchema, readExcuse],
    ['answer', answerCommandSchema, readAnswerCommand],
  ];
  fc.assert(
    fc.property(input, fc.constantFrom(...pairs), (candidate, [name, schema, read]) => {
      const zod = schema.safeParse(candidate);
      const own = read(candidate);
      expect(own.ok, `${name}: ${JSON.stringify(candidate)} zod says ${JSON.stringify(zod.error?.issues.map((i) => i.message))}`).toBe(
        zod.success,
      );
      if (own.ok && zod.success) expect(own.value).toEqual(zod.data);
      if (!own.ok && !zod.success)
        expect(new Set(own.issues.map((i) => i.path.split('.')[0]))).toEqual(new Set(zod.error.issues.map((i) => String(i.path[0] ?? ''))));
    }),
    { numRuns: 3000 },
  );
});
