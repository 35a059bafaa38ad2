// Templates of rounds and their versions (migration 0009). The built-in ones are stored as version 1
// when the record is set up; a save that changes a template adds a version.
import { sql } from 'kysely';
import { SYSTEM, type Actor } from '../../domain/cu';
import { BUILTIN_TEMPLATES, type Template, type TemplateBody, type TemplateSummary } from '../../domain/templates';
import { json, type Db, type Queryable } from '../schema';

/** Stores each built-in template that the record lacks; one already there is left as it is. */
export async function seedTemplates(db: Db, at = new Date().toISOString()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const { id, ...body } of BUILTIN_TEMPLATES) {
      const added = await tx
        .insertInto('template')
        .values({ id, builtin: true, version: 1, created_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (added) {
        await tx
          .insertInto('template_version')
          .values({ template_id: id, version: 1, definition: json(body), created_at: at, created_by: json(SYSTEM) })
          .execute();
      }
    }
  });
}

export async function listTemplates(db: Queryable): Promise<TemplateSummary[]> {
  const rows = await db
    .selectFrom('template as t')
    .innerJoin('template_version as v', (j) => j.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.version'))
    .select(['t.id', 't.builtin', 't.version', 'v.definition', 'v.created_at', 'v.created_by'])
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
  const builtinAt = (id: string) => BUILTIN_TEMPLATES.findIndex((t) => t.id === id);
  rows.sort((a, b) => Number(b.builtin) - Number(a.builtin) || builtinAt(a.id) - builtinAt(b.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.definition.name,
    description: r.definition.description,
    version: r.version,
    builtin: r.builtin,
    updatedAt: r.created_at,
    updatedBy: r.created_by.name,
  }));
}

/** A template at a version (the newest when left out), with the list of its versions. */
export async function readTemplate(db: Queryable, id: string, version?: number): Promise<Template | undefined> {
  const template = await db.selectFrom('template').selectAll().where('id', '=', id).executeTakeFirst();
  if (!template) return undefined;
  const versions = await db
    .selectFrom('template_version')
    .select(['version', 'definition', 'created_at', 'created_by'])
    .where('template_id', '=', id)
    .orderBy('version')
    .execute();
  const at = versions.find((v) => v.version === (version ?? template.version));
  if (!at) return undefined;
  return {
    id,
    builtin: template.builtin,
    version: at.version,
    ...at.definition,
    updatedAt: at.created_at,
    updatedBy: at.created_by.name,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at, createdBy: v.created_by.name })),
  };
}

/** A new template as its version 1; false when the id is taken. */
export async function createTemplate(db: Db, id: string, body: TemplateBody, by: Actor, at = new Date().toISOString()): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const added = await tx
      .insertInto('template')
      .values({ id, builtin: false, version: 1, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!added) return false;
    await tx
      .insertInto('template_version')
      .values({ template_id: id, version: 1, definition: json(body), created_at: at, created_by: json(by) })
      .execute();
    return true;
  });
}

/**
 * Saves a template: a new version when the content differs from the newest, nothing when it is the
 * same (so a repeated save is one version). Undefined when there is no such template.
 */
export async function saveTemplate(
  db: Db,
  id: string,
  body: TemplateBody,
  by: Actor,
  at = new Date().toISOString(),
): Promise<number | undefined> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('template').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) return undefined;
    const same = await sql<{ same: boolean }>`
      select definition = ${json(body)}::jsonb as same from template_version where template_id = ${id} and version = ${current.version}`.execute(
      tx,
    );
    if (same.rows[0]?.same) return current.version;
    const version = current.version + 1;
    await tx
      .insertInto('template_version')
      .values({ template_id: id, version, definition: json(body), created_at: at, created_by: json(by) })
      .execute();
    await tx.updateTable('template').set({ version }).where('id', '=', id).execute();
    return version;
  });
}
