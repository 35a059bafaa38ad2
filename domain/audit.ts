// Which events of a CU's audit trail to show or export: the same filter for the API, the page and
// the CSV and Excel downloads.
import { ACTOR_KEY } from './actors';
import { municipalityCodeSchema, z } from './zod';

export const auditFilterSchema = z.strictObject({
  municipalityCode: municipalityCodeSchema.optional(),
  kind: z
    .string()
    .regex(/^[a-z_:]{1,40}$/, 'en hændelsestype, fx answer_submitted')
    .optional(),
  person: z.string().regex(ACTOR_KEY, 'en persons id (p_…), key-<nøgle-id>, system eller role-<rolle>').optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** The access trail (sign-ins, people, sessions, keys) belongs to no CU or municipality. */
export const accessFilterSchema = auditFilterSchema.omit({ municipalityCode: true });
export type AccessFilter = z.output<typeof accessFilterSchema>;
