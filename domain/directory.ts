// The secretariat's durable register: each municipality's contacts and social director, and the
// revocations of e-mailed access links.
import { z } from './zod';
import { ACCESS_ROLES, actorSchema, municipalContactsSchema, type Actor, type MunicipalContacts } from './cu';
import { municipalityCodeSchema } from './municipalities';

/** One register per deployment (task queue): `udmeld:directory:<task queue>`. */
export const directoryWorkflowId = (taskQueue: string) => `udmeld:directory:${taskQueue}`;

export const setContactsSchema = z.strictObject({
  municipalityCode: municipalityCodeSchema,
  contacts: municipalContactsSchema,
  by: actorSchema,
});
export type SetContacts = z.output<typeof setContactsSchema>;

/** Tokens issued before `before` that match every given field are refused from then on. */
export const revokeLinksSchema = z
  .strictObject({
    cuId: z.string().max(80).optional(),
    municipalityCode: municipalityCodeSchema.optional(),
    role: z.enum(ACCESS_ROLES).optional(),
    jti: z.string().max(64).optional(),
    reason: z.string().trim().max(500).default(''),
    by: actorSchema,
  });
export type RevokeLinks = z.output<typeof revokeLinksSchema>;

export interface Revocation extends Omit<RevokeLinks, 'by'> {
  /** Seconds since the epoch: tokens issued at or before this are revoked. */
  before: number;
  at: string;
  by: Actor;
}

export interface DirectoryState {
  contacts: Record<string, MunicipalContacts & { updatedAt: string; updatedBy: Actor }>;
  revocations: Revocation[];
}

export function isRevoked(revocations: readonly Revocation[], claims: { role: string; cu?: string; m?: string; jti: string; iat: number }): boolean {
  return revocations.some(
    (r) =>
      claims.iat <= r.before &&
      (r.jti === undefined || r.jti === claims.jti) &&
      (r.role === undefined || r.role === claims.role) &&
      (r.cuId === undefined || r.cuId === claims.cu) &&
      (r.municipalityCode === undefined || r.municipalityCode === claims.m),
  );
}
