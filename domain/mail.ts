// What a workflow asks the mail activity to send. Rendering (Danish text and HTML) happens in the
// activity, so wording can change without touching workflow histories.
import type { CuState } from './state';

/** Failure type of a message the SMTP server refused for good; it is reported, not retried. */
export const MAIL_REJECTED = 'MailRejected';
import type { IsoDate } from './time';

interface Municipal {
  cuTitle: string;
  municipalityName: string;
  link: string;
}

export interface MailData {
  invitation: Municipal & { deadline: IsoDate; targetGroup: string };
  reminder: Municipal & { deadline: IsoDate; daysLeft: number };
  overdue: Municipal & { deadline: IsoDate; overdueDays: number };
  escalation: Municipal & { deadline: IsoDate; overdueDays: number };
  receipt: Municipal & { submittedAt: string; version: number };
  revision_requested: Municipal & { comment: string; deadline: IsoDate };
  deadline_extended: Municipal & { deadline: IsoDate };
  excused: Municipal & { reason: string };
  forum_review: { cuTitle: string; link: string; answered: number; total: number };
  forum_reminder: { cuTitle: string; link: string; sentAt: string };
  forum_returned: { cuTitle: string; link: string; comment: string };
  council_request: { cuTitle: string; councilName: string; deadline: IsoDate; link: string };
  council_reminder: { cuTitle: string; councilName: string; deadline: IsoDate; days: number; overdue: boolean; link: string };
  /** The CU's state without the municipalities' own records (the report holds what is reported). */
  submission: { state: CuState };
  mail_failure: { cuTitle: string; failedTemplate: string; recipients: string[]; reason: string };
}

export type MailTemplate = keyof MailData;

/** Whose access the message's link carries; the activity signs it when sending. */
export type LinkAccess = { role: 'municipality'; cuId: string; municipalityCode: string } | { role: 'director' };

export type MailRequest = {
  [T in MailTemplate]: {
    /** Stable across retries and replays: the same key is never sent twice. */
    key: string;
    template: T;
    to: string[];
    cc?: string[];
    data: MailData[T];
    access?: LinkAccess;
  };
}[MailTemplate];

/** A message before the workflow gives it its idempotency key. */
export type MailDraft = MailRequest extends infer R ? (R extends unknown ? Omit<R, 'key'> : never) : never;

export interface MailReceipt {
  messageId: string;
  sentAt: string;
  /** True when an earlier attempt had already sent this message. */
  duplicate: boolean;
  /** Recipients the SMTP server refused while accepting the others. */
  rejected: string[];
}
