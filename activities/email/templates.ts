// Danish wording of every e-mail udmeld sends.
import { createHash } from 'node:crypto';
import { stepRow } from '../../domain/approval-chain';
import type { ComposedMail, MailData, MailTemplate } from '../../domain/mail';
import type { CuRecord } from '../../domain/views';
import type { MeetingTimes } from '../../domain/meetings';
import { isolated } from '../../domain/text';
import { danishDate, danishDateTime } from '../../domain/time';
import { DOCX, reportDocx } from '../../report/docx';
import { reportModel } from '../../report/model';
import { render, type MessageParts, type RenderedMessage } from './layout';
import { recentlyMade } from '../../domain/recently-made';

const days = (n: number) => `${n} ${n === 1 ? 'dag' : 'dage'}`;
const answerLink = (url: string) => ({ label: 'Åbn kommunens besvarelse', url });

const meetingLine = (m?: MeetingTimes) =>
  m ? `Sagen ventes behandlet på mødet ${danishDate(m.date)}; fristen for dagsordensmateriale er ${danishDate(m.agendaDeadline)}.` : '';
const afterMeetingLine = (m?: MeetingTimes) =>
  m ? `Sagen var sat til behandling på mødet ${danishDate(m.date)}, men beslutningen er ikke registreret endnu.` : '';

