// A municipality's answer and what the secretariat does about it: drafts and submissions (by the
// municipality's own contacts, or the secretariat for it), extension, revision, excuse.
import { answerBody, excuseBody, extendDeadlineBody, requestRevisionBody } from '../domain/commands';
import { roundQuestionnaire, storeAnswerUpload } from '../db/queries/answer-uploads';
import { checkAnswer } from '../domain/answer';
import { carriedOver } from '../domain/answer-diff';
import type { Questionnaire } from '../domain/questionnaire';
import { cuIdSchema } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { line, municipalityCodeSchema, z } from '../domain/zod';
import { ATTACHMENT_REF, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sniffAttachment, type AttachmentRef } from '../domain/attachments';
import { ownAttachments, readAttachment, storeAttachment } from '../db/queries/attachments';
import { questionsOf } from '../domain/questionnaire';
import { Download, MEDIA } from './downloads';
import { previousAnswer, readMunicipality } from '../db/queries/municipality-view';
import { answerWorkbook, readAnswerWorkbook } from '../report/answer-workbook';
import * as msg from '../workflows/messages';
import type { AppContext } from './context';

export { answerBody, excuseBody, extendDeadlineBody, requestRevisionBody };

/** Which question a file answers, and its name as the respondent knows it. */
export const attachmentQuery = z.strictObject({
  question: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Et spørgsmåls id'),
  name: line({ min: 1, max: 200, tooShort: 'Angiv filens navn' }),
});

/** A file's name for the Content-Disposition header: ASCII, the Danish letters spelled out. */
const asciiName = (name: string) =>
  name
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/Æ/g, 'Ae')
    .replace(/Ø/g, 'Oe')
    .replace(/Å/g, 'Aa')
    .replace(/[^\w. -]/g, '_');

