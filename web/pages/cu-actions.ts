// The forms on a CU's page, each a row: the button's `handling` (`<action>` or `<action>:<code>` for a
// municipality's or council's row), what it gives the application, and the message shown after it.
import { ASSESSMENT, OWN_SECTION_IDS } from '../../domain/report';
import type { Udmeld } from '../../app';
import { cuDefinitionSchema } from '../../app/cu';
import { isApprovalStep } from '../../domain/approval-chain';
import { parseOrThrow, UdmeldError } from '../../domain/errors';
import { municipality, respondentsOfRegion, type RegionCode } from '../../domain/municipalities';
import type { Caller } from '../../domain/people';
import { danishDate, ISO_DATE, isValidDate } from '../../domain/time';
import { closedReason, weekdayOf, workingDay } from '../../domain/working-days';
import { contactsFromForm } from '../contact-fields';
import { parseCouncilForm } from '../council-form';
import { parseStepDecisionForm } from '../cu-parts';
import { parseCuForm } from '../questionnaire-form';

export type Body = Record<string, string>;

/** The municipalities ticked on the round board (one checkbox each, all named `valgt`). */
export const chosen = (b: Body): string[] => {
  const ticked: unknown = (b as Record<string, unknown>).valgt;
  return Array.isArray(ticked) ? ticked.map(String) : typeof ticked === 'string' ? [ticked] : [];
};

interface Form {
  app: Udmeld;
  cuId: string;
  /** The municipality or council of the row the form is on. */
  code: string;
  /** The form's fields. */
  b: Body;
  caller: Caller;
}

/** A form's fields of a round-wide form or a row, whose names carry its prefix (`runde.deadline`, `0461.reason`). */
/**
 * The prefix of a row's form's fields: the municipality's code, and the form's name after it where
 * two forms of one row have a field of the same name (the exemption's reason next to the extension's).
 */
export const rowPrefix = (form: string, code: string) => (form === 'frita' ? `${code}.frita` : code);

const field = (b: Body, prefix: string, name: string) => b[`${prefix}.${name}`] ?? '';

