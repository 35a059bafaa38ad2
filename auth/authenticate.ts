// Who is asking, and as whom. Three kinds of access, each naming who acts:
// - a sign-in session (`uds_…`, in the cookie or as a bearer token): a person who signed in;
// - a personal link's token (from an e-mail, then kept in a cookie): the contact or forum member it names;
// - a service key (`udk_…`, bearer only): an integration, limited to its scopes.
import type { Request } from 'express';
import { ACCESS_PARAM } from '../crypto/links';
import { parseSecret, secretMatches } from '../crypto/secrets';
import { TokenError, verifyToken, type SigningKeys, type TokenClaims } from '../crypto/tokens';
import type { AccessRole } from '../domain/actors';
import { actorOf, actorOfKey, type Caller, type Person } from '../domain/people';
import { findServiceKey, findSession, touchServiceKey, touchSession } from '../db/queries/people';
import type { Db } from '../db/schema';
import { REGION_COUNCIL } from '../domain/commands';
import { UdmeldError, unauthorized } from '../domain/errors';
import { attemptOf, type GuessingGuard } from './guessing';
import { linkHolders } from './link-holders';

export interface AccessOptions {
  keys: SigningKeys;
  db: Db;
  /** Personal links of these roles work only through sign-in as their person. */
  linkSignInRoles: readonly AccessRole[];
  /** Limits on guessing tokens (left out in tests of other things). */
  guard?: GuessingGuard;
}

/** The web pages keep a personal link's token in this cookie, and a sign-in session in the other. */
export const LINK_COOKIE = 'udmeld_adgang';
export const SESSION_COOKIE = 'udmeld_session';
/** last_seen_at and last_used_at are written at most this often per session or key. */
const TOUCH_EVERY_MS = 60_000;

export async function authenticate(req: Request, access: AccessOptions): Promise<Caller> {
  const given = credentialIn(req);
  if (!given) throw unauthorized('Log ind, eller brug linket fra din e-mail');
  const attempt = attemptOf(req, given.token);
  access.guard?.before(attempt);
  try {
    return await given.check(access);
  } catch (err) {
    if (!(err instanceof UdmeldError) || err.kind !== 'unauthorized' || !access.guard) throw err;
    throw (await access.guard.failed(attempt, 'adgangsnøgle')) ?? err;
  }
}

/** The credential a request carries, and how it is checked. */
function credentialIn(req: Request): { token: string; check: (access: AccessOptions) => Promise<Caller> } | undefined {
  const header = req.get('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const as = (token: string, check: (token: string, access: AccessOptions) => Promise<Caller>) => ({
    token,
    check: (access: AccessOptions) => check(token, access),
  });
  if (bearer?.startsWith('udk_')) return as(bearer, serviceKey);
  if (bearer?.startsWith('uds_')) return as(bearer, session);
  if (bearer) return as(bearer, personalLink);
  const fromQuery = typeof req.query[ACCESS_PARAM] === 'string' ? req.query[ACCESS_PARAM] : undefined;
  if (fromQuery) return as(fromQuery, personalLink);
  const sessionToken = cookie(req, SESSION_COOKIE);
  if (sessionToken) return as(sessionToken, session);
  const linkToken = cookie(req, LINK_COOKIE);
  if (linkToken) return as(linkToken, personalLink);
  return undefined;
}

async function session(token: string, access: AccessOptions): Promise<Caller> {
  const parsed = parseSecret('uds', token);
  const stored = parsed && (await findSession(access.db, parsed.id));
  if (!parsed || !stored || !secretMatches(parsed.secret, stored.secretHash)) throw unauthorized('Du er ikke logget ind (ukendt session)');
  if (stored.revokedAt) throw unauthorized('Du er logget ud');
  const now = Date.now();
  if (Date.parse(stored.expiresAt) <= now) throw unauthorized('Din session er udløbet; log ind igen');
  if (stored.person.revokedAt) throw unauthorized('Din adgang er spærret');
  if (now - Date.parse(stored.lastSeenAt) > TOUCH_EVERY_MS) await touchSession(access.db, stored.id, new Date(now).toISOString());
  return {
    role: stored.role,
    actor: actorOf({ ...stored.person, role: stored.role }),
    via: 'session',
    personId: stored.person.id,
    ...scopeOf(stored.role, stored.cuId, stored.municipalityCode),
    expiresAt: stored.expiresAt,
    sessionId: stored.id,
  };
}

async function serviceKey(token: string, access: AccessOptions): Promise<Caller> {
  const parsed = parseSecret('udk', token);
  const key = parsed && (await findServiceKey(access.db, parsed.id));
  if (!parsed || !key || !secretMatches(parsed.secret, key.secretHash)) throw unauthorized('Ukendt integrationsnøgle');
  if (key.revokedAt) throw unauthorized('Integrationsnøglen er tilbagekaldt');
  const now = Date.now();
  if (!key.lastUsedAt || now - Date.parse(key.lastUsedAt) > TOUCH_EVERY_MS)
    await touchServiceKey(access.db, key.id, new Date(now).toISOString());
  return { role: 'secretariat', actor: actorOfKey(key), via: 'key', scopes: key.scopes };
}

const holders = new WeakMap<Db, ReturnType<typeof linkHolders>>();
function holdersOf(db: Db): ReturnType<typeof linkHolders> {
  let known = holders.get(db);
  if (!known) holders.set(db, (known = linkHolders(db)));
  return known;
}

/** A personal link's token, checked against the revocations and its person. */
export async function personalLink(
  token: string,
  access: AccessOptions,
  options: { forSignIn?: boolean } = {},
): Promise<Caller & { person: Person; claims: TokenClaims }> {
  let claims: TokenClaims;
  try {
    claims = verifyToken(access.keys, token);
  } catch (err) {
    throw unauthorized(err instanceof TokenError ? err.message : 'Adgangsnøglen er ugyldig');
  }
  const { revoked, person } = await holdersOf(access.db)(token, claims);
  if (revoked) throw unauthorized('Linket er tilbagekaldt');
  if (!person || person.role !== claims.role || (claims.role === 'municipality' && person.municipalityCode !== claims.m))
    throw unauthorized('Linket er ugyldigt');
  if (person.revokedAt) throw unauthorized('Linket er spærret, fordi personen ikke længere har adgang');
  if (!options.forSignIn && access.linkSignInRoles.includes(claims.role))
    throw unauthorized('Linket kræver, at du logger ind som den person, det er sendt til');
  return {
    role: claims.role,
    actor: actorOf(person),
    via: 'link',
    personId: person.id,
    ...scopeOf(claims.role, claims.cu, claims.m),
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    person,
    claims,
  };
}

/** The one CU and party a municipal or regional link (or the session it signed in) is limited to. */
function scopeOf(
  role: AccessRole,
  cu: string | null | undefined,
  m: string | null | undefined,
): { cu: string; m: string } | Record<string, never> {
  if (role === 'municipality' && cu && m) return { cu, m };
  if (role === 'region' && cu) return { cu, m: REGION_COUNCIL };
  return {};
}

export function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
