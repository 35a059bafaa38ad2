// Danish wording of every e-mail udmeld sends.
import { PROVIDER_TYPES } from '../../domain/answer';
import { DECISION_LABELS } from '../../domain/cu';
import type { MailData, MailRequest, MailTemplate } from '../../domain/mail';
import { municipality } from '../../domain/municipalities';
import { danishDate, danishDateTime } from '../../domain/time';
import { render, type MessageParts, type RenderedMessage } from './layout';

const number = new Intl.NumberFormat('da-DK');
const days = (n: number) => `${n} ${n === 1 ? 'dag' : 'dage'}`;
const answerLink = (url: string) => ({ label: 'Åbn kommunens besvarelse', url });

const templates: { [T in MailTemplate]: (d: MailData[T]) => MessageParts } = {
  invitation: (d) => ({
    subject: `Central udmelding: ${d.cuTitle} – indberetning fra ${d.municipalityName} Kommune`,
    paragraphs: [
      `Socialsekretariatet indsamler kommunernes bidrag til den fælles afrapportering på den centrale udmelding "${d.cuTitle}".`,
      d.targetGroup ? `Målgruppen er: ${d.targetGroup}.` : '',
      `Vi beder om ${d.municipalityName} Kommunes besvarelse senest ${danishDate(d.deadline)}. Du kan gemme en kladde undervejs og indsende, når besvarelsen er klar.`,
    ].filter(Boolean),
    action: answerLink(d.link),
  }),
  reminder: (d) => ({
    subject: `Påmindelse: ${d.cuTitle} – frist ${danishDate(d.deadline)}`,
    paragraphs: [
      `Der er ${days(d.daysLeft)} til fristen for ${d.municipalityName} Kommunes indberetning på "${d.cuTitle}" (${danishDate(d.deadline)}).`,
      'Har I allerede indsendt, kan I se bort fra denne påmindelse.',
    ],
    action: answerLink(d.link),
  }),
  overdue: (d) => ({
    subject: `Rykker: ${d.cuTitle} – fristen er overskredet`,
    paragraphs: [
      `Fristen for ${d.municipalityName} Kommunes indberetning på "${d.cuTitle}" var ${danishDate(d.deadline)} og er nu overskredet med ${days(d.overdueDays)}.`,
      'Indsend venligst besvarelsen hurtigst muligt, eller kontakt sekretariatet om en forlænget frist.',
    ],
    action: answerLink(d.link),
  }),
  escalation: (d) => ({
    subject: `Eskalering: ${d.municipalityName} Kommune mangler indberetning på ${d.cuTitle}`,
    greeting: 'Kære socialdirektør',
    paragraphs: [
      `${d.municipalityName} Kommune har endnu ikke indsendt sin indberetning på den centrale udmelding "${d.cuTitle}". Fristen var ${danishDate(d.deadline)}.`,
      'Kommunens kontaktpersoner er orienteret. Vi beder dig sikre, at besvarelsen bliver indsendt, så regionens fælles afrapportering kan færdiggøres.',
    ],
    action: answerLink(d.link),
  }),
  receipt: (d) => ({
    subject: `Kvittering: ${d.municipalityName} Kommunes indberetning på ${d.cuTitle}`,
    paragraphs: [
      `Tak. ${d.municipalityName} Kommunes ${d.version > 1 ? `reviderede besvarelse (version ${d.version})` : 'besvarelse'} blev modtaget ${danishDateTime(Date.parse(d.submittedAt))}.`,
    ],
    action: answerLink(d.link),
  }),
  revision_requested: (d) => ({
    subject: `Revision ønsket: ${d.cuTitle}`,
    paragraphs: [
      `Sekretariatet beder ${d.municipalityName} Kommune om at revidere sin besvarelse på "${d.cuTitle}":`,
      d.comment,
      `Indsend den reviderede besvarelse senest ${danishDate(d.deadline)}.`,
    ],
    action: answerLink(d.link),
  }),
  deadline_extended: (d) => ({
    subject: `Ny frist: ${d.cuTitle} – ${danishDate(d.deadline)}`,
    paragraphs: [`Fristen for ${d.municipalityName} Kommunes indberetning på "${d.cuTitle}" er forlænget til ${danishDate(d.deadline)}.`],
    action: answerLink(d.link),
  }),
  excused: (d) => ({
    subject: `Fritaget: ${d.cuTitle}`,
    paragraphs: [`${d.municipalityName} Kommune er fritaget for at indberette på "${d.cuTitle}".`, `Begrundelse: ${d.reason}`],
  }),
  forum_review: (d) => ({
    subject: `Til godkendelse: afrapportering på ${d.cuTitle}`,
    greeting: 'Kære medlemmer af Socialdirektørforum',
    paragraphs: [
      `Udkastet til regionens afrapportering på den centrale udmelding "${d.cuTitle}" er klar til godkendelse. ${d.answered} af ${d.total} kommuner har bidraget.`,
      'I kan godkende udkastet eller sende det retur til sekretariatet med bemærkninger.',
    ],
    action: { label: 'Se udkastet', url: d.link },
  }),
  forum_reminder: (d) => ({
    subject: `Påmindelse: afrapportering på ${d.cuTitle} afventer godkendelse`,
    greeting: 'Kære medlemmer af Socialdirektørforum',
    paragraphs: [`Udkastet til afrapportering på "${d.cuTitle}" blev sendt til godkendelse ${danishDateTime(Date.parse(d.sentAt))} og afventer stadig jeres beslutning.`],
    action: { label: 'Se udkastet', url: d.link },
  }),
  forum_returned: (d) => ({
    subject: `Retur fra Socialdirektørforum: ${d.cuTitle}`,
    greeting: 'Kære sekretariat',
    paragraphs: [`Socialdirektørforum har sendt afrapporteringen på "${d.cuTitle}" retur med disse bemærkninger:`, d.comment],
    action: { label: 'Redigér afrapporteringen', url: d.link },
  }),
  council_request: (d) => ({
    subject: `Politisk behandling: afrapportering på ${d.cuTitle}`,
    paragraphs: [
      `Afrapporteringen på den centrale udmelding "${d.cuTitle}" er behandlet i KKR og skal nu godkendes politisk i ${d.councilName}.`,
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
  submission: (d) => submissionMessage(d),
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

function submissionMessage(d: MailData['submission']): MessageParts {
  const { report } = d;
  const answered = report.municipalities.length - report.notAnswered.length;
  const summaries = Object.values(report.summaries).filter((s) => s.trim().length > 0);
  return {
    subject: `Afrapportering fra ${d.regionName}: ${d.cuTitle}`,
    greeting: 'Til Social- og Boligstyrelsen',
    paragraphs: [
      `Hermed fremsendes kommunerne i ${d.regionName}s fælles afrapportering på den centrale udmelding "${d.cuTitle}" (målgruppe: ${d.targetGroup}; frist ${danishDate(d.nationalDeadline)}).`,
      `${answered} af ${report.municipalities.length} kommuner har indberettet.` +
        (report.notAnswered.length ? ` Ikke besvaret: ${report.notAnswered.map((m) => m.name).join(', ')}.` : ''),
      ...summaries,
      d.kkrDate ? `Afrapporteringen er behandlet i KKR ${danishDate(d.kkrDate)}.` : '',
    ].filter(Boolean),
    tables: [
      ...report.numbers.map((n) => ({
        caption: `${n.label} (i alt ${number.format(n.total)})`,
        head: ['Kommune', 'Antal'],
        rows: Object.entries(n.perMunicipality).map(([code, v]) => [municipality(code).name, number.format(v)]),
      })),
      {
        caption: 'Anvendte højt specialiserede tilbud',
        head: ['Tilbud', 'Leverandør', 'Lovgrundlag', 'Pladser', 'Kommuner'],
        rows: report.services.map((s) => [s.offer, PROVIDER_TYPES[s.provider], s.legalBasis, number.format(s.places), String(s.municipalities.length)]),
      },
      {
        caption: 'Politisk behandling',
        head: ['Instans', 'Beslutning', 'Dato'],
        rows: d.councils.map((c) => [
          c.name,
          c.status === 'pending' ? 'Afventer' : c.status === 'no_decision' ? 'Ingen beslutning registreret' : DECISION_LABELS[c.status],
          c.date ? danishDate(c.date) : '',
        ]),
      },
    ],
  };
}

export function renderMail(request: MailRequest): RenderedMessage {
  const build = templates[request.template] as (d: MailRequest['data']) => MessageParts;
  return render(build(request.data));
}
