// What a workflow asks the mail activity to send, and what the templates render. A workflow names
// its recipients by role and gives the facts only it knows; the activity reads the addresses, the
// CU's title and the round's links from the record when it sends. Rendering (Danish text and
// HTML) happens there too, so wording can change without touching workflow histories.
import type { ApprovalStep } from './approval-chain';
import type { CuRecord } from './views';
import type { IsoDate } from './time';
import type { MeetingTimes } from './meetings';

/** Failure type of a message the SMTP server refused for good; it is reported, not retried. */
export const MAIL_REJECTED = 'MailRejected';

/** Who receives a message: a municipality's contacts or social director, or one of the round's addresses. */
export type Recipient = 'contacts' | 'director' | 'secretariat' | 'forum' | 'region' | 'national_board';

/** A step of the approval chain's e-mails (each step names its templates in domain/approval-chain.ts). */
interface StepFacts {
  /** `meeting`: the step's next meeting from its calendar, where it is expected to decide. */
  request: { step: ApprovalStep; answered: number; total: number; meeting?: MeetingTimes };
  reminder: { step: ApprovalStep; sentAt: string; meeting?: MeetingTimes };
  returned: { step: ApprovalStep; comment: string };
}

/** What a step's e-mails render, whichever step's wording they use. */
interface StepMailData {
  request: { cuTitle: string; link: string; stepName: string; does: string; answered: number; total: number; meeting?: MeetingTimes };
  reminder: { cuTitle: string; link: string; stepName: string; sentAt: string; meeting?: MeetingTimes };
  returned: { cuTitle: string; link: string; stepName: string; comment: string };
}

/** What only the workflow knows, per template. */
export interface MailFacts {
  invitation: { deadline: IsoDate };
  reminder: { deadline: IsoDate; daysLeft: number };
  overdue: { deadline: IsoDate; overdueDays: number };
  escalation: { deadline: IsoDate; overdueDays: number };
  receipt: { submittedAt: string; version: number };
  revision_requested: { comment: string; deadline: IsoDate };
  deadline_extended: { deadline: IsoDate };
  reopened: { deadline: IsoDate; reason: string };
  round_cancelled: { reason: string };
  excused: { reason: string };
  forum_review: StepFacts['request'];
  forum_reminder: StepFacts['reminder'];
  forum_returned: StepFacts['returned'];
  approval_request: StepFacts['request'];
  approval_reminder: StepFacts['reminder'];
  approval_returned: StepFacts['returned'];
  approval_withdrawn: { step: ApprovalStep; reason: string };
  agenda_deadline: { step: ApprovalStep; meeting: MeetingTimes };
  council_request: { council: string; deadline: IsoDate };
  council_reminder: { council: string; deadline: IsoDate; days: number; overdue: boolean };
  submission: Record<string, never>;
  mail_failure: { failedKey: string; failedTemplate: string; reason: string };
}
export type MailTemplate = keyof MailFacts;

export type MailRequest = {
  [T in MailTemplate]: {
    /** Stable across retries and replays: the same key is never sent twice. */
    key: string;
    template: T;
    cuId: string;
    /** The municipality the message is about (its contacts and director, its page). */
    municipalityCode?: string;
    to: Recipient[];
    cc?: Recipient[];
    data: MailFacts[T];
    /** Only these addresses of the recipients (new contacts mid-round), lower case. */
    only?: string[];
    /** The reminder this message is, for the record (`before:2027-03-01:14`). */
    reminder?: string;
    requestedAt: string;
  };
}[MailTemplate];

/** A message before the workflow gives it its key and time. */
export type MailDraft = MailRequest extends infer R ? (R extends unknown ? Omit<R, 'key' | 'cuId' | 'requestedAt'> : never) : never;

interface Municipal {
  cuTitle: string;
  /** "Odense Kommune", or "Region Syddanmark" when the region is asked. */
  municipalityName: string;
  municipalityGenitive: string;
  link: string;
}

/** What each template renders: the facts and what the activity looked up. */
export interface MailData {
  invitation: Municipal & MailFacts['invitation'] & { targetGroup: string };
  reminder: Municipal & MailFacts['reminder'];
  overdue: Municipal & MailFacts['overdue'];
  escalation: Municipal & MailFacts['escalation'];
  receipt: Municipal & MailFacts['receipt'];
  revision_requested: Municipal & MailFacts['revision_requested'];
  deadline_extended: Municipal & MailFacts['deadline_extended'];
  reopened: Municipal & MailFacts['reopened'];
  round_cancelled: Municipal & MailFacts['round_cancelled'];
  excused: Municipal & MailFacts['excused'];
  forum_review: StepMailData['request'];
  forum_reminder: StepMailData['reminder'];
  forum_returned: StepMailData['returned'];
  approval_request: StepMailData['request'];
  approval_reminder: StepMailData['reminder'];
  approval_returned: StepMailData['returned'];
  approval_withdrawn: { cuTitle: string; link: string; stepName: string; reason: string };
  agenda_deadline: { cuTitle: string; link: string; stepName: string; meeting: MeetingTimes };
  /** `record`: the CU whose approved report is attached (left out, the message goes without it). */
  council_request: { cuTitle: string; councilName: string; link: string; deadline: IsoDate; record?: CuRecord };
  council_reminder: { cuTitle: string; councilName: string; link: string; deadline: IsoDate; days: number; overdue: boolean };
  /** The CU as the record holds it (the report and the decisions). */
  submission: { record: CuRecord };
  mail_failure: { cuTitle: string; failedTemplate: string; recipients: string[]; reason: string };
}

export type ComposedMail = { [T in MailTemplate]: { template: T; data: MailData[T] } }[MailTemplate];

/** Whose access a message's link carries: the page each audience lands on. */
export type LinkAccess =
  { role: 'municipality'; cuId: string; municipalityCode: string } | { role: 'region'; cuId: string } | { role: 'director' };

export interface MailReceipt {
  messageId: string;
  sentAt: string;
  /** True when an earlier attempt had already sent this message. */
  duplicate: boolean;
  /** How many recipients the SMTP server refused while accepting the others. */
  rejected: number;
}

/** A line of the journal of sent e-mail (activities/email/journal.ts): a message, or one person's copy of it (`mailKey`). */
export interface MailJournalEntry {
  key: string;
  mailKey?: string;
  template: MailTemplate;
  cuId?: string;
  municipalityCode?: string;
  messageId: string;
  sentAt: string;
}