/** Each form's action; what it answers is the key of the message to show (or where to go). */
export const CU_ACTIONS: Record<string, (form: Form) => Promise<string>> = {
  async ret({ app, cuId, b, caller }) {
    // The form holds neither the region, the process nor the template: the CU keeps its own.
    const { regionCode: _r, process: _p, template: _t, ...edit } = parseOrThrow(cuDefinitionSchema, { ...parseCuForm(b), id: cuId });
    await app.editCu(cuId, edit, caller);
    return 'rettet';
  },
  async udsend({ app, cuId, b, caller }) {
    const { cu } = await app.fullCu(cuId, caller, { answers: false });
    const chosen = respondentsOfRegion(cu.regionCode, true).filter((c) => b[`kommune.${c}`] === 'ja');
    if (chosen.length === 0)
      throw new UdmeldError('invalid_input', 'Vælg kommuner', [{ path: 'kommuner', message: 'Vælg mindst én kommune' }]);
    const deadline = b.deadline ?? '';
    // A deadline on a weekend or a holiday is flagged, with the next working day offered.
    const closed = ISO_DATE.test(deadline) && isValidDate(deadline) ? closedReason(deadline) : undefined;
    if (closed && b.keepDeadline !== 'ja') {
      const next = workingDay(deadline, 1);
      throw new UdmeldError('invalid_input', 'Fristen er ikke en arbejdsdag', [
        {
          path: 'deadline',
          message: `${danishDate(deadline)} er ${closed === weekdayOf(deadline) ? `en ${closed}` : closed}, ikke en arbejdsdag. Næste arbejdsdag er ${weekdayOf(next)} ${danishDate(next)}: skriv den, eller sæt flueben ved "Behold fristen"`,
        },
      ]);
    }
    const launch = { municipalities: chosen, ...launchTiming(b) };
    await app.launchRound(cuId, launch, caller).catch((err: unknown) => {
      // The register's gaps belong to the municipality's checkbox on this page.
      if (err instanceof UdmeldError) {
        for (const issue of err.issues) {
          const code = /^contacts\.(\d{4})$/.exec(issue.path)?.[1];
          if (code) Object.assign(issue, { path: `kommune.${code}`, message: `${municipality(code).name}: ${issue.message}` });
        }
      }
      throw err;
    });
    return 'udsendt';
  },
  async forlaeng({ app, cuId, code, b, caller }) {
    await app.extendDeadline(cuId, code, { deadline: field(b, code, 'deadline'), reason: field(b, code, 'reason') }, caller);
    return 'forlaenget';
  },
  async revision({ app, cuId, code, b, caller }) {
    await app.requestRevision(cuId, code, { comment: field(b, code, 'comment') }, caller);
    return 'revision';
  },
  async frita({ app, cuId, code, b, caller }) {
    await app.excuseMunicipality(cuId, code, { reason: field(b, rowPrefix('frita', code), 'reason') }, caller);
    return 'fritaget';
  },
  async 'paamind-valgte'({ app, cuId, b, caller }) {
    await app.remindMunicipalities(cuId, { codes: chosen(b) }, caller);
    return 'paamindet';
  },
  async 'forlaeng-valgte'({ app, cuId, b, caller }) {
    await app.extendDeadlines(cuId, { codes: chosen(b), deadline: b['valgte.deadline'] ?? '', reason: b['valgte.reason'] ?? '' }, caller);
    return 'forlaenget-valgte';
  },
  async 'forlaeng-runde'({ app, cuId, b, caller }) {
    await app.extendRound(cuId, { deadline: field(b, 'runde', 'deadline'), reason: field(b, 'runde', 'reason') }, caller);
    return 'runde';
  },
  async 'national-frist'({ app, cuId, b, caller }) {
    const input = { nationalDeadline: field(b, 'national', 'nationalDeadline'), reason: field(b, 'national', 'reason') };
    await app.moveNationalDeadline(cuId, input, caller);
    return 'nationalfrist';
  },
  async kontakter({ app, cuId, code, b, caller }) {
    await app.changeRoundContacts(cuId, code, contactsFromForm(b, code), caller);
    return 'kontakter';
  },
  async genaabn({ app, cuId, code, b, caller }) {
    await app.reopenMunicipality(cuId, code, { deadline: field(b, code, 'deadline'), reason: field(b, code, 'reason') }, caller);
    return 'genaabnet';
  },
  async 'gensend-invitation'({ app, cuId, code, caller }) {
    await app.resendToMunicipality(cuId, code, { what: 'invitation' }, caller);
    return 'gensendt';
  },
  async 'gensend-paamindelse'({ app, cuId, code, caller }) {
    await app.resendToMunicipality(cuId, code, { what: 'reminder' }, caller);
    return 'gensendt';
  },
  async 'traek-tilbage'({ app, cuId, b, caller }) {
    await app.withdrawCu(cuId, { reason: field(b, 'traek', 'reason') }, caller);
    return 'trukket';
  },
  async luk({ app, cuId, caller }) {
    await app.closeReporting(cuId, caller);
    return 'lukket';
  },
  async vurdering({ app, cuId, b, caller }) {
    await app.editReport(cuId, { summaries: { [ASSESSMENT]: b[`summary.${ASSESSMENT}`] ?? '' } }, caller);
    return 'gemt';
  },
  async sammenfatning(form) {
    await saveSummaries(form);
    return 'gemt';
  },
  /** Saves the summaries and sends the draft into the approval chain. */
  async godkendelse(form) {
    await saveSummaries(form);
    await form.app.sendForApproval(form.cuId, form.caller);
    return 'godkendelse';
  },
  async trin({ app, cuId, b, caller }) {
    const step = b.trin ?? '';
    if (!isApprovalStep(step))
      throw new UdmeldError('invalid_input', 'Ukendt trin', [{ path: 'trin', message: 'Ukendt trin i godkendelsesforløbet' }]);
    await app.recordStepDecision(cuId, step, parseStepDecisionForm(b), caller);
    return 'trin';
  },
  async raad({ app, cuId, code, b, caller }) {
    const decision = parseCouncilForm({ decision: b[`${code}.decision`], date: b[`${code}.date`], remarks: b[`${code}.remarks`] });
    await app.recordCouncilDecision(cuId, code, decision, caller);
    return 'raad';
  },
  async forny({ app, cuId, b, caller }) {
    const input = {
      reason: field(b, 'forny', 'reason'),
      issuedOn: field(b, 'forny', 'issuedOn'),
      nationalDeadline: field(b, 'forny', 'nationalDeadline'),
    };
    const renewed = await app.startRenewedTreatment(cuId, input, caller);
    return `fornyet:${renewed.cu.id}`;
  },
  async indsend({ app, cuId, caller }) {
    await app.submitReport(cuId, caller);
    return 'indsendt';
  },
};

