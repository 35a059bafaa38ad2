// Who does something in udmeld. (The zod schema of an actor is in domain/cu.ts.)
export const ROLES = ['secretariat', 'municipality', 'director', 'national_board', 'system'] as const;
export type Role = (typeof ROLES)[number];
/** The roles that are given access (links, tokens, sign-in). */
export const ACCESS_ROLES = ['secretariat', 'municipality', 'director'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export interface Actor {
  role: Role;
  name: string;
  email?: string;
}

export const SYSTEM: Actor = { role: 'system', name: 'udmeld' };
