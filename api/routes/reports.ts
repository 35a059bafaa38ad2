// The files: the report (Word, HTML), the approved report for a council, the answers (Excel, CSV)
// and the audit trail (JSON, CSV, Excel).
import type { Udmeld } from '../../app';
import { auditFilterSchema } from '../../domain/audit';
import { cuIdSchema } from '../../domain/cu';
import { z } from '../../domain/zod';
import { file, route, type Route } from '../route';
import { councilParams, cuParams, municipalityParams } from './params';
import { MEDIA } from '../../app/downloads';
import { auditEventSchema } from '../../domain/views';

const reportQuery = z.strictObject({ beskyttet: z.enum(['ja', 'nej']).optional() });

export function reportRoutes(app: Udmeld): Route[] {
  return [
    route('readReport', {
      method: 'get',
      path: '/api/cus/:cuId/report.docx',
      tag: 'Afrapportering',
      summary: 'Afrapporteringen som Word-dokument (mærket udkast indtil godkendelse; små tal beskyttet for andre end sekretariatet)',
      params: cuParams,
      query: reportQuery,
      response: file(MEDIA.docx),
      handle: ({ params, query, caller }) => app.reportDocx(params.cuId, caller, { protected: query.beskyttet === 'ja' }),
    }),
    route('readReport', {
      method: 'get',
      path: '/api/cus/:cuId/report.html',
      tag: 'Afrapportering',
      summary: 'Afrapporteringen som webside',
      params: cuParams,
      query: reportQuery,
      response: file(MEDIA.html),
      handle: ({ params, query, caller }) => app.reportHtml(params.cuId, caller, { protected: query.beskyttet === 'ja' }),
    }),
    route('readCouncilReport', {
      method: 'get',
      path: '/api/cus/:cuId/municipalities/:code/report.docx',
      tag: 'Afrapportering',
      summary: 'Den godkendte afrapportering til kommunalbestyrelsens behandling, som Word (små tal beskyttet)',
      params: municipalityParams,
      response: file(MEDIA.docx),
      handle: ({ params, caller }) => app.councilReport(params.cuId, { code: params.code }, caller),
    }),
    route('readCouncilReport', {
      method: 'get',
      path: '/api/cus/:cuId/councils/:council/report.docx',
      tag: 'Afrapportering',
      summary: 'Den godkendte afrapportering til en kommunalbestyrelses eller regionsrådets behandling, som Word (små tal beskyttet)',
      params: councilParams,
      response: file(MEDIA.docx),
      handle: ({ params, caller }) => app.councilReport(params.cuId, { council: params.council }, caller),
    }),
    route('readAnswers', {
      method: 'get',
      path: '/api/cus/:cuId/answers.xlsx',
      tag: 'Afrapportering',
      summary: 'Alle besvarelser som Excel: et ark pr. tema, en række pr. kommune, tilbud på eget ark (præcise tal)',
      params: cuParams,
      response: file(MEDIA.xlsx),
      handle: ({ params, caller }) => app.answersXlsx(params.cuId, caller),
    }),
    route('readAnswers', {
      method: 'get',
      path: '/api/cus/:cuId/answers/:sheet.csv',
      tag: 'Afrapportering',
      summary: 'Besvarelserne for ét tema (eller "tilbudsliste") som CSV med semikolon',
      params: z.strictObject({ cuId: cuIdSchema, sheet: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/) }),
      response: file(MEDIA.csv),
      handle: ({ params, caller }) => app.answersCsv(params.cuId, params.sheet, caller),
    }),
    route('readAudit', {
      method: 'get',
      path: '/api/cus/:cuId/audit',
      tag: 'Revisionsspor',
      summary: 'Revisionssporet: hver hændelse med hvem, hvad, hvornår og hvilken kommune',
      params: cuParams,
      query: auditFilterSchema,
      response: z.array(auditEventSchema),
      handle: ({ params, query, caller }) => app.auditTrail(params.cuId, query, caller),
    }),
    route('readAudit', {
      method: 'get',
      path: '/api/cus/:cuId/audit.csv',
      tag: 'Revisionsspor',
      summary: 'Revisionssporet som CSV med semikolon',
      params: cuParams,
      query: auditFilterSchema,
      response: file(MEDIA.csv),
      handle: ({ params, query, caller }) => app.auditCsv(params.cuId, query, caller),
    }),
    route('readAudit', {
      method: 'get',
      path: '/api/cus/:cuId/audit.xlsx',
      tag: 'Revisionsspor',
      summary: 'Revisionssporet som Excel-ark',
      params: cuParams,
      query: auditFilterSchema,
      response: file(MEDIA.xlsx),
      handle: ({ params, query, caller }) => app.auditXlsx(params.cuId, query, caller),
    }),
  ];
}