export function answerCommands(ctx: AppContext) {
  const target = (cuId: string, code: string) => ({
    cuId: parseOrThrow(cuIdSchema, cuId),
    code: parseOrThrow(municipalityCodeSchema, code),
  });

  // A round's questionnaire is fixed at launch (the CU version it was launched with): kept once read.
  const questionnaires = new Map<string, Questionnaire>();
  const questionnaireOf = async (cuId: string) => {
    const known = questionnaires.get(cuId);
    if (known) return known;
    const found = await ctx.read('Spørgeskemaet', () => roundQuestionnaire(ctx.db, cuId));
    if (found) {
      if (questionnaires.size >= 500) questionnaires.delete(questionnaires.keys().next().value ?? '');
      questionnaires.set(cuId, found);
    }
    return found;
  };

  /**
   * Checks an answer against the questionnaire its round asks (a submission must be complete) and
   * stores it in the record; the workflow's Update then carries only its reference.
   */
  const upload = async (at: { cuId: string; code: string }, input: z.input<typeof answerBody>, complete: boolean) => {
    const { values } = parseOrThrow(answerBody, input);
    const questionnaire = await questionnaireOf(at.cuId);
    if (!questionnaire) throw new UdmeldError('not_found', 'Indberetningen findes ikke (udmeldingen er ukendt eller ikke sendt ud)');
    const checked = checkAnswer(questionnaire, values, complete, 'values');
    if (!checked.ok) throw new UdmeldError('invalid_input', 'Svaret har fejl', checked.issues);
    // A file an answer names must be one this respondent uploaded to this round.
    const files = questionsOf(questionnaire).flatMap((q) => {
      const file = q.kind === 'attachment' ? checked.value[q.id] : undefined;
      return file && typeof file === 'object' && !Array.isArray(file) ? [{ id: q.id, ref: file.ref }] : [];
    });
    const own = await ctx.read('De vedhæftede filer', () =>
      ownAttachments(
        ctx.db,
        at.cuId,
        at.code,
        files.map((f) => f.ref),
      ),
    );
    const strangers = files.filter((f) => !own.has(f.ref));
    if (strangers.length)
      throw new UdmeldError(
        'invalid_input',
        'Svaret har fejl',
        strangers.map((f) => ({ path: `values.${f.id}`, message: 'Filen er ikke uploadet til denne besvarelse' })),
      );
    return ctx.read('Svaret', () => storeAnswerUpload(ctx.db, { cuId: at.cuId, code: at.code, values: checked.value, complete }));
  };

  return {
    async saveDraft(cuId: string, code: string, input: z.input<typeof answerBody>, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'saveDraft', at);
      const ref = await upload(at, input, false);
      return ctx.municipalityCommand(msg.saveDraft, cuId, at.code, { municipalityCode: at.code, ref, by: caller.actor }, updateId);
    },

    /**
     * Last period's answer copied in as the draft: what of it fits this round's questionnaire (the
     * answers to questions it still asks, and still accepts). The respondent then checks and submits it.
     */
    async copyPreviousAnswer(cuId: string, code: string, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'saveDraft', at);
      const [questionnaire, previous] = await Promise.all([
        questionnaireOf(at.cuId),
        ctx.read('Sidste periodes svar', () => previousAnswer(ctx.db, at.cuId, at.code)),
      ]);
      if (!questionnaire) throw new UdmeldError('not_found', 'Indberetningen findes ikke (udmeldingen er ukendt eller ikke sendt ud)');
      if (!previous) throw new UdmeldError('not_found', 'Der er intet svar fra sidste periode at kopiere');
      const values = carriedOver(questionnaire, previous.values);
      const ref = await ctx.read('Svaret', () => storeAnswerUpload(ctx.db, { cuId: at.cuId, code: at.code, values, complete: false }));
      return ctx.municipalityCommand(msg.saveDraft, cuId, at.code, { municipalityCode: at.code, ref, by: caller.actor }, updateId);
    },

    /**
     * A file for an attachment question, kept in the record under its hash; the answer then names it.
     * Its type is told by its content: a PDF, Word (DOCX) or Excel (XLSX) file, at most 20 MB.
     */
    async uploadAttachment(
      cuId: string,
      code: string,
      input: z.input<typeof attachmentQuery>,
      bytes: Buffer | undefined,
      caller: Caller,
    ): Promise<AttachmentRef> {
      const at = target(cuId, code);
      ctx.allow(caller, 'saveDraft', at);
      const { question, name } = parseOrThrow(attachmentQuery, input);
      const questionnaire = await questionnaireOf(at.cuId);
      if (!questionnaire) throw new UdmeldError('not_found', 'Indberetningen findes ikke (udmeldingen er ukendt eller ikke sendt ud)');
      if (questionsOf(questionnaire).find((q) => q.id === question)?.kind !== 'attachment')
        throw new UdmeldError('invalid_input', 'Ukendt spørgsmål', [
          { path: 'query.question', message: 'Spørgeskemaet har intet spørgsmål med en vedhæftet fil med dette id' },
        ]);
      if (!bytes || bytes.length === 0) throw new UdmeldError('invalid_input', 'Ingen fil', [{ path: 'file', message: 'Filen er tom' }]);
      if (bytes.length > MAX_ATTACHMENT_BYTES)
        throw new UdmeldError('invalid_input', 'Filen er for stor', [{ path: 'file', message: 'Højst 20 MB' }]);
      const kind = sniffAttachment(bytes);
      if (!kind)
        throw new UdmeldError('invalid_input', 'Filtypen kan ikke bruges', [
          { path: 'file', message: 'Kun PDF, Word (DOCX) og Excel (XLSX): filens indhold er ingen af dem' },
        ]);
      return ctx.read('Filen', () =>
        storeAttachment(ctx.db, { cuId: at.cuId, code: at.code, name, mediaType: ATTACHMENT_TYPES[kind], bytes, by: caller.actor }),
      );
    },

    /** The answer (or draft) as a workbook in the questionnaire's layout, to fill in Excel. */
    async answerWorkbook(cuId: string, code: string, caller: Caller): Promise<Download> {
      const at = target(cuId, code);
      ctx.allow(caller, 'readMunicipality', at);
      const view = await ctx.read('Besvarelsen', () => readMunicipality(ctx.db, at.cuId, at.code));
      if (!view) throw new UdmeldError('not_found', 'Indberetningen findes ikke');
      const values = view.draft?.values ?? view.answer?.values ?? {};
      return new Download(MEDIA.xlsx, `${at.cuId}-${at.code}.xlsx`, await answerWorkbook(view.questionnaire, values));
    },

    /**
     * A workbook filled in Excel, saved as the draft: its answers over the draft's, which keeps its
     * files and offers (they are answered on the page). Checked as any draft; nothing is saved when wrong.
     */
    async importAnswerWorkbook(cuId: string, code: string, bytes: Buffer | undefined, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'saveDraft', at);
      if (!bytes || sniffAttachment(bytes) !== 'xlsx')
        throw new UdmeldError('invalid_input', 'Filen kan ikke læses', [
          { path: 'file', message: 'Vælg en Excel-fil (XLSX), fx den, der hentes fra siden' },
        ]);
      const view = await ctx.read('Besvarelsen', () => readMunicipality(ctx.db, at.cuId, at.code));
      if (!view) throw new UdmeldError('not_found', 'Indberetningen findes ikke');
      const read = await readAnswerWorkbook(view.questionnaire, bytes).catch(() => {
        throw new UdmeldError('invalid_input', 'Filen kan ikke læses', [{ path: 'file', message: 'Excel-filen kunne ikke læses' }]);
      });
      const kept = Object.fromEntries(
        Object.entries(view.draft?.values ?? view.answer?.values ?? {}).filter(([id]) =>
          questionsOf(view.questionnaire).some((q) => q.id === id && (q.kind === 'attachment' || q.kind === 'services')),
        ),
      );
      const ref = await upload(at, { values: { ...kept, ...read } }, false);
      return ctx.municipalityCommand(msg.saveDraft, cuId, at.code, { municipalityCode: at.code, ref, by: caller.actor }, updateId);
    },

    /** A file attached to the respondent's answer, for those who may read the answer. */
    async attachment(cuId: string, code: string, ref: string, caller: Caller): Promise<Download> {
      const at = target(cuId, code);
      ctx.allow(caller, 'readMunicipality', at);
      const found = ATTACHMENT_REF.test(ref) ? await ctx.read('Filen', () => readAttachment(ctx.db, at.cuId, at.code, ref)) : undefined;
      if (!found) throw new UdmeldError('not_found', 'Filen findes ikke');
      return new Download(found.media_type, asciiName(found.name), found.data);
    },

    async submitAnswer(cuId: string, code: string, input: z.input<typeof answerBody>, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'submitAnswer', at);
      const ref = await upload(at, input, true);
      return ctx.municipalityCommand(msg.submitAnswer, cuId, at.code, { municipalityCode: at.code, ref, by: caller.actor }, updateId);
    },

    extendDeadline(cuId: string, code: string, input: z.input<typeof extendDeadlineBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'extendDeadline', target(cuId, code));
      return ctx.municipalityCommand(msg.extendDeadline, cuId, code, { ...input, by: caller.actor }, updateId);
    },

    requestRevision(cuId: string, code: string, input: z.input<typeof requestRevisionBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'requestRevision', target(cuId, code));
      return ctx.municipalityCommand(msg.requestRevision, cuId, code, { ...input, by: caller.actor }, updateId);
    },

    excuseMunicipality(cuId: string, code: string, input: z.input<typeof excuseBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'excuseMunicipality', target(cuId, code));
      return ctx.municipalityCommand(msg.excuseMunicipality, cuId, code, { ...input, by: caller.actor }, updateId);
    },
  };
}
