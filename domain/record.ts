// What the workflows write to the record, through the `record` activity: events for the audit
// trail, each with the facts that change with it. Keys come from the workflow and its event
// number, so a retried activity writes once.
import type { ApprovalStep, DecidedVia } from './approval-chain';
import type { Actor, Addresses, CuDefinition, Decision, MunicipalContacts } from './cu';
import { CU_PHASES, type CuPhase } from './cu-process';
import type { MunicipalityStatus } from './municipality-process';
import type { IsoDate } from './time';
import type { RoundSettings } from './views';

export const EVENT_KINDS = {
  registered: 'Registreret',
  cu_edited: 'Central udmelding rettet',
  round_launched: 'Indberetning sendt ud',
  draft_saved: 'Kladde gemt',
  submitted: 'Besvarelse indsendt',
  resubmitted: 'Revideret besvarelse indsendt',
  deadline_extended: 'Frist forlænget',
  round_extended: 'Hele indberetningen forlænget',
  municipality_reopened: 'Kommune genåbnet',
  respondent_restarted: 'Respondentens workflow genstartet fra registreringen',
  cu_withdrawn: 'Trukket tilbage',
  round_cancelled: 'Indberetningen annulleret',
  mail_resent: 'E-mail sendt igen',
  national_deadline_moved: 'National frist flyttet',
  revision_requested: 'Bedt om revision',
  excused: 'Fritaget',
  not_submitted: 'Ikke indsendt',
  revision_not_received: 'Revision ikke modtaget',
  reporting_closed: 'Indberetning lukket',
  report_generated: 'Afrapportering dannet',
  report_edited: 'Sammenfatninger rettet',
  oeg_decision: 'Økonomisk arbejdsgruppes vurdering',
  fu_decision: 'Forretningsudvalgets beslutning',
  forum_decision: 'Socialdirektørforums beslutning',
  k22_decision: 'K22’s beslutning',
  kkr_decision: 'KKR’s beslutning',
  council_decision: 'Politisk beslutning',
  council_deadline_extended: 'Frist for politisk behandling forlænget',
  council_no_decision: 'Ingen politisk beslutning',
  submission_requested: 'Indsendelse bestilt',
  submission_failed: 'Indsendelse mislykkedes',
  report_submitted: 'Afrapportering indsendt',
  mail_sent: 'E-mail sendt',
  mail_rejected: 'E-mail afvist',
  contacts_changed: 'Kontaktpersoner ændret',
  auth_failures: 'Gentagne mislykkede login- eller linkforsøg',
  schedule_saved: 'Tidsplan for runder gemt',
  schedule_paused: 'Tidsplan sat på pause',
  schedule_resumed: 'Tidsplan genoptaget',
  schedule_deleted: 'Tidsplan slettet',
  schedule_triggered: 'Tidsplan udløst i hånden',
  links_revoked: 'Links tilbagekaldt',
  renewal_started: 'Fornyet behandling startet',
  signed_in: 'Logget ind',
  signed_out: 'Logget ud',
  sessions_revoked: 'Logget ud alle steder',
  person_revoked: 'Person spærret',
  person_reinstated: 'Person genåbnet',
  service_key_created: 'Integrationsnøgle oprettet',
  service_key_revoked: 'Integrationsnøgle tilbagekaldt',
  personal_data_exported: 'Indsigt i personoplysninger udleveret (art. 15)',
  person_erased: 'Personoplysninger slettet efter anmodning (art. 17)',
  retention_applied: 'Opbevaringsperioden udløbet: personoplysninger pseudonymiseret',
  webhook_created: 'Webhook oprettet',
  webhook_secret_rotated: 'Webhookens hemmelighed skiftet',
  webhook_paused: 'Webhook sat på pause',
  webhook_resumed: 'Webhook genoptaget',
  webhook_deleted: 'Webhook slettet',
  webhook_resent: 'Webhook-levering sendt igen',
  meetings_changed: 'Mødekalender ændret',
} as const;
/** A phase change is an event of its own kind: `phase:forum`, `phase:kkr`, … */
export type EventKind = keyof typeof EVENT_KINDS | `phase:${CuPhase}`;

export function eventLabel(kind: EventKind): string {
  return kind.startsWith('phase:') ? `Fase: ${CU_PHASES[kind.slice(6) as CuPhase]}` : EVENT_KINDS[kind as keyof typeof EVENT_KINDS];
}

export type { RoundSettings };

export interface MunicipalitySnapshot {
  status: MunicipalityStatus;
  deadline: IsoDate;
  deadlineSetAt: string;
  hardStopAt: string;
  answerVersion: number;
  closed: boolean;
}

export interface CouncilSnapshot {
  council: string;
  name: string;
  deadline: IsoDate;
  deadlineSetAt: string;
  status: 'pending' | Decision | 'no_decision';
}

export type Fact =
  | { type: 'cu_version'; version: number; definition: CuDefinition; renewalOf?: { cuId: string; reason: string } }
  | { type: 'phase'; phase: CuPhase }
  | {
      type: 'round';
      cuVersion: number;
      deadline: IsoDate;
      settings: RoundSettings;
      addresses: Addresses;
      baseUrl: string;
      contacts: Record<string, MunicipalContacts>;
      municipalities: { code: string; deadline: IsoDate; hardStopAt: string }[];
    }
  | { type: 'municipality'; snapshot: MunicipalitySnapshot }
  /** An answer by its reference in `answer_upload` (db/queries/answer-uploads.ts): never the answer itself. */
  | { type: 'answer'; version: number; ref: string }
  /** A draft, or null when a submission supersedes it. */
  | { type: 'draft'; ref: string | null }
  | { type: 'report_aggregate'; reason: string }
  | { type: 'report_summaries'; summaries: Record<string, string> }
  | {
      type: 'decision';
      body: ApprovalStep | 'council';
      council?: string;
      decision: string;
      date?: IsoDate;
      remarks: string;
      via?: DecidedVia;
    }
  | { type: 'councils'; councils: CouncilSnapshot[] }
  | { type: 'submission'; messageId: string }
  | { type: 'round_deadline'; deadline: IsoDate }
  /** Every link into this CU stops working. */
  | { type: 'links_revoked'; reason: string }
  /** A municipality's contacts changed mid-round: the removed addresses' links in this CU stop working. */
  | { type: 'round_contacts'; municipalityCode: string; contacts: MunicipalContacts; removed: string[] }
  | { type: 'national_deadline'; version: number; nationalDeadline: IsoDate };

export interface RecordEntry {
  /** Unique per event: `<workflow id>#<seq>`. */
  key: string;
  /** The workflow's event number: a snapshot with a lower one never overwrites a higher one. */
  seq: number;
  at: string;
  cuId: string;
  municipalityCode?: string;
  kind: EventKind;
  by: Actor;
  note?: string;
  facts?: Fact[];
  /** On the last event of a write made by an Update: that Update's id (see db/migrations/0006). */
  updateId?: string;
}

/** What a `record` call answers: the current report edition, when the batch touched the report. */
export interface RecordResult {
  report?: { edition: number; answered: number; total: number };
  /** For a municipality's write: whether every municipality of its round has now settled (answered, excused or closed as not submitted). */
  roundSettled?: boolean;
}
