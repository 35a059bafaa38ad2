// The record's migrations on both databases udmeld runs on (a PostgreSQL server, and the embedded
// PGlite of `npm start`): from an empty database, and from the schema the previous version left
// (0001–0002, before the outbox, the approval chain and per-person revocations; and 0005, the last
// release's, before the Update id on events) with data in it.
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { migrate, migrationFiles } from '../../db/migrate';
import { json } from '../../db/schema';
import { openDatabase } from '../../db/connect';
import { accessVersion, registeredPerson } from '../../db/queries/people';
import { addRevocation } from '../../db/queries/register';
import { cuAckOf } from '../../db/queries/update-answers';
import { freshDatabaseUrl, type DatabaseKind } from '../support/database';

const PREVIOUS = '0002_people.sql';
/** The schema the last release (before the Update id on events) left. */
const RELEASED = '0005_person_revocation.sql';
const by = { role: 'secretariat' as const, name: 'Sekretariatet' };
const open = async (kind: DatabaseKind, migrateUpTo?: string) =>
  openDatabase({ ...(kind === 'postgres' ? { url: await freshDatabaseUrl(), poolSize: 2 } : {}), ...(migrateUpTo ? { migrateUpTo } : {}) });
const applied = async (db: Awaited<ReturnType<typeof open>>['db']) =>
  (await sql<{ name: string }>`select name from schema_migration order by name`.execute(db)).rows.map((r) => r.name);

