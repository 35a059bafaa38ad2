// Templates of rounds: listing and reading them (any version), creating one, and saving a new version.
import { createTemplate, listTemplates, readTemplate, saveTemplate } from '../db/queries/templates';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { newTemplateSchema, templateBodySchema, templateIdSchema, type Template, type TemplateSummary } from '../domain/templates';
import type { FieldIssue, z } from '../domain/zod';
import { checkAnswer } from '../domain/answer';
import { questionnaireSchema, type Questionnaire } from '../domain/questionnaire';
import type { AppContext } from './context';

export { newTemplateSchema, templateBodySchema };
export type NewTemplateInput = z.input<typeof newTemplateSchema>;
export type TemplateInput = z.input<typeof templateBodySchema>;

export function templateCommands(ctx: AppContext) {
  const { db } = ctx;
  const what = 'Skabelonerne';

  const find = async (id: string, version?: number): Promise<Template> => {
    const found = templateIdSchema.safeParse(id).success ? await ctx.read(what, () => readTemplate(db, id, version)) : undefined;
    if (!found)
      throw new UdmeldError('not_found', version ? `Skabelonen "${id}" findes ikke i version ${version}` : `Ukendt skabelon: ${id}`);
    return found;
  };

  return {
    templates(caller: Caller): Promise<TemplateSummary[]> {
      ctx.allow(caller, 'readTemplates');
      return ctx.read(what, () => listTemplates(db));
    },

    template(id: string, caller: Caller, version?: number): Promise<Template> {
      ctx.allow(caller, 'readTemplates');
      return find(id, version);
    },

    async createTemplate(input: NewTemplateInput, caller: Caller): Promise<Template> {
      ctx.allow(caller, 'writeTemplates');
      const { id, ...body } = parseOrThrow(newTemplateSchema, input);
      if (!(await ctx.read(what, () => createTemplate(db, id, body, caller.actor)))) {
        throw new UdmeldError('conflict', `Skabelonen "${id}" findes allerede`, [{ path: 'id', message: 'Findes allerede' }]);
      }
      return find(id);
    },

    /**
     * A respondent's answer to a questionnaire tried out in the preview, checked as a submission would
     * be (the same checker as the API's and the workflow's); nothing is stored.
     */
    tryQuestionnaire(
      input: { questionnaire: unknown; values?: unknown },
      caller: Caller,
    ): { questionnaire: Questionnaire; issues: FieldIssue[] } {
      ctx.allow(caller, 'readTemplates');
      const questionnaire = parseOrThrow(questionnaireSchema, input.questionnaire);
      const checked = input.values === undefined ? undefined : checkAnswer(questionnaire, input.values, true, 'values');
      return { questionnaire, issues: !checked || checked.ok ? [] : checked.issues };
    },

    /** A new version of the template when the content changed; rounds made from earlier versions keep theirs. */
    async saveTemplate(id: string, input: TemplateInput, caller: Caller): Promise<Template> {
      ctx.allow(caller, 'writeTemplates');
      await find(id);
      const body = parseOrThrow(templateBodySchema, input);
      await ctx.read(what, () => saveTemplate(db, id, body, caller.actor));
      return find(id);
    },
  };
}
