// A questionnaire: themes of questions, each of a kind (a number, a text, a choice, yes/no, a date,
// a table with typed columns, a value computed from others, the table of offers), some shown or
// required only when another answer meets a rule. The schema checks that every reference names a
// question (or a column of the same table) that can hold what the rule compares.
import { MAX_TABLE_ROWS } from './answer';
import { COMPARISONS, refsOf, type Expr, type Rule } from './expressions';
import { line, prose, z } from './zod';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Id må kun indeholde små bogstaver, tal, - og _ (højst 40 tegn)');
const labelSchema = line({ min: 1, max: 500 });

const anyExpr: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.strictObject({ ref: idSchema }),
    z.strictObject({ num: z.number().min(-1e9).max(1e9) }),
    z.strictObject({ op: z.enum(['add', 'sub', 'mul', 'div']), args: z.array(anyExpr).length(2) }),
    z.strictObject({ op: z.literal('abs'), arg: anyExpr }),
  ]),
) as z.ZodType<Expr>;

/** Operations nest at most this deep: ((ny − forrige) / forrige) × 100 is 3. */
export const MAX_EXPR_DEPTH = 6;
const depthOf = (e: Expr): number => ('op' in e ? 1 + Math.max(...('arg' in e ? [e.arg] : e.args).map(depthOf)) : 0);
export const exprSchema = anyExpr.refine(
  (e) => depthOf(e) <= MAX_EXPR_DEPTH,
  `Udtrykket er for dybt (højst ${MAX_EXPR_DEPTH} regnearter inden i hinanden)`,
);

export const ruleSchema = z.strictObject({
  when: exprSchema,
  is: z.enum(Object.keys(COMPARISONS) as [keyof typeof COMPARISONS, ...(keyof typeof COMPARISONS)[]]),
  than: z.union([z.number().min(-1e9).max(1e9), idSchema, z.boolean()]),
}) as z.ZodType<Rule>;

export const optionSchema = z.strictObject({ id: idSchema, label: labelSchema });
const options = z
  .array(optionSchema)
  .min(1, 'Mindst én mulighed')
  .max(50)
  .refine((o) => new Set(o.map((x) => x.id)).size === o.length, 'En mulighed er med flere gange');

/** A number's range and precision (a percent's too). */
const numberRules = (max: number, decimals: number) => ({
  min: z.number().min(-1e9).max(1e9).default(0),
  max: z.number().min(-1e9).max(1e9).default(max),
  decimals: z.number().int().min(0).max(4).default(decimals),
});

/** When it is shown, and when it must be answered, beyond `required`. */
const conditions = {
  shownWhen: ruleSchema.optional(),
  requiredWhen: ruleSchema.optional(),
};

const columnBase = { id: idSchema, label: labelSchema, required: z.boolean().default(true), ...conditions };
export const columnSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...columnBase, kind: z.literal('text'), maxLength: z.number().int().min(1).max(5000).default(500) }),
  z.strictObject({ ...columnBase, kind: z.literal('number'), unit: line({ max: 40 }).optional(), ...numberRules(1_000_000, 0) }),
  z.strictObject({ ...columnBase, kind: z.literal('percent'), ...numberRules(1000, 1) }),
  z.strictObject({ ...columnBase, kind: z.literal('choice'), options }),
  z.strictObject({ ...columnBase, kind: z.literal('yesno') }),
  z.strictObject({ ...columnBase, kind: z.literal('computed'), expr: exprSchema, decimals: z.number().int().min(0).max(4).default(1) }),
]);

const questionBase = {
  id: idSchema,
  label: labelSchema,
  help: prose({ max: 2000 }).optional(),
  required: z.boolean().default(true),
  ...conditions,
};

export const questionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...questionBase, kind: z.literal('number'), unit: line({ max: 40 }).optional(), ...numberRules(1_000_000, 0) }),
  z.strictObject({ ...questionBase, kind: z.literal('text'), maxLength: z.number().int().min(1).max(20_000).default(5000) }),
  z.strictObject({ ...questionBase, kind: z.literal('choice'), options, multiple: z.boolean().default(false) }),
  z.strictObject({ ...questionBase, kind: z.literal('yesno') }),
  z.strictObject({ ...questionBase, kind: z.literal('date') }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('table'),
    columns: z
      .array(columnSchema)
      .min(1)
      .max(12)
      .refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'En kolonne er med flere gange'),
    /** Rows given by the questionnaire (each respondent fills the same rows); absent, the respondent adds rows. */
    rows: z.array(optionSchema).min(1).max(MAX_TABLE_ROWS).optional(),
    maxRows: z.number().int().min(1).max(MAX_TABLE_ROWS).default(MAX_TABLE_ROWS),
  }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('computed'),
    expr: exprSchema,
    unit: line({ max: 40 }).optional(),
    decimals: z.number().int().min(0).max(4).default(0),
  }),
  z.strictObject({ ...questionBase, kind: z.literal('services') }),
  /** A PDF, Word or Excel file (at most 20 MB), e.g. the budget behind a tariff. */
  z.strictObject({ ...questionBase, kind: z.literal('attachment') }),
]);