describe.each(['postgres', 'embedded'] as const)('migrations on %s', (kind) => {
  test('from an empty database: every migration, once', async () => {
    const database = await open(kind);
    try {
      expect(await applied(database.db)).toEqual(migrationFiles());
      expect(await migrate(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  test('from the previous version’s schema with its data: the rest applied, nothing lost, the new columns usable', async () => {
    const database = await open(kind, PREVIOUS);
    const { db } = database;
    try {
      expect(await applied(db)).toEqual(migrationFiles().filter((f) => f <= PREVIOUS));
      const at = new Date().toISOString();
      await db
        .insertInto('cu')
        .values({ id: 'gammel', region_code: '1083', version: 1, phase: 'kkr', created_at: at, created_by: json(by) })
        .execute();
      await sql`insert into decision (event_key, cu_id, body, decision, remarks, recorded_at, recorded_by) values ('gammel#1', 'gammel', 'forum', 'approved', 'Godkendt med bemærkninger om borgerne', ${at}, ${JSON.stringify(by)})`.execute(
        db,
      );
      const definition = {
        title: 'Gamle borgeres tilbud',
        targetGroup: 'Voksne med komplekse behov',
        issuedOn: '2024-01-02',
        questionnaire: { themes: [{ id: 't', title: 'Tema', questions: [{ id: 'k', kind: 'text', label: 'Hvordan koordinerer I?' }] }] },
      };
      await sql`insert into cu_version (cu_id, version, definition, created_at, created_by) values ('gammel', 1, ${JSON.stringify(definition)}, ${at}, ${JSON.stringify(by)})`.execute(
        db,
      );
      await sql`insert into round (cu_id, cu_version, launched_at, launched_by, deadline, settings, addresses, base_url) values ('gammel', 1, ${at}, ${JSON.stringify(by)}, '2024-03-01', '{}', '{}', 'http://udmeld.test')`.execute(
        db,
      );
      await sql`insert into municipality (cu_id, code, status, deadline, deadline_set_at, hard_stop_at) values ('gammel', '0461', 'submitted', '2024-03-01', ${at}, ${at})`.execute(
        db,
      );
      await sql`insert into answer (cu_id, code, version, values, submitted_at, submitted_by) values ('gammel', '0461', 1, ${JSON.stringify({ k: 'Vi koordinerer med psykiatrien' })}, ${at}, ${JSON.stringify(by)})`.execute(
        db,
      );
      await sql`insert into link_revocation (cu_id, reason, before_epoch, at, revoked_by) values ('gammel', 'Før opgraderingen', 1, ${at}, ${JSON.stringify(by)})`.execute(
        db,
      );
      await sql`insert into mail_delivery (key, mail_key, recipient, status) values ('mail/p1', 'mail', 'a@kommune.test', 'sent')`.execute(
        db,
      );

      expect(await migrate(db)).toEqual(migrationFiles().filter((f) => f > PREVIOUS));

      expect(await db.selectFrom('decision').select(['event_key', 'decision', 'via']).execute()).toEqual([
        { event_key: 'gammel#1', decision: 'approved', via: null },
      ]);
      expect(await db.selectFrom('link_revocation').select(['cu_id', 'person_id', 'reason']).execute()).toEqual([
        { cu_id: 'gammel', person_id: null, reason: 'Før opgraderingen' },
      ]);
      expect(await db.selectFrom('mail_delivery').select(['key', 'status']).execute()).toEqual([{ key: 'mail/p1', status: 'sent' }]);
      // What was there is searchable, in Danish: "borger" finds "borgeres" and "borgerne", "koordinering" finds "koordinerer".
      const found = async (q: string) =>
        (
          await sql<{ key: string }>`select key from search_doc where tsv @@ websearch_to_tsquery('danish', ${q}) order by key`.execute(db)
        ).rows.map((r) => r.key);
      expect(await found('borger')).toEqual(['cu:gammel', 'decision:gammel#1']);
      expect(await found('koordinerer')).toEqual(['answer:gammel:0461', 'question:gammel:k']);
      await db
        .insertInto('decision')
        .values({
          event_key: 'gammel#2',
          cu_id: 'gammel',
          body: 'k22',
          council: null,
          decision: 'approved',
          decided_on: null,
          via: 'email',
          report_edition: null,
          recorded_at: at,
          recorded_by: json(by),
        })
        .execute();
      // Meeting calendars (0017): a council's meeting names its municipality, a step's does not, and a day is once per body.
      const meetingRow = {
        id: 'm_aaaaaaaaaaaaaaaa',
        region_code: '1083',
        on_date: '2027-03-04',
        agenda_working_days: 10,
        created_at: at,
        created_by: json(by),
      };
      await db
        .insertInto('meeting')
        .values({ ...meetingRow, body: 'council', municipality_code: '0461' })
        .execute();
      await db
        .insertInto('meeting')
        .values({ ...meetingRow, id: 'm_bbbbbbbbbbbbbbbb', body: 'kkr', municipality_code: null })
        .execute();
      await expect(
        db
          .insertInto('meeting')
          .values({ ...meetingRow, id: 'm_cccccccccccccccc', body: 'council', municipality_code: null })
          .execute(),
      ).rejects.toThrow();
      await expect(
        db
          .insertInto('meeting')
          .values({ ...meetingRow, id: 'm_dddddddddddddddd', body: 'kkr', municipality_code: null })
          .execute(),
      ).rejects.toThrow(/meeting_once/);
      const unknownWay = sql`insert into decision (event_key, cu_id, body, decision, via, recorded_at, recorded_by) values ('gammel#3', 'gammel', 'fu', 'approved', 'brev', ${at}, ${JSON.stringify(by)})`;
      await expect(unknownWay.execute(db)).rejects.toThrow(/via/);
      await db
        .insertInto('mail_outbox')
        .values({
          key: 'k',
          template: 'invitation',
          recipients: json(['a@kommune.test']),
          subject: 'Emne',
          message: Buffer.from('x'),
          created_at: at,
        })
        .execute();
    } finally {
      await database.close();
    }
  });

  test('from the last release’s schema (0005) with its audit trail: old events keep no Update id, new ones are found by theirs', async () => {
    const database = await open(kind, RELEASED);
    const { db } = database;
    try {
      const at = new Date().toISOString();
      await db
        .insertInto('cu')
        .values({ id: 'gammel', region_code: '1083', version: 1, phase: 'drafting', created_at: at, created_by: json(by) })
        .execute();
      await sql`insert into audit_event (key, at, cu_id, municipality_code, kind, actor) values ('cu:gammel#1', ${at}, 'gammel', '0461', 'submitted', ${JSON.stringify(by)})`.execute(
        db,
      );

      expect(await migrate(db)).toEqual(migrationFiles().filter((f) => f > RELEASED));

      expect(await db.selectFrom('audit_event').select(['key', 'kind', 'update_id']).execute()).toEqual([
        { key: 'cu:gammel#1', kind: 'submitted', update_id: null },
      ]);
      await db
        .insertInto('audit_event')
        .values({
          key: 'cu:gammel#2',
          at,
          cu_id: 'gammel',
          municipality_code: null,
          kind: 'report_edited',
          actor: json(by),
          note: null,
          update_id: 'post:rapport-1',
        })
        .execute();
      expect(await cuAckOf(db, 'gammel', 'post:rapport-1')).toEqual({
        cuId: 'gammel',
        phase: 'drafting',
        event: { kind: 'report_edited', at },
      });
      expect(await cuAckOf(db, 'gammel', 'post:ukendt')).toBeUndefined();
    } finally {
      await database.close();
    }
  });
  test('the access version grows when a person or a revocation changes, not when a known person is registered again', async () => {
    const database = await open(kind);
    const { db } = database;
    try {
      const contact = {
        role: 'municipality' as const,
        kind: 'contact' as const,
        name: 'Karen Kontakt',
        email: 'karen@kommune.test',
        municipalityCode: '0461',
      };
      const start = BigInt(await accessVersion(db));
      await registeredPerson(db, contact, by);
      const added = BigInt(await accessVersion(db));
      expect(added).toBeGreaterThan(start);
      await registeredPerson(db, contact, by); // every e-mail to the contact registers them again
      expect(BigInt(await accessVersion(db))).toBe(added);
      await registeredPerson(db, { ...contact, name: 'Karen K. Kontakt' }, by);
      const renamed = BigInt(await accessVersion(db));
      expect(renamed).toBeGreaterThan(added);
      await addRevocation(db, { cuId: 'cu-1', municipalityCode: '0461', reason: 'Kontakt skiftet', by });
      expect(BigInt(await accessVersion(db))).toBeGreaterThan(renamed);
    } finally {
      await database.close();
    }
  });
});
