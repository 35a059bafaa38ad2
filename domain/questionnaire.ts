import { line, prose, z } from './zod';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Id må kun indeholde små bogstaver, tal, - og _ (højst 40 tegn)');
const labelSchema = line({ min: 1, max: 500 });

const questionBase = {
  id: idSchema,
  label: labelSchema,
  help: prose({ max: 2000 }).optional(),
  required: z.boolean().default(true),
};

export const questionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...questionBase, kind: z.literal('number'), unit: line({ max: 40 }).optional() }),
  z.strictObject({ ...questionBase, kind: z.literal('text'), maxLength: z.number().int().min(1).max(20_000).default(5000) }),
  z.strictObject({ ...questionBase, kind: z.literal('services') }),
]);

export const themeSchema = z.strictObject({
  id: idSchema,
  title: labelSchema,
  questions: z.array(questionSchema).min(1).max(30),
});

export const questionnaireSchema = z.strictObject({ themes: z.array(themeSchema).min(1).max(12) }).superRefine((q, ctx) => {
  const seen = new Set<string>();
  q.themes.forEach((theme, t) =>
    theme.questions.forEach((question, i) => {
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['themes', t, 'questions', i, 'id'],
          message: `Spørgsmåls-id "${question.id}" bruges flere gange`,
        });
      }
      seen.add(question.id);
    }),
  );
});

export type Question = z.output<typeof questionSchema>;
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
        { id: 'antal', kind: 'number', label: 'Antal borgere i målgruppen det seneste år', unit: 'borgere', required: true },
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
