// What reads of the record return: a CU with its round, answers, report, decisions and audit
// trail, as the pages, the API and the report documents use it.
import type { AnswerValues } from './answer';
import type { ApprovalStep, DecidedVia } from './approval-chain';
import type { Actor, Addresses, CuDefinition, Decision, MunicipalContacts } from './cu';
import type { CuPhase } from './cu-process';
import type { MunicipalityStatus } from './municipality-process';
import type { EventKind, RoundSettings } from './record';
import type { ReportData } from './report';
import type { IsoDate } from './time';

export interface AuditEvent {
  at: string;
  kind: EventKind;
  by: Actor;
  cuId?: string;
  municipalityCode?: string;
  note?: string;
}

export interface SentReminder {
  key: string;
  kind: 'before' | 'overdue' | 'escalation' | 'periodic';
  at: string;
}

export interface MailFailure {
  at: string;
  template: string;
  to: string[];
  reason: string;
}

export interface MunicipalityRecord {
  cuId: string;
  code: string;
  name: string;
  status: MunicipalityStatus;
  deadline: IsoDate;
  hardStopAt: string;
  closed: boolean;
  draftSavedAt?: string;
  /** The latest submitted version (values left out where the reader may not see them). */
  answer?: { values: AnswerValues; submittedAt: string; by: Actor; version: number };
  revision?: { comment: string; requestedAt: string; by: Actor };
  excuse?: { reason: string; at: string; by: Actor };
  reminders: SentReminder[];
  mailFailures: MailFailure[];
}

/** A municipality's own page: its record, the questionnaire its round asked, and its draft. */
export interface MunicipalityView extends MunicipalityRecord {
  cuTitle: string;
  phase: CuPhase;
  questionnaire: CuDefinition['questionnaire'];
  draft?: { values: AnswerValues; savedAt: string; by: Actor };
  events: AuditEvent[];
}

export interface CouncilRecord {
  id: string;
  name: string;
  deadline: IsoDate;
  status: Decision | 'pending' | 'no_decision';
  date?: IsoDate;
  remarks?: string;
  by?: Actor;
  recordedAt?: string;
  reminders: SentReminder[];
}

/** A decision of a step of the approval chain, in the step's own words (domain/approval-chain.ts). */
export interface StepDecisionRecord {
  step: ApprovalStep;
  decision: string;
  /** The day it was taken, for the steps that record one. */
  date?: IsoDate;
  remarks: string;
  via: DecidedVia;
  by: Actor;
  recordedAt: string;
  /** The report edition it was taken on. */
  reportEdition?: number;
}

export interface RoundRecord {
  launchedAt: string;
  by: Actor;
  cuVersion: number;
  deadline: IsoDate;
  settings: RoundSettings;
  addresses: Addresses;
  baseUrl: string;
  municipalities: string[];
  contacts: Record<string, MunicipalContacts>;
}

export interface RenewalRecord {
  cuId: string;
  submittedAt?: string;
  requestedBy: Actor;
  requestedAt: string;
  reason: string;
  /** Every earlier round in the chain, oldest first. */
  history: { cuId: string; submittedAt?: string }[];
}

export interface CuRecord {
  cu: CuDefinition;
  version: number;
  phase: CuPhase;
  createdAt: string;
  createdBy: Actor;
  renewalOf?: RenewalRecord;
  /** The renewed treatments that followed this CU. */
  renewedBy: string[];
  round?: RoundRecord;
  municipalities: Record<string, MunicipalityRecord>;
  report?: ReportData & { edition: number };
  /** The round's approval chain in order (empty before launch). */
  chain: ApprovalStep[];
  /** Every step's decisions, oldest first. */
  stepDecisions: StepDecisionRecord[];
  councils: Record<string, CouncilRecord>;
  submission?: { at: string; messageId: string; to: string; by: Actor; reportEdition: number };
  submissionRequested?: { at: string; by: Actor };
  events: AuditEvent[];
  mailFailures: MailFailure[];
}