const templates: { [T in Exclude<MailTemplate, 'submission'>]: (d: MailData[T]) => MessageParts } = {
  invitation: (d) => ({
    subject: `Central udmelding: ${d.cuTitle} – indberetning fra ${d.municipalityName}`,
    paragraphs: [
      `Socialsekretariatet indsamler kommunernes bidrag til den fælles afrapportering på den centrale udmelding "${d.cuTitle}".`,
      d.targetGroup ? `Målgruppen er: ${d.targetGroup}.` : '',
      `Vi beder om ${d.municipalityGenitive} besvarelse senest ${danishDate(d.deadline)}. Du kan gemme en kladde undervejs og indsende, når besvarelsen er klar.`,
    ].filter(Boolean),
    action: answerLink(d.link),
  }),
  reminder: (d) => ({
    subject: `Påmindelse: ${d.cuTitle} – frist ${danishDate(d.deadline)}`,
    paragraphs: [
      `Der er ${days(d.daysLeft)} til fristen for ${d.municipalityGenitive} indberetning på "${d.cuTitle}" (${danishDate(d.deadline)}).`,
      'Har I allerede indsendt, kan I se bort fra denne påmindelse.',
    ],
    action: answerLink(d.link),
  }),
  overdue: (d) => ({
    subject: `Rykker: ${d.cuTitle} – fristen er overskredet`,
    paragraphs: [
      `Fristen for ${d.municipalityGenitive} indberetning på "${d.cuTitle}" var ${danishDate(d.deadline)} og er nu overskredet med ${days(d.overdueDays)}.`,
      'Indsend venligst besvarelsen hurtigst muligt, eller kontakt sekretariatet om en forlænget frist.',
    ],
    action: answerLink(d.link),
  }),
  escalation: (d) => ({
    subject: `Eskalering: ${d.municipalityName} mangler indberetning på ${d.cuTitle}`,
    greeting: 'Kære socialdirektør',
    paragraphs: [
      `${d.municipalityName} har endnu ikke indsendt sin indberetning på den centrale udmelding "${d.cuTitle}". Fristen var ${danishDate(d.deadline)}.`,
      'Kommunens kontaktpersoner er orienteret. Vi beder dig sikre, at besvarelsen bliver indsendt, så regionens fælles afrapportering kan færdiggøres.',
    ],
    action: answerLink(d.link),
  }),
  receipt: (d) => ({
    subject: `Kvittering: ${d.municipalityGenitive} indberetning på ${d.cuTitle}`,
    paragraphs: [
      `Tak. ${d.municipalityGenitive} ${d.version > 1 ? `reviderede besvarelse (version ${d.version})` : 'besvarelse'} blev modtaget ${danishDateTime(Date.parse(d.submittedAt))}.`,
    ],
    action: answerLink(d.link),
  }),
  revision_requested: (d) => ({
    subject: `Revision ønsket: ${d.cuTitle}`,
    paragraphs: [
      `Sekretariatet beder ${d.municipalityName} om at revidere sin besvarelse på "${d.cuTitle}":`,
      d.comment,
      `Indsend den reviderede besvarelse senest ${danishDate(d.deadline)}.`,
    ],
    action: answerLink(d.link),
  }),
  deadline_extended: (d) => ({
    subject: `Ny frist: ${d.cuTitle} – ${danishDate(d.deadline)}`,
    paragraphs: [`Fristen for ${d.municipalityGenitive} indberetning på "${d.cuTitle}" er forlænget til ${danishDate(d.deadline)}.`],
    action: answerLink(d.link),
  }),
  reopened: (d) => ({
    subject: `Genåbnet: ${d.cuTitle} – ny frist ${danishDate(d.deadline)}`,
    paragraphs: [
      `Sekretariatet har genåbnet ${d.municipalityGenitive} indberetning på "${d.cuTitle}", så kommunen kan svare eller rette sit svar, før afrapporteringen godkendes. Den nye frist er ${danishDate(d.deadline)}.`,
      `Begrundelse: ${d.reason}`,
    ],
    action: answerLink(d.link),
  }),
  round_cancelled: (d) => ({
    subject: `Annulleret: ${d.cuTitle}`,
    paragraphs: [
      `Sekretariatet har annulleret indberetningen på "${d.cuTitle}". ${d.municipalityName} skal ikke indberette, og linket til indberetningen virker ikke længere.`,
      `Begrundelse: ${d.reason}`,
    ],
  }),
  excused: (d) => ({
    subject: `Fritaget: ${d.cuTitle}`,
    paragraphs: [`${d.municipalityName} er fritaget for at indberette på "${d.cuTitle}".`, `Begrundelse: ${d.reason}`],
  }),
  forum_review: (d) => ({
    subject: `Til godkendelse: afrapportering på ${d.cuTitle}`,
    greeting: 'Kære medlemmer af Socialdirektørforum',
    paragraphs: [
      `Udkastet til regionens afrapportering på den centrale udmelding "${d.cuTitle}" er klar til godkendelse. ${d.answered} af ${d.total} kommuner har bidraget.`,
      meetingLine(d.meeting),
      'I kan godkende udkastet eller sende det retur til sekretariatet med bemærkninger.',
    ].filter(Boolean),
    action: { label: 'Se udkastet', url: d.link },
  }),
  forum_reminder: (d) => ({
    subject: `Påmindelse: afrapportering på ${d.cuTitle} afventer godkendelse`,
    greeting: 'Kære medlemmer af Socialdirektørforum',
    paragraphs: [
      `Udkastet til afrapportering på "${d.cuTitle}" blev sendt til godkendelse ${danishDateTime(Date.parse(d.sentAt))} og afventer stadig jeres beslutning.`,
      afterMeetingLine(d.meeting),
    ].filter(Boolean),
    action: { label: 'Se udkastet', url: d.link },
  }),
  forum_returned: (d) => ({
    subject: `Retur fra Socialdirektørforum: ${d.cuTitle}`,
    greeting: 'Kære sekretariat',
    paragraphs: [`Socialdirektørforum har sendt afrapporteringen på "${d.cuTitle}" retur med disse bemærkninger:`, d.comment],
    action: { label: 'Redigér afrapporteringen', url: d.link },
  }),
  approval_request: (d) => ({
    subject: `Til behandling i ${d.stepName}: afrapportering på ${d.cuTitle}`,
    paragraphs: [
      `Udkastet til regionens afrapportering på den centrale udmelding "${d.cuTitle}" er klar til ${d.stepName}, som ${d.does}. ${d.answered} af ${d.total} kommuner har bidraget.`,
      meetingLine(d.meeting),
      'Beslutningen registreres med dato og eventuelle bemærkninger; en beslutning truffet pr. e-mail mellem møderne registreres som sådan.',
    ],
    action: { label: 'Se udkastet', url: d.link },
  }),
  approval_reminder: (d) => ({
    subject: `Påmindelse: afrapportering på ${d.cuTitle} afventer ${d.stepName}`,
    paragraphs: [
      `Udkastet til afrapportering på "${d.cuTitle}" blev sendt til ${d.stepName} ${danishDateTime(Date.parse(d.sentAt))} og afventer stadig en beslutning.`,
      afterMeetingLine(d.meeting),
    ].filter(Boolean),
    action: { label: 'Se udkastet', url: d.link },
  }),
  approval_returned: (d) => ({
    subject: `Retur fra ${d.stepName}: ${d.cuTitle}`,
    greeting: 'Kære sekretariat',
    paragraphs: [`${d.stepName} har sendt afrapporteringen på "${d.cuTitle}" retur med disse bemærkninger:`, d.comment],
    action: { label: 'Redigér afrapporteringen', url: d.link },
  }),
  approval_withdrawn: (d) => ({
    subject: `Trukket tilbage fra ${d.stepName}: ${d.cuTitle}`,
    paragraphs: [
      `Sekretariatet har trukket udkastet til afrapportering på "${d.cuTitle}" tilbage fra ${d.stepName}, fordi en kommune får mulighed for at svare eller rette sit svar:`,
      d.reason,
      `Afrapporteringen dannes igen, når kommunen har svaret, og ${d.stepName} får det nye udkast til behandling. Der skal ikke træffes beslutning om det tilbagetrukne udkast.`,
    ],
    action: { label: 'Se udmeldingen', url: d.link },
  }),
  agenda_deadline: (d) => ({
    subject: `Dagsordensfrist ${danishDate(d.meeting.agendaDeadline)}: ${d.cuTitle} til ${d.stepName}`,
    greeting: 'Kære sekretariat',
    paragraphs: [
      `Afrapporteringen på "${d.cuTitle}" afventer ${d.stepName}, som holder møde ${danishDate(d.meeting.date)}.`,
      `Fristen for dagsordensmateriale til mødet er ${danishDate(d.meeting.agendaDeadline)}. Husk at sætte sagen på dagsordenen.`,
    ],
    action: { label: 'Se udmeldingen', url: d.link },
  }),
  council_request: (d) => ({
    subject: `Politisk behandling: afrapportering på ${d.cuTitle}`,
    paragraphs: [
      `Afrapporteringen på den centrale udmelding "${d.cuTitle}" er godkendt regionalt og skal nu godkendes politisk i ${d.councilName}.`,
      ...(d.record
        ? [
            `Den godkendte afrapportering er vedhæftet som Word-dokument (små tal er beskyttet) og kan også hentes fra siden, som linket herunder åbner.`,
          ]
        : []),
      `Registrér beslutningen (godkendt, godkendt med bemærkninger eller ikke godkendt) med mødedato senest ${danishDate(d.deadline)}.`,
    ],
    action: { label: 'Registrér beslutningen', url: d.link },
  }),
  council_reminder: (d) => ({
    subject: `Påmindelse: politisk behandling af ${d.cuTitle}`,
    paragraphs: [
      d.overdue
        ? `Fristen for at registrere beslutningen i ${d.councilName} var ${danishDate(d.deadline)} og er overskredet med ${days(d.days)}.`
        : `Der er ${days(d.days)} til fristen for at registrere beslutningen i ${d.councilName} (${danishDate(d.deadline)}).`,
    ],
    action: { label: 'Registrér beslutningen', url: d.link },
  }),
  mail_failure: (d) => ({
    subject: `E-mail kunne ikke leveres: ${d.cuTitle}`,
    greeting: 'Kære sekretariat',
    paragraphs: [
      `En e-mail om "${d.cuTitle}" (${d.failedTemplate}) blev afvist af modtagerens mailserver og sendes ikke igen.`,
      `Modtagere: ${d.recipients.join(', ')}`,
      `Årsag: ${d.reason}`,
      'Ret kontaktoplysningerne, og send evt. oplysningerne på anden vis.',
    ],
  }),
};

