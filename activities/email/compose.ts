// Turns a workflow's mail request into a message: the addresses, the links (each audience to its
// own page, with its access) and the data its template renders, read from the record.
import { stepRow, type ApprovalStep } from '../../domain/approval-chain';
import { councilName, REGION_COUNCIL } from '../../domain/commands';
import type { ComposedMail, LinkAccess, MailData, MailRequest, Recipient } from '../../domain/mail';
import { respondentGenitive, respondentName } from '../../domain/municipalities';
import type { CuRecord } from '../../domain/views';
import type { MailContext } from '../../db/queries/mail';
import { isolated } from '../../domain/text';

export interface MailSources {
  context: MailContext;
  /** The CU itself, for the submission. */
  record?: CuRecord;
  /** Who an earlier, failed message was for (for the report of its failure). */
  failedRecipients?: string[];
}

export interface ComposedMessage {
  to: string[];
  cc: string[];
  mail: ComposedMail;
  /** The link to sign, with whose access. */
  access?: LinkAccess;
}

export function compose(request: MailRequest, { context, record, failedRecipients }: MailSources): ComposedMessage {
  const { cuId, municipalityCode: code } = request;
  const address = (r: Recipient): string[] => {
    switch (r) {
      case 'contacts':
        return context.contacts?.people.map((c) => c.email) ?? [];
      case 'director':
        return context.contacts ? [context.contacts.directorEmail] : [];
      case 'national_board':
        return [context.addresses.nationalBoard];
      default:
        return [context.addresses[r]];
    }
  };
  const to = request.to.flatMap(address);
  const cc = (request.cc ?? []).flatMap(address);
  const municipalPage = `${context.baseUrl}/kommune/${cuId}/${code}`;
  const cuTitle = isolated(context.cuTitle);
  const municipal = () => ({
    cuTitle,
    municipalityName: code ? respondentName(code) : '',
    municipalityGenitive: code ? respondentGenitive(code) : '',
    link: municipalPage,
  });
  const municipalAccess: LinkAccess | undefined = code ? { role: 'municipality', cuId, municipalityCode: code } : undefined;
  const directorsPage = `${context.baseUrl}/oversigt/cu/${cuId}`;
  const secretariatPage = `${context.baseUrl}/sekretariat/cu/${cuId}`;
  // A step's members are directors: their link opens the directors' page; K22 and KKR are served by the secretariat.
  const stepLink = (step: ApprovalStep) => (stepRow(step).audience === 'forum' ? directorsPage : secretariatPage);
  const stepAccess = (step: ApprovalStep): LinkAccess | undefined =>
    stepRow(step).audience === 'forum' ? { role: 'director' } : undefined;
  const composed = <T extends ComposedMail['template']>(template: T, data: MailData[T], access?: LinkAccess): ComposedMessage => ({
    to,
    cc,
    mail: { template, data } as ComposedMail,
    ...(access ? { access } : {}),
  });

  switch (request.template) {
    case 'invitation':
      return composed('invitation', { ...municipal(), ...request.data, targetGroup: isolated(context.targetGroup) }, municipalAccess);
    case 'reminder':
      return composed('reminder', { ...municipal(), ...request.data }, municipalAccess);
    case 'overdue':
      return composed('overdue', { ...municipal(), ...request.data }, municipalAccess);
    case 'escalation':
      return composed('escalation', { ...municipal(), ...request.data }, municipalAccess);
    case 'receipt':
      return composed('receipt', { ...municipal(), ...request.data }, municipalAccess);
    case 'revision_requested':
      return composed('revision_requested', { ...municipal(), ...request.data, comment: isolated(request.data.comment) }, municipalAccess);
    case 'deadline_extended':
      return composed('deadline_extended', { ...municipal(), ...request.data }, municipalAccess);
    case 'reopened':
      return composed(
        'reopened',
        { ...municipal(), deadline: request.data.deadline, reason: isolated(request.data.reason) },
        municipalAccess,
      );
    case 'round_cancelled':
      return composed('round_cancelled', { ...municipal(), reason: isolated(request.data.reason) });
    case 'excused':
      return composed('excused', { ...municipal(), reason: isolated(request.data.reason) });
    case 'forum_review':
    case 'approval_request': {
      const { step, answered, total, meeting } = request.data;
      const row = stepRow(step);
      return composed(
        request.template,
        { cuTitle, link: stepLink(step), stepName: row.name, does: row.does, answered, total, ...(meeting ? { meeting } : {}) },
        stepAccess(step),
      );
    }
    case 'forum_reminder':
    case 'approval_reminder': {
      const { step, sentAt, meeting } = request.data;
      return composed(
        request.template,
        { cuTitle, link: stepLink(step), stepName: stepRow(step).name, sentAt, ...(meeting ? { meeting } : {}) },
        stepAccess(step),
      );
    }
    case 'agenda_deadline': {
      const { step, meeting } = request.data;
      return composed('agenda_deadline', { cuTitle, link: secretariatPage, stepName: stepRow(step).name, meeting });
    }
    case 'forum_returned':
    case 'approval_returned': {
      const { step, comment } = request.data;
      return composed(request.template, { cuTitle, link: secretariatPage, stepName: stepRow(step).name, comment: isolated(comment) });
    }
    case 'approval_withdrawn':
      return composed(
        'approval_withdrawn',
        {
          cuTitle,
          link: stepLink(request.data.step),
          stepName: stepRow(request.data.step).name,
          reason: isolated(request.data.reason),
        },
        stepAccess(request.data.step),
      );
    case 'council_request':
    case 'council_reminder': {
      const { council, ...facts } = request.data;
      const region = council === REGION_COUNCIL;
      const link = region ? `${context.baseUrl}/region/${cuId}` : municipalPage;
      const access: LinkAccess | undefined = region ? { role: 'region', cuId } : municipalAccess;
      const data = { cuTitle, councilName: councilName(council, context.regionName), link, ...facts };
      // The approved report, protected: attached here, and downloadable from the council's page.
      return request.template === 'council_request'
        ? composed('council_request', { ...(data as MailData['council_request']), ...(record ? { record } : {}) }, access)
        : composed('council_reminder', data as MailData['council_reminder'], access);
    }
    case 'submission':
      if (!record) throw new Error('The submission needs the CU from the record');
      return composed('submission', { record });
    case 'mail_failure':
      return composed('mail_failure', {
        cuTitle,
        failedTemplate: request.data.failedTemplate,
        recipients: failedRecipients ?? [],
        reason: request.data.reason,
      });
  }
}
