// The tables of db/migrations as Kysely sees them. jsonb columns are written as JSON text and read
// parsed; dates and instants are read as ISO strings (db/connect.ts sets the parsers).
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { AnswerValues } from '../domain/answer';
import type { Actor, Addresses, CuDefinition, MunicipalContacts } from '../domain/cu';
import type { AccessRole } from '../domain/actors';
import type { ApprovalStep, DecidedVia } from '../domain/approval-chain';
import type { PersonKind, ServiceKeyScope, SignInMethod } from '../domain/people';
import type { RoundSettings } from '../domain/record';
import type { ReportData } from '../domain/report';
import type { TemplateBody } from '../domain/templates';
import type { AgreementReport, SentAfterBackup } from '../domain/agreement';
import type { DeliveryStatus, WebhookStatus } from '../domain/webhooks';
import type { MeetingBody } from '../domain/meetings';

/** A jsonb column: objects in, JSON text out to the driver. */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface Database {
  cu: {
    id: string;
    region_code: string;
    version: number;
    phase: string;
    phase_seq: Generated<number>;
    created_at: string;
    created_by: Json<Actor>;
    renewal_of: string | null;
    renewal: NullableJson<{ reason: string; requestedBy: Actor; requestedAt: string }>;
    people_expired_at: ColumnType<string | null, string | null | undefined, string | null>;
    texts_expired_at: ColumnType<string | null, string | null | undefined, string | null>;
  };
  agreement_check: {
    id: Generated<number>;
    checked_at: string;
    report: Json<AgreementReport>;
  };
  cu_version: {
    cu_id: string;
    version: number;
    definition: Json<CuDefinition>;
    created_at: string;
    created_by: Json<Actor>;
  };
  round: {
    cu_id: string;
    cu_version: number;
    launched_at: string;
    launched_by: Json<Actor>;
    deadline: string;
    settings: Json<RoundSettings>;
    addresses: Json<Addresses>;
    base_url: string;
  };
  round_contact: {
    cu_id: string;
    municipality_code: string;
    contacts: Json<MunicipalContacts['contacts']>;
    director_email: string;
  };
  municipality: {
    cu_id: string;
    code: string;
    status: string;
    deadline: string;
    deadline_set_at: string;
    hard_stop_at: string;
    answer_version: Generated<number>;
    closed: Generated<boolean>;
    seq: Generated<number>;
    draft: NullableJson<AnswerValues>;
    draft_saved_at: string | null;
    draft_by: NullableJson<Actor>;
    draft_seq: Generated<number>;
  };
  answer: {
    cu_id: string;
    code: string;
    version: number;
    values: Json<AnswerValues>;
    submitted_at: string;
    submitted_by: Json<Actor>;
  };
  template: {
    id: string;
    builtin: boolean;
    version: number;
    created_at: string;
  };
  template_version: {
    template_id: string;
    version: number;
    definition: Json<TemplateBody>;
    created_at: string;
    created_by: Json<Actor>;
  };
  restore_log: {
    id: Generated<number>;
    restored_at: Generated<string>;
    backup_taken_at: string;
    manifest: Json<unknown>;
    sent_after_backup: Json<SentAfterBackup[]>;
  };
  auth_failure: {
    key: string;
    window_start: string;
    failures: number;
  };
  attachment: {
    cu_id: string;
    municipality_code: string;
    sha256: string;
    name: string;
    media_type: string;
    size: number;
    data: Buffer;
    uploaded_at: string;
    uploaded_by: Json<Actor>;
  };
  answer_upload: {
    ref: string;
    cu_id: string;
    municipality_code: string;
    values: Json<AnswerValues>;
    complete: boolean;
    created_at: string;
  };
  report_edition: {
    cu_id: string;
    edition: number;
    data: Json<Omit<ReportData, 'summaries' | 'edited'>>;
    summaries: Json<Record<string, string>>;
    created_at: string;
    created_by: Json<Actor>;
    reason: string;
  };
  council: {
    cu_id: string;
    council: string;
    name: string;
    deadline: string;
    deadline_set_at: string;
    status: string;
    seq: Generated<number>;
  };
  decision: {
    event_key: string;
    cu_id: string;
    body: ApprovalStep | 'council';
    council: string | null;
    decision: string;
    decided_on: string | null;
    remarks: Generated<string>;
    via: DecidedVia | null;
    report_edition: number | null;
    recorded_at: string;
    recorded_by: Json<Actor>;
  };
  submission: {
    cu_id: string;
    submitted_at: string;
    message_id: string;
    recipient: string;
    submitted_by: Json<Actor>;
    report_edition: number;
  };
  mail_log: {
    key: string;
    cu_id: string | null;
    municipality_code: string | null;
    template: string;
    reminder: string | null;
    requested_at: string;
    status: 'sent' | 'rejected';
    message_id: string | null;
    recipients: Json<string[]>;
    rejected: ColumnType<string[], string | undefined, string>;
    sent_at: string | null;
    failure: string | null;
  };
  audit_event: {
    key: string;
    seq: Generated<number>;
    at: string;
    cu_id: string | null;
    municipality_code: string | null;
    kind: string;
    actor: Json<Actor>;
    note: string | null;
    update_id: string | null;
  };
  contact: {
    municipality_code: string;
    contacts: Json<MunicipalContacts['contacts']>;
    director_email: string;
    updated_at: string;
    updated_by: Json<Actor>;
  };
  access_version: {
    id: number;
    value: string;
  };
  link_revocation: {
    id: Generated<number>;
    cu_id: string | null;
    municipality_code: string | null;
    role: string | null;
    jti: string | null;
    person_id: string | null;
    reason: Generated<string>;
    before_epoch: number;
    at: string;
    revoked_by: Json<Actor>;
  };
  mail_outbox: {
    id: Generated<number>;
    key: string;
    template: string;
    recipients: Json<string[]>;
    subject: string;
    message: Buffer;
    created_at: string;
  };
  mail_delivery: {
    key: string;
    mail_key: string;
    person_id: string | null;
    recipient: string;
    status: 'sent' | 'rejected';
    message_id: string | null;
    sent_at: string | null;
    failure: string | null;
  };
  person: {
    id: string;
    role: AccessRole;
    kind: PersonKind;
    name: string;
    email: string | null;
    municipality_code: string | null;
    issuer: string | null;
    subject: string | null;
    created_at: string;
    created_by: Json<Actor>;
    revoked_at: string | null;
    revoked_by: NullableJson<Actor>;
  };
  session: {
    id: string;
    secret_hash: string;
    person_id: string;
    method: SignInMethod;
    role: AccessRole;
    cu_id: string | null;
    municipality_code: string | null;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
    revoked_at: string | null;
    user_agent: Generated<string>;
  };
  service_key: {
    id: string;
    name: string;
    scopes: Json<ServiceKeyScope[]>;
    secret_hash: string;
    created_at: string;
    created_by: Json<Actor>;
    last_used_at: string | null;
    revoked_at: string | null;
    revoked_by: NullableJson<Actor>;
  };
  webhook_subscription: {
    id: string;
    name: string;
    url: string;
    event_types: Json<string[]>;
    secret: string;
    previous_secret: string | null;
    previous_until: string | null;
    status: WebhookStatus;
    paused_at: string | null;
    paused_reason: string | null;
    cursor_tx: string;
    cursor_seq: number;
    created_at: string;
    created_by: Json<Actor>;
  };
  webhook_delivery: {
    id: Generated<number>;
    subscription_id: string;
    event_key: string;
    position: Generated<number>;
    status: DeliveryStatus;
    attempts: Generated<number>;
    last_attempt_at: string | null;
    last_error: string | null;
    response_status: number | null;
    delivered_at: string | null;
  };
  meeting: {
    id: string;
    region_code: string;
    body: MeetingBody;
    municipality_code: string | null;
    on_date: string;
    agenda_working_days: number;
    title: Generated<string>;
    created_at: string;
    created_by: Json<Actor>;
  };
  calendar_feed: {
    id: string;
    person_id: string;
    secret_hash: string;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  };
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction on it. */
export type Queryable = Db | Tx;

export const json = (value: unknown): string => JSON.stringify(value);