async function saveSummaries({ app, cuId, b, caller }: Form) {
  const { cu } = await app.fullCu(cuId, caller, { answers: false });
  const summaries = Object.fromEntries(
    [...cu.questionnaire.themes.map((t) => t.id), ...OWN_SECTION_IDS].map((id) => [id, b[`summary.${id}`] ?? '']),
  );
  await app.editReport(cuId, { summaries }, caller);
}

/** Carries out one form's action; returns the key of the message to show. */
/** The launch form's dates and reminders, as the launch (and its preview) takes them. */
/** The launch form's values as the preview takes them: the launch's, and the working days the draft takes. */
export function previewTiming(b: Body, regionCode: RegionCode) {
  const chosen = respondentsOfRegion(regionCode, true).filter((c) => b[`kommune.${c}`] === 'ja');
  return {
    ...launchTiming(b),
    ...(chosen.length ? { municipalities: chosen } : {}),
    draftingWorkingDays: Number(b.draftingDays),
  };
}

export function launchTiming(b: Body) {
  const daysBefore = (b.reminderDays ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  return {
    deadline: b.deadline ?? '',
    reminders: { daysBefore, overdueEveryDays: Number(b.overdueEveryDays) },
    hardStopDaysAfterDeadline: Number(b.hardStop),
  };
}

export function act(app: Udmeld, cuId: string, b: Body, caller: Caller): Promise<string> {
  const [action = '', code = ''] = String(b.handling ?? '').split(':');
  const run = Object.hasOwn(CU_ACTIONS, action) ? CU_ACTIONS[action] : undefined;
  if (!run) throw new UdmeldError('invalid_input', 'Ukendt handling');
  return run({ app, cuId, code, b, caller });
}

export const MESSAGES: Record<string, string> = {
  registreret: 'Den centrale udmelding er registreret.',
  fornyet: 'Den fornyede behandling er registreret. Send den ud til kommunerne herunder.',
  rettet: 'Den centrale udmelding er rettet.',
  udsendt: 'Indberetningen er sendt ud til kommunerne.',
  forlaenget: 'Fristen er forlænget, og kommunen har fået besked.',
  paamindet: 'Påmindelserne er sendt til de valgte kommuner.',
  'forlaenget-valgte': 'Fristen er forlænget for de valgte kommuner, og de har fået besked.',
  trukket: 'Den centrale udmelding er trukket tilbage; kommunerne har fået besked.',
  gensendt: 'E-mailen er sendt igen til kommunens kontaktpersoner.',
  genaabnet: 'Kommunen er genåbnet og har fået besked. Afrapporteringen dannes igen, når kommunen har svaret.',
  kontakter: 'Kontaktpersonerne er skiftet; nye kontaktpersoner har fået invitationen.',
  runde: 'Hele indberetningen er forlænget; kommuner, der endnu ikke har svaret, får besked.',
  nationalfrist: 'Den nationale frist er flyttet.',
  revision: 'Kommunen er bedt om en revision.',
  fritaget: 'Kommunen er fritaget.',
  lukket: 'Indberetningen er lukket.',
  gemt: 'Sammenfatningerne er gemt.',
  godkendelse: 'Afrapporteringen er sendt videre i godkendelsesforløbet.',
  trin: 'Beslutningen er registreret.',
  raad: 'Beslutningen er registreret.',
  indsendt: 'Afrapporteringen er sendt til Social- og Boligstyrelsen.',
};