export const themeSchema = z.strictObject({
  id: idSchema,
  title: labelSchema,
  questions: z.array(questionSchema).min(1).max(30),
});

export const questionnaireSchema = z.strictObject({ themes: z.array(themeSchema).min(1).max(12) }).superRefine((q, ctx) => {
  const byId = new Map<string, Question>();
  q.themes.forEach((theme, t) => {
    // The report's assessment section has this id among the themes' summaries (domain/report.ts).
    if (theme.id === 'vurdering')
      ctx.addIssue({ code: 'custom', path: ['themes', t, 'id'], message: 'Id\'et "vurdering" er forbeholdt afrapporteringens vurdering' });
  });
  q.themes.forEach((theme, t) =>
    theme.questions.forEach((question, i) => {
      if (byId.has(question.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['themes', t, 'questions', i, 'id'],
          message: `Spørgsmåls-id "${question.id}" bruges flere gange`,
        });
      }
      byId.set(question.id, question);
    }),
  );
  // Every reference names a question, or in a table a column of the same row (a computed value only
  // numbers); a question does not depend on itself.
  q.themes.forEach((theme, t) =>
    theme.questions.forEach((question, i) => {
      const at = ['themes', t, 'questions', i];
      const columns = question.kind === 'table' ? question.columns : [];
      const range = (item: { kind: string; min?: number; max?: number }, path: (string | number)[]) => {
        if ((item.kind === 'number' || item.kind === 'percent') && item.min !== undefined && item.max !== undefined && item.min > item.max)
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'max'],
            message: `Største værdi (${item.max}) er mindre end mindste værdi (${item.min})`,
          });
      };
      range(question, at);
      columns.forEach((column, c) => range(column, [...at, 'columns', c]));
      const known = (ref: string) => byId.has(ref) || columns.some((c) => c.id === ref);
      const check = (refs: string[], path: (string | number)[], self: string) => {
        for (const ref of refs) {
          if (ref === self) ctx.addIssue({ code: 'custom', path, message: `"${ref}" kan ikke afhænge af sig selv` });
          else if (!known(ref)) ctx.addIssue({ code: 'custom', path, message: `Henviser til "${ref}", som ikke findes` });
        }
      };
      for (const key of ['shownWhen', 'requiredWhen'] as const) {
        const rule = question[key];
        if (rule) check(refsOf(rule.when), [...at, key], question.id);
      }
      if (question.kind === 'computed') check(refsOf(question.expr), [...at, 'expr'], question.id);
      columns.forEach((column, c) => {
        for (const key of ['shownWhen', 'requiredWhen'] as const) {
          const rule = column[key];
          if (rule) check(refsOf(rule.when), [...at, 'columns', c, key], column.id);
        }
        if (column.kind === 'computed') check(refsOf(column.expr), [...at, 'columns', c, 'expr'], column.id);
      });
    }),
  );
});

export type Question = z.output<typeof questionSchema>;
export type QuestionKind = Question['kind'];
export type Column = z.output<typeof columnSchema>;
export type Option = z.output<typeof optionSchema>;
export type Theme = z.output<typeof themeSchema>;
export type Questionnaire = z.output<typeof questionnaireSchema>;

export function questionsOf(questionnaire: Questionnaire): Question[] {
  return questionnaire.themes.flatMap((t) => t.questions);
}

/** The four themes the national board usually asks about (domain brief). */
export const DEFAULT_QUESTIONNAIRE: Questionnaire = {
  themes: [
    {
      id: 'maalgruppe',
      title: 'Målgruppen',
      questions: [
        {
          id: 'antal',
          kind: 'number',
          label: 'Antal borgere i målgruppen det seneste år',
          unit: 'borgere',
          required: true,
          min: 0,
          max: 1_000_000,
          decimals: 0,
        },
        { id: 'identifikation', kind: 'text', label: 'Hvordan er borgerne i målgruppen identificeret?', required: true, maxLength: 5000 },
      ],
    },
    {
      id: 'tilbud',
      title: 'Højt specialiserede tilbud og indsatser',
      questions: [
        { id: 'tilbud', kind: 'services', label: 'Hvilke højt specialiserede tilbud og indsatser anvender kommunen?', required: true },
        { id: 'udfordringer', kind: 'text', label: 'Udfordringer med at sikre udbuddet', required: false, maxLength: 5000 },
      ],
    },
    {
      id: 'koordinering',
      title: 'Koordinering og samarbejde',
      questions: [
        {
          id: 'koordinering',
          kind: 'text',
          label: 'Hvordan koordinerer kommunen på tværs af kommuner, med regionen, psykiatrien og sygehusene?',
          required: true,
          maxLength: 5000,
        },
      ],
    },
    {
      id: 'fremadrettet',
      title: 'Fremadrettet tilrettelæggelse',
      questions: [
        {
          id: 'fremadrettet',
          kind: 'text',
          label: 'Hvordan vil kommunen tilrettelægge indsatsen fremadrettet?',
          required: true,
          maxLength: 5000,
        },
      ],
    },
  ],
};
