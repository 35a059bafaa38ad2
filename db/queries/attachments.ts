// Files attached to answers (migration 0010), kept per respondent under their SHA-256.
import { createHash } from 'node:crypto';
import type { AttachmentMediaType, AttachmentRef } from '../../domain/attachments';
import type { Actor } from '../../domain/cu';
import { json, type Queryable } from '../schema';

export async function storeAttachment(
  db: Queryable,
  file: { cuId: string; code: string; name: string; mediaType: AttachmentMediaType; bytes: Buffer; by: Actor },
  at = new Date().toISOString(),
): Promise<AttachmentRef> {
  const ref = createHash('sha256').update(file.bytes).digest('hex');
  await db
    .insertInto('attachment')
    .values({
      cu_id: file.cuId,
      municipality_code: file.code,
      sha256: ref,
      name: file.name,
      media_type: file.mediaType,
      size: file.bytes.length,
      data: file.bytes,
      uploaded_at: at,
      uploaded_by: json(file.by),
    })
    .onConflict((oc) => oc.columns(['cu_id', 'municipality_code', 'sha256']).doNothing())
    .execute();
  return { ref, name: file.name, size: file.bytes.length, mediaType: file.mediaType };
}

/** The respondent's files among these hashes (the others are not its own). */
export async function ownAttachments(db: Queryable, cuId: string, code: string, refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachment')
    .select('sha256')
    .where('cu_id', '=', cuId)
    .where('municipality_code', '=', code)
    .where('sha256', 'in', refs)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

export async function readAttachment(db: Queryable, cuId: string, code: string, ref: string) {
  return db
    .selectFrom('attachment')
    .select(['name', 'media_type', 'data'])
    .where('cu_id', '=', cuId)
    .where('municipality_code', '=', code)
    .where('sha256', '=', ref)
    .executeTakeFirst();
}
