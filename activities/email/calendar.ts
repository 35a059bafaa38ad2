// The iCalendar attachment of a message that sets or moves a date: a municipality's deadline (its
// invitation, reminders, extension, reopening, revision), a council's deadline, a step's meeting.
// The same UID for the same deadline, so the reader's calendar moves it rather than adding one;
// a cancelled round or an excused municipality cancels it.
import type { ComposedMail } from '../../domain/mail';
import { copenhagenDate, danishDate } from '../../domain/time';
import { deadlineUid, ICALENDAR, icalendar, type CalendarEntry } from '../../report/icalendar';
import type { Attachment } from './templates';

export function calendarAttachment(mail: ComposedMail, about: { cuId: string; code?: string }): Attachment | undefined {
  const entries = entriesOf(mail, about);
  if (!entries?.length) return undefined;
  const cancel = entries.every((e) => e.cancelled);
  return {
    filename: cancel ? 'aflyst.ics' : 'frist.ics',
    content: Buffer.from(icalendar(entries, { name: 'udmeld', method: cancel ? 'CANCEL' : 'PUBLISH' })),
    contentType: `${ICALENDAR}; method=${cancel ? 'CANCEL' : 'PUBLISH'}`,
  };
}

function entriesOf(mail: ComposedMail, { cuId, code }: { cuId: string; code?: string }): CalendarEntry[] | undefined {
  const municipal = (d: { deadline: string; cuTitle: string; municipalityName: string; link: string }): CalendarEntry[] => [
    {
      uid: deadlineUid(cuId, code ?? ''),
      date: d.deadline,
      summary: `Frist: ${d.municipalityName}s indberetning på ${d.cuTitle}`,
      description: `Fristen for indberetningen er ${danishDate(d.deadline)} (til og med dagen). Besvarelsen: ${d.link}`,
      url: d.link,
    },
  ];
  switch (mail.template) {
    case 'invitation':
    case 'reminder':
    case 'overdue':
    case 'escalation':
    case 'deadline_extended':
    case 'reopened':
    case 'revision_requested':
      return municipal(mail.data);
    case 'round_cancelled':
    case 'excused':
      return [
        {
          uid: deadlineUid(cuId, code ?? ''),
          date: copenhagenDate(Date.now()),
          summary: `Aflyst: ${mail.data.municipalityName}s indberetning på ${mail.data.cuTitle}`,
          cancelled: true,
        },
      ];
    case 'council_request':
    case 'council_reminder':
      return [
        {
          uid: deadlineUid(cuId, `byraad-${code ?? 'region'}`),
          date: mail.data.deadline,
          summary: `Frist: ${mail.data.councilName}s behandling af ${mail.data.cuTitle}`,
          description: `Beslutningen registreres senest ${danishDate(mail.data.deadline)}: ${mail.data.link}`,
          url: mail.data.link,
        },
      ];
    case 'forum_review':
    case 'approval_request':
    case 'agenda_deadline': {
      const meeting = mail.data.meeting;
      if (!meeting) return undefined;
      return [
        {
          uid: `moede-${cuId}-${mail.data.stepName.toLowerCase().replace(/[^a-zæøå0-9]+/g, '-')}-${meeting.date}@udmeld`,
          date: meeting.date,
          summary: `${mail.data.stepName}: ${mail.data.cuTitle} på mødet`,
          description: `Frist for dagsordensmateriale: ${danishDate(meeting.agendaDeadline)}. ${mail.data.link}`,
          url: mail.data.link,
        },
      ];
    }
    default:
      return undefined;
  }
}
