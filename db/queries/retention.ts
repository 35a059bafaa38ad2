// Personal data kept only as long as allowed (README: "Personal data"): what the scheduled retention
// workflow does each night. Sessions, the kept copies of sent messages and the mail ledger's addresses
// go after their periods; a closed CU's people become pseudonyms ("en kontaktperson i Odense
// Kommune") and its free-text answers are blanked after theirs. Each CU once; the trail stays.
import { sql, type RawBuilder } from 'kysely';
import { pseudonymForActor, withoutFreeText } from '../../domain/personal-data';
import { ERASED_ADDRESS } from './personal-data';
import { json, type Db, type Tx } from '../schema';

export interface RetentionPolicy {
  sessionDays: number;
  mailDays: number;
  peopleYears: number;
  answerTextYears: number;
}

export interface RetentionOutcome {
  sessions: number;
  outbox: number;
  mailAddresses: number;
  /** CUs whose people became pseudonyms, and whose free-text answers were blanked. */
  cusPseudonymised: string[];
  cusTextsBlanked: string[];
}

const DAY = 86_400_000;
/** A list of addresses with each one replaced by the erased address (its length, the count of recipients, kept). */
const erased = (column: 'recipients' | 'rejected') =>
  sql`(select coalesce(jsonb_agg(to_jsonb(${ERASED_ADDRESS}::text)), '[]'::jsonb) from jsonb_array_elements(${sql.ref(column)}))`;
const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY).toISOString();
const CLOSED = ['phase:submitted', 'phase:completed', 'phase:withdrawn'];

/** Columns naming who did something in a CU's rows, with the column that names the municipality. */
const CU_ACTORS: { table: string; column: string; code?: string; cu?: string }[] = [
  { table: 'audit_event', column: 'actor', code: 'municipality_code' },
  { table: 'answer', column: 'submitted_by', code: 'code' },
  { table: 'municipality', column: 'draft_by', code: 'code' },
  { table: 'attachment', column: 'uploaded_by', code: 'municipality_code' },
  { table: 'decision', column: 'recorded_by', code: 'council' },
  { table: 'submission', column: 'submitted_by' },
  { table: 'round', column: 'launched_by' },
  { table: 'cu_version', column: 'created_by' },
  { table: 'report_edition', column: 'created_by' },
  { table: 'cu', column: 'created_by', cu: 'id' },
];

export async function applyRetention(db: Db, policy: RetentionPolicy, now = new Date()): Promise<RetentionOutcome> {
  const sessions = await db
    .deleteFrom('session')
    .where(sql<boolean>`coalesce(revoked_at, expires_at) < ${before(now, policy.sessionDays)}`)
    .executeTakeFirst();
  const outbox = await db.deleteFrom('mail_outbox').where('created_at', '<', before(now, policy.mailDays)).executeTakeFirst();
  const mailCutoff = before(now, policy.mailDays);
  const addresses = await sql`update mail_log set recipients = ${erased('recipients')},
                                                rejected = ${erased('rejected')}
                               where requested_at < ${mailCutoff}
                                 and exists (select 1 from jsonb_array_elements_text(recipients || rejected) r where r <> ${ERASED_ADDRESS})`.execute(
    db,
  );
  const deliveries = await db
    .updateTable('mail_delivery')
    .set({ recipient: ERASED_ADDRESS })
    .where(sql<boolean>`coalesce(sent_at, ${mailCutoff}::timestamptz) <= ${mailCutoff}`)
    .where('recipient', '<>', ERASED_ADDRESS)
    .executeTakeFirst();

  const closed = await sql<{ id: string; closed_at: string; people_expired_at: string | null; texts_expired_at: string | null }>`
    select cu.id, max(e.at) as closed_at, cu.people_expired_at, cu.texts_expired_at
      from cu join audit_event e on e.cu_id = cu.id and e.kind in (${sql.join(CLOSED)})
     where cu.phase in ('submitted', 'completed', 'withdrawn') and (cu.people_expired_at is null or cu.texts_expired_at is null)
     group by cu.id, cu.people_expired_at, cu.texts_expired_at`.execute(db);
  const cusPseudonymised: string[] = [];
  const cusTextsBlanked: string[] = [];
  for (const cu of closed.rows) {
    if (!cu.people_expired_at && cu.closed_at < before(now, policy.peopleYears * 365)) {
      await db.transaction().execute((tx) => pseudonymiseCu(tx, cu.id, now));
      cusPseudonymised.push(cu.id);
    }
    if (!cu.texts_expired_at && cu.closed_at < before(now, policy.answerTextYears * 365)) {
      await db.transaction().execute((tx) => blankFreeText(tx, cu.id, now));
      cusTextsBlanked.push(cu.id);
    }
  }
  return {
    sessions: Number(sessions.numDeletedRows),
    outbox: Number(outbox.numDeletedRows),
    mailAddresses: Number(addresses.numAffectedRows ?? 0) + Number(deliveries.numUpdatedRows),
    cusPseudonymised,
    cusTextsBlanked,
  };
}

