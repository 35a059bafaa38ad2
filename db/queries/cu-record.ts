// A CU as the record holds it: definition, round, municipalities, report, decisions and events.
import { sql } from 'kysely';
import { isApprovalStep } from '../../domain/approval-chain';
import { CENTRAL_NOTICE_PROCESS, type Actor } from '../../domain/cu';
import { municipality as municipalityOf } from '../../domain/municipalities';
import type { MunicipalityStatus } from '../../domain/municipality-process';
import type { CuPhase } from '../../domain/cu-process';
import type { EventKind } from '../../domain/record';
import type {
  AuditEvent,
  CouncilRecord,
  CuRecord,
  MailFailure,
  MunicipalityRecord,
  RenewalRecord,
  SentReminder,
  StepDecisionRecord,
} from '../../domain/views';
import { SUMMARIES_EDITED } from '../record';
import type { Queryable } from '../schema';

export interface ReadOptions {
  /** Include the answers' values (the secretariat's view). */
  answers?: boolean;
}

/** Editions made before choices, yes/no, dates, tables and files were reported hold none of them. */
const BEFORE_KINDS = { choices: [], yesno: [], dates: [], tables: [], files: [] };

/**
 * What changes whenever the CU's record does: every write adds an event. The count as well as the
 * newest number, since events commit out of the order of their numbers.
 */
export async function recordVersion(db: Queryable, cuId: string): Promise<string> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => [eb.fn.countAll<string>().as('events'), eb.fn.max('seq').as('newest')])
    .where('cu_id', '=', cuId)
    .executeTakeFirst();
  return `${row?.events ?? 0}/${row?.newest ?? 0}`;
}

