// Named people and what they may do: people who sign in through an identity provider, people who
// get a personal link by e-mail, and the integrations' service keys.
import type { AccessRole, Actor } from './actors';
import type { Person } from './access-views';

export const PERSON_KINDS = ['staff', 'contact', 'municipal_director', 'forum_member', 'region_contact'] as const;
/** staff: signs in (secretariat, directors); contact and municipal_director: a municipality's, from
 * the contact register; forum_member: a member of the directors' forum, registered by the secretariat;
 * region_contact: the address a round gives for Regionsrådet, who records the regional council's decision. */
export type PersonKind = (typeof PERSON_KINDS)[number];

export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  staff: 'Logger ind',
  contact: 'Kontaktperson',
  municipal_director: 'Socialdirektør',
  forum_member: 'Medlem af Socialdirektørforum',
  region_contact: 'Regionsrådets kontaktperson',
};

export const SIGN_IN_METHODS = ['oidc', 'break_glass', 'link'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export type { Person };

/** What a service key may do: read everything the secretariat reads, and each named action. */
export const SERVICE_KEY_SCOPES = {
  read: 'Læse alt, som sekretariatet kan læse',
  'cu:register': 'Registrere centrale udmeldinger',
  'cu:edit': 'Rette en central udmelding',
  'cu:renew': 'Starte fornyet behandling',
  'cu:withdraw': 'Trække centrale udmeldinger tilbage og annullere indberetninger',
  'round:launch': 'Sende indberetningen ud',
  'round:close': 'Lukke indberetningen',
  'round:extend': 'Forlænge hele indberetningen',
  'cu:deadline': 'Flytte den nationale frist',
  'answer:write': 'Gemme og indsende kommuners besvarelser',
  'municipality:extend': 'Forlænge kommuners frister',
  'municipality:revision': 'Bede kommuner om revision',
  'municipality:excuse': 'Fritage kommuner',
  'municipality:remind': 'Sende invitationer og påmindelser igen',
  'municipality:reopen': 'Genåbne kommuner, før afrapporteringen godkendes',
  'report:edit': 'Redigere afrapporteringen',
  'approval:send': 'Sende afrapporteringen ind i godkendelsesforløbet',
  'step:decide': 'Registrere beslutninger i godkendelsesforløbet (fx Forretningsudvalget, Socialdirektørforum, K22, KKR)',
  'council:decide': 'Registrere kommunalbestyrelsers og regionsrådets beslutninger',
  'council:deadline': 'Forlænge fristen for en politisk behandling',
  'report:submit': 'Indsende afrapporteringen',
  'contacts:write': 'Rette kontaktregistret',
  'template:write': 'Oprette og rette skabeloner',
  'schedule:write': 'Sætte skabeloner på tidsplan, sætte på pause og udløse',
  'events:read': 'Læse hændelsesstrømmen (alle hændelser som CloudEvents, til sags- og dagsordenssystemer)',
  'webhooks:manage': 'Abonnere på hændelser med webhooks og se leveringerne',
  'meetings:write': 'Rette mødekalendrene (godkendelsestrinnenes og byrådenes møder)',
} as const;
export type ServiceKeyScope = keyof typeof SERVICE_KEY_SCOPES;
export const SCOPE_NAMES = Object.keys(SERVICE_KEY_SCOPES) as [ServiceKeyScope, ...ServiceKeyScope[]];

export function actorOf(person: Pick<Person, 'id' | 'role' | 'name' | 'email' | 'subject'>): Actor {
  return {
    role: person.role,
    name: person.name,
    personId: person.id,
    ...(person.email ? { email: person.email } : {}),
    ...(person.subject ? { subject: person.subject } : {}),
  };
}

export function actorOfKey(key: { id: string; name: string }): Actor {
  return { role: 'secretariat', name: key.name, keyId: key.id };
}

/** How an identity provider's claims give a udmeld role (OIDC_ROLE_CLAIM and its values). */
export interface ClaimMapping {
  roleClaim: string;
  secretariat: readonly string[];
  director: readonly string[];
  /** When set, only people whose organisation claim holds one of `organisations` get in. */
  organisationClaim?: string;
  organisations?: readonly string[];
}

export type RoleDecision = { role: 'secretariat' | 'director' } | { refused: string };

/** The role the claims give (the secretariat's wins when both match), or why they give none. */
export function roleFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping): RoleDecision {
  const allowed = mapping.organisations ?? [];
  if (mapping.organisationClaim && allowed.length) {
    const organisations = claimValues(claims[mapping.organisationClaim]);
    if (!organisations.some((o) => allowed.includes(o))) return { refused: 'Din organisation har ikke adgang til udmeld.' };
  }
  const values = claimValues(claims[mapping.roleClaim]);
  if (values.some((v) => mapping.secretariat.includes(v))) return { role: 'secretariat' };
  if (values.some((v) => mapping.director.includes(v))) return { role: 'director' };
  return { refused: 'Din bruger har ingen rolle i udmeld. Bed sekretariatet om adgang.' };
}

/** A claim as a list: an array, a single value, or a space- or comma-separated string. */
export function claimValues(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  if (typeof claim === 'number') return [String(claim)];
  return [];
}

/** A personal link's person is the one who signs in when the link requires it: the same subject
 * once bound, or at first the same e-mail address. */
export function samePerson(
  person: Pick<Person, 'email' | 'issuer' | 'subject'>,
  signedIn: { issuer: string; subject: string; email?: string },
): boolean {
  if (person.issuer && person.subject) return person.issuer === signedIn.issuer && person.subject === signedIn.subject;
  return !!person.email && !!signedIn.email && person.email.toLowerCase() === signedIn.email.toLowerCase();
}

/** Who is asking: a person (signed in, or by a personal link) or an integration, in one role. */
export interface Caller {
  role: AccessRole;
  actor: Actor;
  via: 'session' | 'link' | 'key';
  /** The person, for sessions and personal links. */
  personId?: string;
  /** A personal link's one CU and whom it acts for there: a municipality (its code), or the regional
   * council (`region`). */
  cu?: string;
  m?: string;
  expiresAt?: string;
  /** The session's id (not its secret), to end it. */
  sessionId?: string;
  /** A service key's scopes. */
  scopes?: readonly ServiceKeyScope[];
}

/** Whether a route's or page's parameters stay inside a scoped caller's CU and party: a municipality's
 * own `:code` or `:council`, the region's own council. */
export function withinScope(caller: Caller, params: { cuId?: string; code?: string; council?: string }): boolean {
  if (caller.role !== 'municipality' && caller.role !== 'region') return true;
  return params.cuId === caller.cu && (params.code ?? params.council) === caller.m;
}
