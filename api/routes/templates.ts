// Templates of rounds: the list, one template at a version, a new one, and a new version.
import type { Udmeld } from '../../app';
import { newTemplateSchema, templateBodySchema } from '../../app/templates';
import { OCCUPANCY_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { templateIdSchema, templateSchema, templateSummarySchema } from '../../domain/templates';
import { z } from '../../domain/zod';
import { route, type Route } from '../route';

const TAG = 'Skabeloner';
const templateParams = z.strictObject({ templateId: templateIdSchema });
const example: z.input<typeof templateBodySchema> = {
  name: 'Belægningsprocenter (halvårlig)',
  description: 'Tilbud med en afvigelse på 5 %-point eller mere.',
  questionnaire: OCCUPANCY_QUESTIONNAIRE,
  process: { approvalChain: ['oeg', 'forum'], councils: false, submitTo: 'none' },
};

export function templateRoutes(app: Udmeld): Route[] {
  return [
    route('readTemplates', {
      method: 'get',
      path: '/api/templates',
      tag: TAG,
      summary: 'Skabelonerne for runder: indbyggede og sekretariatets egne, hver i sin nyeste version',
      response: z.array(templateSummarySchema),
      handle: ({ caller }) => app.templates(caller),
    }),
    route('readTemplates', {
      method: 'get',
      path: '/api/templates/:templateId',
      tag: TAG,
      summary: 'Én skabelon med spørgeskema og forløb, i den nyeste eller en navngivet version',
      params: templateParams,
      query: z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000).optional() }),
      response: templateSchema,
      handle: ({ params, query, caller }) => app.template(params.templateId, caller, query.version),
    }),
    route('writeTemplates', {
      method: 'post',
      path: '/api/templates',
      tag: TAG,
      summary: 'Opret en skabelon (version 1)',
      body: newTemplateSchema,
      example: { id: 'belaegning-2027', ...example },
      created: true,
      response: templateSchema,
      handle: ({ body, caller }) => app.createTemplate(body, caller),
    }),
    route('writeTemplates', {
      method: 'put',
      path: '/api/templates/:templateId',
      tag: TAG,
      summary: 'Gem en skabelon: en ny version, når indholdet er ændret; runder fra tidligere versioner beholder deres',
      params: templateParams,
      body: templateBodySchema,
      example,
      response: templateSchema,
      handle: ({ params, body, caller }) => app.saveTemplate(params.templateId, body, caller),
    }),
  ];
}
