// What the access routes return: people, their sessions, service keys (never their secrets), who is
// asking, a new personal link. Zod schemas with their types derived, as domain/views.ts.
import { ACCESS_ROLES } from './actors';
import { actorSchema } from './cu';
import { PERSON_KINDS, SCOPE_NAMES, SIGN_IN_METHODS } from './people';
import { timestamp } from './views';
import { z } from './zod';

const actor = actorSchema;
const accessRole = z.enum(ACCESS_ROLES);
const scopes = z.array(z.enum(SCOPE_NAMES));

export const personSchema = z.object({
  id: z.string(),
  role: accessRole,
  kind: z.enum(PERSON_KINDS),
  name: z.string(),
  email: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  issuer: z.string().nullable(),
  subject: z.string().nullable(),
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
  revokedBy: actor.nullable(),
});
export type Person = z.output<typeof personSchema>;

export const personListingSchema = personSchema.extend({ activeSessions: z.number() });
export type PersonListing = z.output<typeof personListingSchema>;

export const sessionListingSchema = z.object({
  id: z.string(),
  personId: z.string(),
  method: z.enum(SIGN_IN_METHODS),
  role: accessRole,
  cuId: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  createdAt: timestamp,
  expiresAt: timestamp,
  lastSeenAt: timestamp,
  revokedAt: timestamp.nullable(),
  userAgent: z.string(),
});
export type SessionListing = z.output<typeof sessionListingSchema>;

export const serviceKeyListingSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes,
  createdAt: timestamp,
  createdBy: actor,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  revokedBy: actor.nullable(),
});
export type ServiceKeyListing = z.output<typeof serviceKeyListingSchema>;

/** A new key, with its secret: the only time it is shown. */
export const newServiceKeySchema = z.object({ id: z.string(), name: z.string(), scopes, createdAt: timestamp, key: z.string() });
export const revokedKeySchema = z.object({ id: z.string(), revoked: z.literal(true) });
export const endedSessionsSchema = z.object({ ended: z.number() });
export const newLinkSchema = z.object({
  url: z.string(),
  person: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
});
export const breakGlassSessionSchema = z.object({ token: z.string(), sessionId: z.string(), expiresAt: timestamp });

/** Who is asking, and what their access gives. */
export const meSchema = z.object({
  role: accessRole,
  name: z.string(),
  email: z.string().optional(),
  personId: z.string().optional(),
  keyId: z.string().optional(),
  via: z.enum(['session', 'link', 'key']),
  cuId: z.string().optional(),
  municipalityCode: z.string().optional(),
  expiresAt: timestamp.optional(),
  sessionId: z.string().optional(),
  scopes: scopes.readonly().optional(),
});