/** Every person named in the CU's rows becomes who they were: their role, and their municipality. */
async function pseudonymiseCu(tx: Tx, cuId: string, now: Date): Promise<void> {
  const codes = (await tx.selectFrom('municipality').select('code').where('cu_id', '=', cuId).execute()).map((m) => m.code);
  const byCode = (code: RawBuilder<unknown>) =>
    sql`case ${code} ${sql.join(
      codes.map((c) => sql`when ${c} then ${pseudonymForActor('municipality', c)}`),
      sql` `,
    )} else ${pseudonymForActor('municipality')} end`;
  for (const { table, column, code, cu } of CU_ACTORS) {
    const ref = sql.ref(column);
    const municipal = code && codes.length ? byCode(sql.ref(code)) : sql`${pseudonymForActor('municipality')}`;
    const name = sql`case ${ref}->>'role'
        when 'municipality' then ${municipal}
        when 'secretariat' then ${pseudonymForActor('secretariat')}
        when 'director' then ${pseudonymForActor('director')}
        when 'region' then ${pseudonymForActor('region')}
        else ${pseudonymForActor('')} end`;
    await sql`update ${sql.table(table)} set ${ref} = (${ref} - 'email' - 'subject') || jsonb_build_object('name', (${name})::text)
               where ${sql.ref(cu ?? 'cu_id')} = ${cuId} and ${ref} is not null and ${ref}->>'role' not in ('system', 'national_board')`.execute(
      tx,
    );
  }
  await sql`update round_contact
               set contacts = (select coalesce(jsonb_agg((c - 'name' - 'email') || jsonb_build_object('name', ${byCode(sql`round_contact.municipality_code`)}::text, 'email', ${ERASED_ADDRESS}::text)), '[]'::jsonb)
                                 from jsonb_array_elements(contacts) c),
                   director_email = ${ERASED_ADDRESS}
             where cu_id = ${cuId}`.execute(tx);
  // Notes quoted contacts as "Navn <adresse>": the quote becomes the pseudonym, any other address goes.
  await sql`update audit_event
               set note = regexp_replace(regexp_replace(note, '[^,;:]*<[^>@]+@[^>]+>', ' en kontaktperson', 'g'), '[^[:space:]<>,;]+@[^[:space:]<>,;]+', ${ERASED_ADDRESS}, 'g')
             where cu_id = ${cuId} and note like '%@%'`.execute(tx);
  await sql`update mail_log set recipients = ${erased('recipients')},
                                rejected = ${erased('rejected')}
             where cu_id = ${cuId}`.execute(tx);
  await sql`update mail_delivery set recipient = ${ERASED_ADDRESS} where mail_key in (select key from mail_log where cu_id = ${cuId})`.execute(
    tx,
  );
  await tx.updateTable('cu').set({ people_expired_at: now.toISOString() }).where('id', '=', cuId).execute();
}

/** Free text in the CU's answers, drafts and uploaded answers becomes EXPIRED_TEXT. */
async function blankFreeText(tx: Tx, cuId: string, now: Date): Promise<void> {
  const asked = await tx
    .selectFrom('round')
    .innerJoin('cu_version as v', (j) => j.onRef('v.cu_id', '=', 'round.cu_id').onRef('v.version', '=', 'round.cu_version'))
    .select('v.definition')
    .where('round.cu_id', '=', cuId)
    .executeTakeFirst();
  const questionnaire = asked?.definition.questionnaire;
  if (questionnaire) {
    for (const a of await tx.selectFrom('answer').select(['code', 'version', 'values']).where('cu_id', '=', cuId).execute())
      await tx
        .updateTable('answer')
        .set({ values: json(withoutFreeText(questionnaire, a.values)) })
        .where('cu_id', '=', cuId)
        .where('code', '=', a.code)
        .where('version', '=', a.version)
        .execute();
    for (const m of await tx
      .selectFrom('municipality')
      .select(['code', 'draft'])
      .where('cu_id', '=', cuId)
      .where('draft', 'is not', null)
      .execute())
      await tx
        .updateTable('municipality')
        .set({ draft: json(withoutFreeText(questionnaire, m.draft ?? {})) })
        .where('cu_id', '=', cuId)
        .where('code', '=', m.code)
        .execute();
    for (const u of await tx.selectFrom('answer_upload').select(['ref', 'values']).where('cu_id', '=', cuId).execute())
      await tx
        .updateTable('answer_upload')
        .set({ values: json(withoutFreeText(questionnaire, u.values)) })
        .where('ref', '=', u.ref)
        .execute();
  }
  await tx.updateTable('cu').set({ texts_expired_at: now.toISOString() }).where('id', '=', cuId).execute();
}
