// The files people take away: the report (Word, HTML), the answers (Excel, CSV), the audit trail
// (CSV, Excel), the approved report for a council's treatment, and e-mails kept in the outbox.
// Everything that leaves the secretariat protects small numbers.
import { listOutbox, outboxMessage, type OutboxEntry } from '../db/queries/mail';
import type { AccessFilter, AuditFilter } from '../domain/audit';
import type { CuPhase } from '../domain/cu-process';
import { UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { answersCsv, answersXlsx, csvSheets, XLSX } from '../report/answers-export';
import { auditCsv, auditXlsx } from '../report/audit-export';
import { DOCX, reportDocx } from '../report/docx';
import { REPORT_STYLE, reportHtml } from '../report/html';
import { reportModel } from '../report/model';
import type { AppContext } from './context';
import type { readCommands, Reads } from './reads';

/** The media types of the files (the API's document declares them per route). */
export const MEDIA = { docx: DOCX, xlsx: XLSX, csv: 'text/csv', html: 'text/html', eml: 'message/rfc822' } as const;

/** A file to send instead of JSON. */
export class Download {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly body: Buffer | string,
    /** Shown in the browser rather than saved. */
    readonly inline = false,
    /** Stylesheets the document carries inline (allowed by their hash). */
    readonly inlineStyles: string[] = [],
  ) {}
}

/** From the councils' treatment on, a municipality and Regionsrådet may read the approved report. */
const COUNCILS_SEE_REPORT: readonly CuPhase[] = ['political', 'ready', 'submitted', 'completed'];

export function downloadCommands(ctx: AppContext, reads: Reads, read: ReturnType<typeof readCommands>) {
  const { config } = ctx;
  /** The secretariat sees exact figures unless it asks for the protected report; everyone else never does. */
  const thresholdFor = (caller: Caller, asProtected: boolean) =>
    caller.role !== 'secretariat' || asProtected ? config.smallNumberThreshold : undefined;

  return {
    async reportDocx(cuId: string, caller: Caller, options: { protected?: boolean } = {}): Promise<Download> {
      ctx.allow(caller, 'readReport', { cuId });
      const state = await reads.record(cuId, { answers: false });
      const docx = await reportDocx(reportModel(state, { threshold: thresholdFor(caller, options.protected ?? false) }));
      return new Download(MEDIA.docx, `afrapportering-${state.cu.id}.docx`, docx);
    },

    async reportHtml(cuId: string, caller: Caller, options: { protected?: boolean } = {}): Promise<Download> {
      ctx.allow(caller, 'readReport', { cuId });
      const state = await reads.record(cuId, { answers: false });
      const page = await reportHtml(reportModel(state, { threshold: thresholdFor(caller, options.protected ?? false) }));
      return new Download(MEDIA.html, `afrapportering-${state.cu.id}.html`, page, true, [REPORT_STYLE]);
    },

    /** The report as approved for the councils, small numbers protected. */
    async councilReport(cuId: string, party: { code: string } | { council: string }, caller: Caller): Promise<Download> {
      ctx.allow(caller, 'readCouncilReport', { cuId, ...party });
      const state = await reads.record(cuId, { answers: false });
      if (!COUNCILS_SEE_REPORT.includes(state.phase)) {
        throw new UdmeldError('invalid_state', 'Afrapporteringen er ikke godkendt til politisk behandling endnu');
      }
      const docx = await reportDocx(reportModel(state, { threshold: config.smallNumberThreshold }));
      return new Download(MEDIA.docx, `afrapportering-${state.cu.id}.docx`, docx);
    },

    async answersXlsx(cuId: string, caller: Caller): Promise<Download> {
      const state = await read.fullCu(cuId, caller);
      return new Download(MEDIA.xlsx, `besvarelser-${state.cu.id}.xlsx`, await answersXlsx(state));
    },

    async answersCsv(cuId: string, sheet: string, caller: Caller): Promise<Download> {
      const state = await read.fullCu(cuId, caller);
      const csv = answersCsv(state, sheet);
      if (csv === undefined) throw new UdmeldError('not_found', `Arket findes ikke; vælg et af: ${csvSheets(state).join(', ')}`);
      return new Download(MEDIA.csv, `besvarelser-${state.cu.id}-${sheet}.csv`, csv);
    },

    async auditCsv(cuId: string, filter: AuditFilter, caller: Caller): Promise<Download> {
      const events = await read.auditTrail(cuId, filter, caller);
      return new Download(MEDIA.csv, `revisionsspor-${cuId}.csv`, auditCsv(events));
    },

    async auditXlsx(cuId: string, filter: AuditFilter, caller: Caller): Promise<Download> {
      const events = await read.auditTrail(cuId, filter, caller);
      const state = await reads.record(cuId, { answers: false });
      return new Download(MEDIA.xlsx, `revisionsspor-${cuId}.xlsx`, await auditXlsx(events, state.cu.title));
    },

    async accessTrailCsv(filter: AccessFilter, caller: Caller): Promise<Download> {
      return new Download(MEDIA.csv, 'adgangsspor.csv', auditCsv(await read.accessTrail(filter, caller)));
    },

    async accessTrailXlsx(filter: AccessFilter, caller: Caller): Promise<Download> {
      return new Download(MEDIA.xlsx, 'adgangsspor.xlsx', await auditXlsx(await read.accessTrail(filter, caller), 'Adgang'));
    },

    outbox(caller: Caller): Promise<OutboxEntry[]> {
      ctx.allow(caller, 'readOutbox');
      return ctx.read('Udbakken', () => listOutbox(ctx.db));
    },

    async outboxMessage(id: number, caller: Caller): Promise<Download> {
      ctx.allow(caller, 'readOutbox');
      const message = await ctx.read('Udbakken', () => outboxMessage(ctx.db, id));
      if (!message) throw new UdmeldError('not_found', 'E-mailen findes ikke i udbakken');
      return new Download(MEDIA.eml, `udmeld-${id}.eml`, message);
    },
  };
}
