// The plain-JSON state that the status queries return.
import type { Actor, Addresses, CuDefinition, Decision, MunicipalContacts, ReminderPlan, RenewalLink } from './cu';
import type { AnswerValues } from './answer';
import type { ReportData } from './report';
import type { IsoDate } from './time';

export const MUNICIPALITY_STATUSES = {
  invited: 'Inviteret',
  draft: 'Kladde gemt',
  submitted: 'Indsendt',
  revision_requested: 'Bedt om revision',
  excused: 'Fritaget',
  not_submitted: 'Ikke indsendt',
} as const;
export type MunicipalityStatus = keyof typeof MUNICIPALITY_STATUSES;

/** Statuses in which a municipality no longer owes an answer. */
export const SETTLED: readonly MunicipalityStatus[] = ['submitted', 'excused', 'not_submitted'];

export interface AuditEvent {
  at: string; // ISO instant
  type: string;
  by: Actor;
  note?: string;
}

export interface SentReminder {
  key: string;
  kind: 'before' | 'overdue' | 'escalation' | 'periodic';
  at: string;
  deadline?: IsoDate;
}

export interface MunicipalityInput {
  cuId: string;
  cuTitle: string;
  targetGroup: string;
  questionnaire: CuDefinition['questionnaire'];
  code: string;
  deadline: IsoDate;
  reminders: ReminderPlan;
  hardStopDaysAfterDeadline: number;
  contacts: MunicipalContacts;
  addresses: Addresses;
  baseUrl: string;
  launchedBy: Actor;
}

export interface MunicipalityState {
  cuId: string;
  code: string;
  name: string;
  status: MunicipalityStatus;
  deadline: IsoDate;
  deadlineSetAt: string;
  hardStopAt: string;
  draftSavedAt?: string;
  answer?: { values: AnswerValues; submittedAt: string; by: Actor; version: number };
  revision?: { comment: string; requestedAt: string; by: Actor };
  excuse?: { reason: string; at: string; by: Actor };
  reminders: SentReminder[];
  mailFailures: MailFailure[];
  events: AuditEvent[];
  closed: boolean;
}

/** What the municipality's own status query returns: its state plus the questionnaire and draft. */
export interface MunicipalityView extends MunicipalityState {
  cuTitle: string;
  questionnaire: CuDefinition['questionnaire'];
  draft?: { values: AnswerValues; savedAt: string; by: Actor };
}

export interface MailFailure {
  at: string;
  template: string;
  to: string[];
  reason: string;
}

export const CU_PHASES = {
  registered: 'Registreret',
  reporting: 'Indberetning',
  drafting: 'Afrapportering udarbejdes',
  forum: 'Til godkendelse i Socialdirektørforum',
  kkr: 'Til behandling i KKR',
  political: 'Politisk behandling',
  ready: 'Klar til indsendelse',
  submitted: 'Indsendt til Social- og Boligstyrelsen',
} as const;
export type CuPhase = keyof typeof CU_PHASES;

export interface CouncilState {
  id: string; // municipality code or "region"
  name: string;
  deadline: IsoDate;
  deadlineSetAt: string;
  status: Decision | 'pending' | 'no_decision';
  date?: IsoDate;
  remarks?: string;
  by?: Actor;
  recordedAt?: string;
  reminders: SentReminder[];
}

export interface ForumState {
  sentAt?: string;
  decisions: { decision: 'approved' | 'returned'; comment: string; at: string; by: Actor }[];
  reminders: SentReminder[];
}

export interface CuState {
  cu: CuDefinition;
  phase: CuPhase;
  createdAt: string;
  createdBy: Actor;
  renewalOf?: RenewalLink;
  round?: {
    launchedAt: string;
    by: Actor;
    deadline: IsoDate;
    reminders: ReminderPlan;
    hardStopDaysAfterDeadline: number;
    councilReminders: ReminderPlan;
    councilHardStopDaysAfterDeadline: number;
    approvalReminderEveryDays: number;
    addresses: Addresses;
    baseUrl: string;
    municipalities: string[];
    contacts: Record<string, MunicipalContacts>;
  };
  municipalities: Record<string, MunicipalityState>;
  report?: ReportData;
  forum: ForumState;
  kkr?: { decision: Decision; date: IsoDate; remarks: string; by: Actor; recordedAt: string };
  councils: Record<string, CouncilState>;
  submission?: { at: string; messageId: string; to: string; by: Actor };
  events: AuditEvent[];
  mailFailures: MailFailure[];
}

/** What an Update on a CU answers: small, because every answer is kept in the history. */
export interface CuAck {
  cuId: string;
  phase: CuPhase;
  event: AuditEvent;
}

/** What a CU workflow returns when the report has been submitted. */
export interface CuSummary {
  cuId: string;
  title: string;
  submittedAt: string;
  messageId: string;
  answered: number;
  notAnswered: string[];
  councils: Record<string, CouncilState['status']>;
  state: CuState;
}
