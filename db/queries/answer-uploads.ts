// Answers as the API received and checked them, stored before the municipality's workflow takes
// them by reference (migration 0008), and the questionnaire a round asks, to check them against.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AnswerValues } from '../../domain/answer';
import type { Questionnaire } from '../../domain/questionnaire';
import { json, type Queryable } from '../schema';

/** Stores a checked answer once (the same answer again is the same row) and returns its reference. */
export async function storeAnswerUpload(
  db: Queryable,
  upload: { cuId: string; code: string; values: AnswerValues; complete: boolean },
  now = new Date().toISOString(),
): Promise<string> {
  const ref = createHash('sha256')
    .update(JSON.stringify([upload.cuId, upload.code, upload.complete, upload.values]))
    .digest('hex');
  await db
    .insertInto('answer_upload')
    .values({
      ref,
      cu_id: upload.cuId,
      municipality_code: upload.code,
      values: json(upload.values),
      complete: upload.complete,
      created_at: now,
    })
    .onConflict((oc) => oc.column('ref').doNothing())
    .execute();
  return ref;
}

/** The questionnaire of the CU version a round was launched with; undefined before launch (or for an unknown CU). */
export async function roundQuestionnaire(db: Queryable, cuId: string): Promise<Questionnaire | undefined> {
  const row = await sql<{ questionnaire: Questionnaire }>`
    select v.definition -> 'questionnaire' as questionnaire
    from round r join cu_version v on v.cu_id = r.cu_id and v.version = r.cu_version
    where r.cu_id = ${cuId}`.execute(db);
  return row.rows[0]?.questionnaire;
}
