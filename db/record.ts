// Writes what the workflows record: each entry's audit event and its facts, in one transaction.
// An entry whose event is already there was written by an earlier attempt and is skipped whole.
import { sql } from 'kysely';
import type { Actor } from '../domain/cu';
import { municipality as municipalityOf } from '../domain/municipalities';
import { SETTLED, type MunicipalityStatus } from '../domain/municipality-process';
import type { AnswerValues } from '../domain/answer';
import type { Fact, RecordEntry, RecordResult } from '../domain/record';
import { aggregateReport } from '../domain/report';
import { json, type Db, type Tx } from './schema';

/** The reason of a report edition made by an edit of its summaries. */
export const SUMMARIES_EDITED = 'Sammenfatninger rettet';

export async function record(db: Db, entries: RecordEntry[]): Promise<RecordResult> {
  return db.transaction().execute(async (tx) => {
    const cuId = entries[0]?.cuId ?? '';
    // A municipality's writes to one round take turns, so exactly one sees the round settle.
    const municipal = entries.some((e) => e.facts?.some((f) => f.type === 'municipality'));
    if (municipal) await tx.selectFrom('round').select('cu_id').where('cu_id', '=', cuId).forUpdate().executeTakeFirst();
    let touchedReport = false;
    for (const entry of entries) {
      const inserted = await tx
        .insertInto('audit_event')
        .values({
          key: entry.key,
          at: entry.at,
          cu_id: entry.cuId,
          municipality_code: entry.municipalityCode ?? null,
          kind: entry.kind,
          actor: json(entry.by),
          note: entry.note ?? null,
          update_id: entry.updateId ?? null,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      for (const fact of entry.facts ?? []) {
        if (fact.type === 'report_aggregate' || fact.type === 'report_summaries') touchedReport = true;
        if (inserted) await apply(tx, entry, fact);
      }
    }
    return {
      ...(touchedReport ? { report: await currentReport(tx, cuId) } : {}),
      ...(municipal ? { roundSettled: await roundSettled(tx, cuId) } : {}),
    };
  });
}

async function roundSettled(tx: Tx, cuId: string): Promise<boolean> {
  const open = await tx
    .selectFrom('municipality')
    .select('code')
    .where('cu_id', '=', cuId)
    .where('status', 'not in', [...SETTLED])
    .limit(1)
    .executeTakeFirst();
  return open === undefined;
}

/** The answer an Update named by its reference: stored by the API before the Update, for this municipality. */
async function uploaded(tx: Tx, ref: string, cuId: string, code: string): Promise<AnswerValues> {
  const row = await tx
    .selectFrom('answer_upload')
    .select('values')
    .where('ref', '=', ref)
    .where('cu_id', '=', cuId)
    .where('municipality_code', '=', code)
    .executeTakeFirst();
  if (!row) throw new Error(`The answer ${ref} of ${cuId}/${code} is not in answer_upload`);
  return row.values;
}

/** The renewed CU's own trail says that a new treatment began, by whom and why (in the same transaction). */
async function renewalStarted(tx: Tx, entry: RecordEntry, renewalOf: { cuId: string; reason: string }): Promise<void> {
  await tx
    .insertInto('audit_event')
    .values({
      key: `${entry.key}/renewal_started`,
      at: entry.at,
      cu_id: renewalOf.cuId,
      kind: 'renewal_started',
      actor: json(entry.by),
      note: `Ny behandling: ${entry.cuId}. Begrundelse: ${renewalOf.reason}`,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

async function apply(tx: Tx, entry: RecordEntry, fact: Fact): Promise<void> {
  const { cuId, at, by, seq } = entry;
  // A municipality's facts are written by its own workflow, whose entries carry its code.
  const code = entry.municipalityCode ?? '';
  switch (fact.type) {
    case 'cu_version': {
      if (fact.version === 1) {
        await tx
          .insertInto('cu')
          .values({
            id: cuId,
            region_code: fact.definition.regionCode,
            version: 1,
            phase: 'registered',
            created_at: at,
            created_by: json(by),
            renewal_of: fact.renewalOf?.cuId ?? null,
            renewal: fact.renewalOf ? json({ reason: fact.renewalOf.reason, requestedBy: by, requestedAt: at }) : null,
          })
          .execute();
        if (fact.renewalOf) await renewalStarted(tx, entry, fact.renewalOf);
      } else {
        await tx
          .updateTable('cu')
          .set({ version: fact.version, region_code: fact.definition.regionCode })
          .where('id', '=', cuId)
          .where('version', '<', fact.version)
          .execute();
      }
      await tx
        .insertInto('cu_version')
        .values({ cu_id: cuId, version: fact.version, definition: json(fact.definition), created_at: at, created_by: json(by) })
        .execute();
      return;
    }
    case 'phase':
      await tx.updateTable('cu').set({ phase: fact.phase, phase_seq: seq }).where('id', '=', cuId).where('phase_seq', '<', seq).execute();
      return;
    case 'round': {
      await tx
        .insertInto('round')
        .values({
          cu_id: cuId,
          cu_version: fact.cuVersion,
          launched_at: at,
          launched_by: json(by),
          deadline: fact.deadline,
          settings: json(fact.settings),
          addresses: json(fact.addresses),
          base_url: fact.baseUrl,
        })
        .execute();
      await tx
        .insertInto('round_contact')
        .values(
          Object.entries(fact.contacts).map(([code, c]) => ({
            cu_id: cuId,
            municipality_code: code,
            contacts: json(c.contacts),
            director_email: c.directorEmail,
          })),
        )
        .execute();
      await tx
        .insertInto('municipality')
        .values(
          fact.municipalities.map((m) => ({
            cu_id: cuId,
            code: m.code,
            status: 'invited',
            deadline: m.deadline,
            deadline_set_at: at,
            hard_stop_at: m.hardStopAt,
          })),
        )
        .execute();
      return;
    }
    case 'municipality': {
      const s = fact.snapshot;
      await tx
        .updateTable('municipality')
        .set({
          status: s.status,
          deadline: s.deadline,
          deadline_set_at: s.deadlineSetAt,
          hard_stop_at: s.hardStopAt,
          answer_version: s.answerVersion,
          closed: s.closed,
          seq,
        })
        .where('cu_id', '=', cuId)
        .where('code', '=', code)
        .where('seq', '<', seq)
        .execute();
      return;
    }
    case 'answer':
      await tx
        .insertInto('answer')
        .values({
          cu_id: cuId,
          code: code,
          version: fact.version,
          values: json(await uploaded(tx, fact.ref, cuId, code)),
          submitted_at: at,
          submitted_by: json(by),
        })
        .onConflict((oc) => oc.columns(['cu_id', 'code', 'version']).doNothing())
        .execute();
      return;
    case 'draft': {
      const values = fact.ref ? await uploaded(tx, fact.ref, cuId, code) : null;
      await tx
        .updateTable('municipality')
        .set({
          draft: values ? json(values) : null,
          draft_saved_at: values ? at : null,
          draft_by: values ? json(by) : null,
          draft_seq: seq,
        })
        .where('cu_id', '=', cuId)
        .where('code', '=', code)
        .where('draft_seq', '<', seq)
        .execute();
      return;
    }
    case 'report_aggregate':
      await aggregate(tx, cuId, at, by, fact.reason);
      return;
    case 'report_summaries': {
      const current = await tx
        .selectFrom('report_edition')
        .selectAll()
        .where('cu_id', '=', cuId)
        .orderBy('edition', 'desc')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('report_edition')
        .values({
          cu_id: cuId,
          edition: current.edition + 1,
          data: json(current.data),
          summaries: json({ ...current.summaries, ...fact.summaries }),
          created_at: at,
          created_by: json(by),
          reason: SUMMARIES_EDITED,
        })
        .execute();
      return;
    }
    case 'decision': {
      const edition = await tx
        .selectFrom('report_edition')
        .select(sql<number>`max(edition)`.as('edition'))
        .where('cu_id', '=', cuId)
        .executeTakeFirst();
      await tx
        .insertInto('decision')
        .values({
          event_key: entry.key,
          cu_id: cuId,
          body: fact.body,
          council: fact.council ?? null,
          decision: fact.decision,
          decided_on: fact.date ?? null,
          remarks: fact.remarks,
          via: fact.via ?? null,
          report_edition: edition?.edition ?? null,
          recorded_at: at,
          recorded_by: json(by),
        })
        .execute();
      return;
    }
    case 'councils':
      for (const c of fact.councils) {
        await tx
          .insertInto('council')
          .values({
            cu_id: cuId,
            council: c.council,
            name: c.name,
            deadline: c.deadline,
            deadline_set_at: c.deadlineSetAt,
            status: c.status,
            seq,
          })
          .onConflict((oc) =>
            oc
              .columns(['cu_id', 'council'])
              .doUpdateSet({ deadline: c.deadline, deadline_set_at: c.deadlineSetAt, status: c.status, seq })
              .where('council.seq', '<', seq),
          )
          .execute();
      }
      return;
    case 'submission': {
      const edition = await tx
        .selectFrom('report_edition')
        .select(sql<number>`max(edition)`.as('edition'))
        .where('cu_id', '=', cuId)
        .executeTakeFirstOrThrow();
      const round = await tx.selectFrom('round').select('addresses').where('cu_id', '=', cuId).executeTakeFirstOrThrow();
      await tx
        .insertInto('submission')
        .values({
          cu_id: cuId,
          submitted_at: at,
          message_id: fact.messageId,
          recipient: round.addresses.nationalBoard,
          submitted_by: json(by),
          report_edition: edition.edition,
        })
        .execute();
      return;
    }
    case 'round_contacts': {
      await tx
        .updateTable('round_contact')
        .set({ contacts: json(fact.contacts.contacts), director_email: fact.contacts.directorEmail })
        .where('cu_id', '=', cuId)
        .where('municipality_code', '=', fact.municipalityCode)
        .execute();
      if (fact.removed.length === 0) return;
      const people = await tx
        .selectFrom('person')
        .select('id')
        .where('kind', '=', 'contact')
        .where('municipality_code', '=', fact.municipalityCode)
        .where(sql<boolean>`lower(email) in (${sql.join(fact.removed.map((e) => e.toLowerCase()))})`)
        .execute();
      const before = Math.floor(Date.parse(at) / 1000);
      for (const person of people) {
        await tx
          .insertInto('link_revocation')
          .values({
            cu_id: cuId,
            municipality_code: fact.municipalityCode,
            person_id: person.id,
            reason: 'Ikke længere kontaktperson i denne indberetning',
            before_epoch: before,
            at,
            revoked_by: json(by),
          })
          .execute();
      }
      return;
    }
    case 'links_revoked':
      await tx
        .insertInto('link_revocation')
        .values({ cu_id: cuId, reason: fact.reason, before_epoch: Math.floor(Date.parse(at) / 1000), at, revoked_by: json(by) })
        .execute();
      return;
    case 'round_deadline':
      await tx.updateTable('round').set({ deadline: fact.deadline }).where('cu_id', '=', cuId).execute();
      return;
    case 'national_deadline': {
      // A new version of the definition with only the national deadline changed: the round keeps the version it asked.
      const current = await tx
        .selectFrom('cu_version')
        .select('definition')
        .where('cu_id', '=', cuId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const definition = { ...current.definition, nationalDeadline: fact.nationalDeadline };
      await tx
        .insertInto('cu_version')
        .values({ cu_id: cuId, version: fact.version, definition: json(definition), created_at: at, created_by: json(by) })
        .execute();
      await tx.updateTable('cu').set({ version: fact.version }).where('id', '=', cuId).where('version', '<', fact.version).execute();
      return;
    }
  }
}

/** A new report edition from the latest answers; summaries already written carry over. The round is closed. */
async function aggregate(tx: Tx, cuId: string, at: string, by: Actor, reason: string): Promise<void> {
  await tx.updateTable('municipality').set({ closed: true }).where('cu_id', '=', cuId).execute();
  const round = await tx
    .selectFrom('round')
    .innerJoin('cu_version', (join) =>
      join.onRef('cu_version.cu_id', '=', 'round.cu_id').onRef('cu_version.version', '=', 'round.cu_version'),
    )
    .select('cu_version.definition')
    .where('round.cu_id', '=', cuId)
    .executeTakeFirstOrThrow();
  const rows = await tx
    .selectFrom('municipality as m')
    .leftJoin('answer as a', (join) =>
      join.onRef('a.cu_id', '=', 'm.cu_id').onRef('a.code', '=', 'm.code').onRef('a.version', '=', 'm.answer_version'),
    )
    .select(['m.code', 'm.status', 'a.values', 'a.submitted_at'])
    .where('m.cu_id', '=', cuId)
    .execute();
  const inputs = rows.map((r) => ({
    code: r.code,
    name: municipalityOf(r.code).name,
    status: r.status as MunicipalityStatus,
    ...(r.values && r.submitted_at ? { answer: { values: r.values, submittedAt: r.submitted_at } } : {}),
  }));
  const { summaries, edited: _, ...data } = aggregateReport(round.definition.questionnaire, inputs, at);
  const previous = await tx
    .selectFrom('report_edition')
    .select(['edition', 'summaries'])
    .where('cu_id', '=', cuId)
    .orderBy('edition', 'desc')
    .executeTakeFirst();
  await tx
    .insertInto('report_edition')
    .values({
      cu_id: cuId,
      edition: (previous?.edition ?? 0) + 1,
      data: json(data),
      summaries: json({ ...summaries, ...previous?.summaries }),
      created_at: at,
      created_by: json(by),
      reason,
    })
    .execute();
}

async function currentReport(tx: Tx, cuId: string): Promise<NonNullable<RecordResult['report']>> {
  const current = await tx
    .selectFrom('report_edition')
    .select(['edition', 'data'])
    .where('cu_id', '=', cuId)
    .orderBy('edition', 'desc')
    .executeTakeFirstOrThrow();
  const total = current.data.municipalities.length;
  return { edition: current.edition, answered: total - current.data.notAnswered.length, total };
}
