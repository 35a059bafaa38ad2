// Templates of rounds: listing and reading them (any version), creating one, and saving a new version.
import { createTemplate, listTemplates, readTemplate, saveTemplate } from '../db/queries/templates';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { newTemplateSchema, templateBodySchema, templateIdSchema, type Template, type TemplateSummary } from '../domain/templates';
import type { z } from '../domain/zod';
import type { AppContext } from './context';

export { newTemplateSchema, templateBodySchema };
export type NewTemplateInput = z.input<typeof newTemplateSchema>;
export type TemplateInput = z.input<typeof templateBodySchema>;

export function templateCommands(ctx: AppContext) {
  const { db } = ctx;
  const what = 'Skabelonerne';

  const find = async (id: string, version?: number): Promise<Template> => {
    const found = templateIdSchema.safeParse(id).success ? await ctx.read(what, () => readTemplate(db, id, version)) : undefined;
    if (!found) throw new UdmeldError('not_found', version ? `Skabelonen "${id}" findes ikke i version ${version}` : `Ukendt skabelon: ${id}`);
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