function submissionMessage({ record: state }: MailData['submission'], threshold: number): MessageParts {
  const model = reportModel(state, { threshold });
  const tables = model.sections.flatMap((section) => section.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])));
  const intro = model.sections[0]?.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])) ?? [];
  return {
    subject: `Afrapportering fra ${model.regionName}: ${model.cuTitle}`,
    greeting: 'Til Social- og Boligstyrelsen',
    paragraphs: [
      `Hermed fremsendes kommunerne i ${model.regionName}s fælles afrapportering på den centrale udmelding "${model.cuTitle}" (frist ${danishDate(state.cu.nationalDeadline)}). Den samlede afrapportering er vedhæftet som Word-dokument.`,
      ...intro,
      ...(state.report?.notAnswered.length ? [`Ikke besvaret: ${state.report.notAnswered.map((m) => m.name).join(', ')}.`] : []),
      ...Object.values(state.report?.summaries ?? {})
        .filter((text) => text.trim().length > 0)
        .map(isolated),
      ...lastStepDecided(state),
      ...model.footnotes,
    ],
    tables: tables.map((t) => ({ caption: t.caption, head: t.head, rows: t.rows })),
  };
}

export interface RenderOptions {
  /** Small-number threshold for what leaves the secretariat. */
  threshold: number;
  /** A personal copy: greeted by name, and told when it is only for their information. */
  recipient?: { name: string; copy: boolean };
}

