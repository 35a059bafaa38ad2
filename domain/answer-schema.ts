// The zod schema of an answer, for the API, the pages and the tests: the rules are checkAnswer's
// (domain/answer.ts), the one implementation the municipality's workflow uses as well.
import { checkAnswer, type AnswerValues } from './answer';
import type { Questionnaire } from './questionnaire';
import { z } from './zod';

export function answerValuesSchema(questionnaire: Questionnaire, complete: boolean): z.ZodType<AnswerValues> {
  return z.unknown().transform((input, ctx) => {
    const checked = checkAnswer(questionnaire, input, complete);
    if (checked.ok) return checked.value;
    for (const issue of checked.issues)
      ctx.addIssue({ code: 'custom', path: issue.path ? issue.path.split('.') : [], message: issue.message });
    return z.NEVER;
  });
}