export async function readCu(db: Queryable, cuId: string, { answers = true }: ReadOptions = {}): Promise<CuRecord | undefined> {
  const cu = await db
    .selectFrom('cu')
    .innerJoin('cu_version as v', (join) => join.onRef('v.cu_id', '=', 'cu.id').onRef('v.version', '=', 'cu.version'))
    .selectAll('cu')
    .select('v.definition')
    .where('cu.id', '=', cuId)
    .executeTakeFirst();
  if (!cu) return undefined;

  const [
    round,
    contacts,
    municipalities,
    report,
    edited,
    decisions,
    councils,
    submission,
    events,
    mails,
    renewedBy,
    renewalOf,
    councilMails,
  ] = await Promise.all([
    db.selectFrom('round').selectAll().where('cu_id', '=', cuId).executeTakeFirst(),
    db.selectFrom('round_contact').selectAll().where('cu_id', '=', cuId).orderBy('municipality_code').execute(),
    municipalityRecords(db, cuId, undefined, answers),
    db.selectFrom('report_edition').selectAll().where('cu_id', '=', cuId).orderBy('edition', 'desc').executeTakeFirst(),
    db
      .selectFrom('report_edition')
      .select(['created_at', 'created_by'])
      .where('cu_id', '=', cuId)
      .where('reason', '=', SUMMARIES_EDITED)
      .orderBy('edition', 'desc')
      .executeTakeFirst(),
    db.selectFrom('decision').selectAll().where('cu_id', '=', cuId).orderBy('recorded_at').orderBy('event_key').execute(),
    db.selectFrom('council').selectAll().where('cu_id', '=', cuId).orderBy('council').execute(),
    db.selectFrom('submission').selectAll().where('cu_id', '=', cuId).executeTakeFirst(),
    auditEvents(db, { cuId, municipalityCode: null }),
    db
      .selectFrom('mail_log')
      .selectAll()
      .where('cu_id', '=', cuId)
      .where('municipality_code', 'is', null)
      .orderBy('requested_at')
      .execute(),
    db.selectFrom('cu').select('id').where('renewal_of', '=', cuId).orderBy('created_at').execute(),
    renewalChain(db, cu.renewal_of, cu.renewal),
    db
      .selectFrom('mail_log')
      .select(['reminder', 'requested_at'])
      .where('cu_id', '=', cuId)
      .where('template', '=', 'council_reminder')
      .orderBy('requested_at')
      .execute(),
  ]);
  const latest = (body: string, council?: string) =>
    decisions.filter((d) => d.body === body && (council === undefined || d.council === council)).at(-1);
  const requested = events.filter((e) => e.kind === 'submission_requested').at(-1);
  const failedAfter = requested && events.some((e) => e.kind === 'submission_failed' && e.at >= requested.at);

  return {
    // Definitions recorded before rounds had a process of their own were central notices.
    cu: { ...cu.definition, process: (cu.definition as Partial<typeof cu.definition>).process ?? CENTRAL_NOTICE_PROCESS },
    version: cu.version,
    phase: cu.phase as CuPhase,
    createdAt: cu.created_at,
    createdBy: cu.created_by,
    ...(renewalOf ? { renewalOf } : {}),
    renewedBy: renewedBy.map((r) => r.id),
    ...(round
      ? {
          round: {
            launchedAt: round.launched_at,
            by: round.launched_by,
            cuVersion: round.cu_version,
            deadline: round.deadline,
            settings: round.settings,
            addresses: round.addresses,
            baseUrl: round.base_url,
            municipalities: contacts.map((c) => c.municipality_code),
            contacts: Object.fromEntries(
              contacts.map((c) => [c.municipality_code, { contacts: c.contacts, directorEmail: c.director_email }]),
            ),
          },
        }
      : {}),
    municipalities: Object.fromEntries(municipalities.map((m) => [m.code, m])),
    ...(report
      ? {
          report: {
            ...BEFORE_KINDS,
            ...report.data,
            summaries: report.summaries,
            edition: report.edition,
            ...(edited ? { edited: { at: edited.created_at, by: edited.created_by } } : {}),
          },
        }
      : {}),
    chain: [...(round?.settings.approvalChain ?? [])],
    stepDecisions: decisions.flatMap((d): StepDecisionRecord[] =>
      isApprovalStep(d.body)
        ? [
            {
              step: d.body,
              decision: d.decision,
              ...(d.decided_on ? { date: d.decided_on } : {}),
              remarks: d.remarks,
              via: d.via ?? 'meeting',
              by: d.recorded_by,
              recordedAt: d.recorded_at,
              ...(d.report_edition ? { reportEdition: d.report_edition } : {}),
            },
          ]
        : [],
    ),
    councils: Object.fromEntries(
      councils.map((c): [string, CouncilRecord] => {
        const decided = c.status === 'pending' || c.status === 'no_decision' ? undefined : latest('council', c.council);
        const prefix = `council:${c.council}:`;
        return [
          c.council,
          {
            id: c.council,
            name: c.name,
            deadline: c.deadline,
            status: c.status as CouncilRecord['status'],
            ...(decided
              ? {
                  ...(decided.decided_on ? { date: decided.decided_on } : {}),
                  remarks: decided.remarks,
                  by: decided.recorded_by,
                  recordedAt: decided.recorded_at,
                }
              : {}),
            reminders: councilMails.flatMap((m) =>
              m.reminder?.startsWith(prefix) ? [reminderOf(m.reminder.slice(prefix.length), m.requested_at)] : [],
            ),
          },
        ];
      }),
    ),
    ...(submission
      ? {
          submission: {
            at: submission.submitted_at,
            messageId: submission.message_id,
            to: submission.recipient,
            by: submission.submitted_by,
            reportEdition: submission.report_edition,
          },
        }
      : {}),
    ...(requested && !submission && !failedAfter ? { submissionRequested: { at: requested.at, by: requested.by } } : {}),
    events,
    mailFailures: mails.filter((m) => m.status === 'rejected').map(failureOf),
  };
}

