// Who does something in udmeld. (The zod schema of an actor is in domain/cu.ts.)
export const ROLES = ['secretariat', 'municipality', 'director', 'region', 'national_board', 'system'] as const;
export type Role = (typeof ROLES)[number];
/** The roles that are given access (links, tokens, sign-in). `region`: the regional council's
 * contact, who records Regionsrådet's decision on one CU. */
export const ACCESS_ROLES = ['secretariat', 'municipality', 'director', 'region'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** Each role as the pages and exports name it. */
export const ROLE_LABELS: Record<Role, string> = {
  secretariat: 'Sekretariatet',
  municipality: 'Kommune',
  director: 'Direktør',
  region: 'Regionen',
  national_board: 'Social- og Boligstyrelsen',
  system: 'udmeld',
};

/** Who did something, as the record keeps it: a named person (with their e-mail and, once they have
 * signed in, the identity provider's subject), an integration's service key, or udmeld itself. */
export interface Actor {
  role: Role;
  name: string;
  email?: string;
  personId?: string;
  subject?: string;
  keyId?: string;
}

export const PERSON_ID = /^p_[A-Za-z0-9_-]{8,40}$/;
export const KEY_ID = /^[a-z0-9]{8,32}$/;
export const ACTOR_FIELDS = ['role', 'name', 'email', 'personId', 'subject', 'keyId'] as const;

export const SYSTEM: Actor = { role: 'system', name: 'udmeld' };

/** How the record names who did something: the person's address, the integration's key, or the
 * identity provider's subject. */
export function actorIdentity(actor: Actor): string {
  if (actor.keyId) return `integrationsnøgle ${actor.keyId}`;
  return actor.email ?? (actor.subject ? `id ${actor.subject}` : '');
}

export function actorLabel(actor: Actor): string {
  const identity = actorIdentity(actor);
  return identity ? `${actor.name} (${identity})` : actor.name;
}

/** One key per who-did-it, for filtering a trail by person: the person, the service key, or the role. */
export function actorKey(actor: Actor): string {
  if (actor.personId) return actor.personId;
  if (actor.keyId) return `key-${actor.keyId}`;
  return actor.role === 'system' ? 'system' : `role-${actor.role}`;
}
export const ACTOR_KEY = /^(p_[A-Za-z0-9_-]{8,40}|key-[a-z0-9]{8,32}|system|role-[a-z_]{1,20})$/;
