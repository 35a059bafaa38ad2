// Templates of rounds: listing and reading them (any version), creating one, and saving a new version.
import { createTemplate, listTemplates, readTemplate, saveTemplate } from '../db/queries/templates';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { newTemplateSchema, templateBodySchema, templateIdSchema, type Template, type TemplateSummary } from '../domain/templates';
import type { FieldIssue, z } from '../domain/zod';
import { createHash } from 'node:crypto';
import { checkAnswer } from '../domain/answer';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sniffAttachment } from '../domain/attachments';
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
      input: {
        questionnaire: unknown;
        values?: Record<string, unknown>;
        files?: { questionId: string; name: string; bytes: Buffer; tooLarge?: boolean }[];
      },
      caller: Caller,
    ): { questionnaire: Questionnaire; issues: FieldIssue[]; values: Record<string, unknown> } {
      ctx.allow(caller, 'readTemplates');
      const questionnaire = parseOrThrow(questionnaireSchema, input.questionnaire);
      if (input.values === undefined) return { questionnaire, issues: [], values: {} };
      // A file chosen is typed as an upload would be, and named by its hash; it is kept nowhere.
      const values = { ...input.values };
      const fileIssues: FieldIssue[] = [];
      for (const file of input.files ?? []) {
        const kind = sniffAttachment(file.bytes);
        if (file.tooLarge || file.bytes.length > MAX_ATTACHMENT_BYTES)
          fileIssues.push({ path: `values.${file.questionId}`, message: 'Højst 20 MB' });
        else if (!kind)
          fileIssues.push({
            path: `values.${file.questionId}`,
            message: 'Kun PDF, Word (DOCX) og Excel (XLSX): filens indhold er ingen af dem',
          });
        else
          values[file.questionId] = {
            ref: createHash('sha256').update(file.bytes).digest('hex'),
            name: file.name.slice(0, 200) || 'fil',
            size: file.bytes.length,
            mediaType: ATTACHMENT_TYPES[kind],
          };
      }
      const checked = checkAnswer(questionnaire, values, true, 'values');
      const issues = [...fileIssues, ...(checked.ok ? [] : checked.issues.filter((i) => !fileIssues.some((f) => f.path === i.path)))];
      return { questionnaire, issues, values };
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