/** The municipalities of a round (or one of them), newest answer first in each. */
export async function municipalityRecords(
  db: Queryable,
  cuId: string,
  code: string | undefined,
  answers: boolean,
): Promise<MunicipalityRecord[]> {
  let rows = db
    .selectFrom('municipality as m')
    .leftJoin('answer as a', (join) =>
      join.onRef('a.cu_id', '=', 'm.cu_id').onRef('a.code', '=', 'm.code').onRef('a.version', '=', 'm.answer_version'),
    )
    .select([
      'm.code',
      'm.status',
      'm.deadline',
      'm.hard_stop_at',
      'm.closed',
      'm.draft_saved_at',
      'm.answer_version',
      'a.submitted_at',
      'a.submitted_by',
    ])
    .$if(answers, (q) => q.select('a.values'))
    .where('m.cu_id', '=', cuId)
    .orderBy('m.code');
  if (code) rows = rows.where('m.code', '=', code);
  let notes = db
    .selectFrom('audit_event')
    .select(['municipality_code', 'kind', 'at', 'actor', 'note'])
    .where('cu_id', '=', cuId)
    .where('kind', 'in', ['revision_requested', 'excused'])
    .orderBy('seq');
  let mails = db
    .selectFrom('mail_log')
    .select(['municipality_code', 'template', 'reminder', 'requested_at', 'status', 'recipients', 'rejected', 'failure'])
    .where('cu_id', '=', cuId)
    .where('municipality_code', 'is not', null)
    .where((eb) => eb.or([eb('reminder', 'is not', null), eb('status', '=', 'rejected')]))
    .orderBy('requested_at');
  if (code) {
    notes = notes.where('municipality_code', '=', code);
    mails = mails.where('municipality_code', '=', code);
  }
  const [found, noted, mailed] = await Promise.all([rows.execute(), notes.execute(), mails.execute()]);
  return found.map((m) => {
    const mine = noted.filter((n) => n.municipality_code === m.code);
    const revision = m.status === 'revision_requested' ? mine.filter((n) => n.kind === 'revision_requested').at(-1) : undefined;
    const excuse = m.status === 'excused' ? mine.filter((n) => n.kind === 'excused').at(-1) : undefined;
    const myMails = mailed.filter((x) => x.municipality_code === m.code);
    return {
      cuId,
      code: m.code,
      name: municipalityOf(m.code).name,
      status: m.status as MunicipalityStatus,
      deadline: m.deadline,
      hardStopAt: m.hard_stop_at,
      closed: m.closed,
      ...(m.draft_saved_at ? { draftSavedAt: m.draft_saved_at } : {}),
      ...(m.answer_version > 0 && m.submitted_at && m.submitted_by
        ? { answer: { values: m.values ?? {}, submittedAt: m.submitted_at, by: m.submitted_by, version: m.answer_version } }
        : {}),
      ...(revision ? { revision: { comment: revision.note ?? '', requestedAt: revision.at, by: revision.actor } } : {}),
      ...(excuse ? { excuse: { reason: excuse.note ?? '', at: excuse.at, by: excuse.actor } } : {}),
      reminders: myMails.flatMap((x) => (x.reminder && !x.reminder.startsWith('council:') ? [reminderOf(x.reminder, x.requested_at)] : [])),
      mailFailures: myMails.filter((x) => x.status === 'rejected').map(failureOf),
    };
  });
}

export async function auditEvents(
  db: Queryable,
  /** `cuId: null`, the events that belong to no CU (the access trail). */
  filter: { cuId?: string | null; municipalityCode?: string | null; kind?: string; limit?: number },
): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_event').select(['at', 'kind', 'actor', 'cu_id', 'municipality_code', 'note']).orderBy('seq');
  if (filter.cuId === null) q = q.where('cu_id', 'is', null);
  else if (filter.cuId) q = q.where('cu_id', '=', filter.cuId);
  if (filter.municipalityCode === null) q = q.where('municipality_code', 'is', null);
  else if (filter.municipalityCode) q = q.where('municipality_code', '=', filter.municipalityCode);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.limit) q = q.limit(filter.limit);
  return (await q.execute()).map((e) => ({
    at: e.at,
    kind: e.kind as EventKind,
    by: e.actor,
    ...(e.cu_id ? { cuId: e.cu_id } : {}),
    ...(e.municipality_code ? { municipalityCode: e.municipality_code } : {}),
    ...(e.note ? { note: e.note } : {}),
  }));
}

async function renewalChain(
  db: Queryable,
  renewalOf: string | null,
  renewal: { reason: string; requestedBy: Actor; requestedAt: string } | null,
): Promise<RenewalRecord | undefined> {
  if (!renewalOf || !renewal) return undefined;
  const chain = await sql<{ id: string; renewal_of: string | null; submitted_at: string | null; depth: number }>`
    with recursive chain as (
      select id, renewal_of, 1 as depth from cu where id = ${renewalOf}
      union all
      select cu.id, cu.renewal_of, chain.depth + 1 from cu join chain on cu.id = chain.renewal_of where chain.depth < 50
    )
    select chain.id, chain.renewal_of, chain.depth, s.submitted_at from chain left join submission s on s.cu_id = chain.id order by chain.depth desc`.execute(
    db,
  );
  const history = chain.rows.map((r) => ({
    cuId: r.id,
    ...(r.submitted_at ? { submittedAt: new Date(r.submitted_at).toISOString() } : {}),
  }));
  const previous = history.at(-1);
  return {
    cuId: renewalOf,
    ...(previous?.submittedAt ? { submittedAt: previous.submittedAt } : {}),
    requestedBy: renewal.requestedBy,
    requestedAt: renewal.requestedAt,
    reason: renewal.reason,
    history,
  };
}

function reminderOf(key: string, at: string): SentReminder {
  const kind = key.split(':')[0] as SentReminder['kind'];
  return { key, kind, at };
}

function failureOf(m: {
  requested_at: string;
  template: string;
  recipients: string[];
  rejected: string[];
  failure: string | null;
}): MailFailure {
  return {
    at: m.requested_at,
    template: m.template,
    to: m.rejected.length ? m.rejected : m.recipients,
    reason: m.failure ?? 'Modtageren blev afvist',
  };
}