// The councils' 23 requests of a round, and often its submission, carry the same report: rendered
// once, not per message. The key is the report's content (its model without the time it is printed),
// so nothing that does not change the report makes it again: the events between two requests do not.
const recentReports = recentlyMade<Buffer>(16);
function protectedReport(record: CuRecord, threshold: number): Promise<Buffer> {
  const content = JSON.stringify(reportModel(record, { threshold, now: 0 }));
  return recentReports(createHash('sha256').update(content).digest('base64url'), () => reportDocx(reportModel(record, { threshold })));
}

export async function renderMail(mail: ComposedMail, options: RenderOptions): Promise<RenderedMessage & { attachments: Attachment[] }> {
  const reportOf = async (record: CuRecord): Promise<Attachment> => ({
    filename: `afrapportering-${record.cu.id}.docx`,
    content: await protectedReport(record, options.threshold),
    contentType: DOCX,
  });
  if (mail.template === 'submission')
    return { ...render(submissionMessage(mail.data, options.threshold)), attachments: [await reportOf(mail.data.record)] };
  const attachments = mail.template === 'council_request' && mail.data.record ? [await reportOf(mail.data.record)] : [];
  const build = templates[mail.template] as (d: ComposedMail['data']) => MessageParts;
  const parts = build(mail.data);
  const recipient = options.recipient;
  const personal = recipient
    ? {
        ...parts,
        greeting: parts.greeting && !recipient.copy ? parts.greeting : `Kære ${recipient.name}`,
        paragraphs: recipient.copy ? ['Du får denne e-mail til orientering.', ...parts.paragraphs] : parts.paragraphs,
      }
    : parts;
  return { ...render(personal), attachments };
}

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** The chain's last step and the day it decided, for the national board. */
function lastStepDecided(state: CuRecord): string[] {
  const last = state.chain.at(-1);
  const decided = state.stepDecisions.filter((d) => d.step === last).at(-1);
  return last && decided?.date ? [`Afrapporteringen er behandlet i ${stepRow(last).name} ${danishDate(decided.date)}.`] : [];
}
