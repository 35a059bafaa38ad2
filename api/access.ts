// Who is asking: a signed token from the Authorization header (or an e-mailed link's `adgang`
// parameter), checked against the key set and the revocation list.
import type { Request } from 'express';
import { verifyToken, TokenError, type SigningKeys, type TokenClaims } from '../auth/tokens';
import type { AccessRole } from '../domain/cu';
import { ACCESS_PARAM } from '../auth/links';
import { isRevoked, type Revocation } from '../domain/register';
import type { Actor } from '../domain/cu';
import { HttpProblem } from './problems';

export interface Caller extends TokenClaims {
  actor: Actor;
}

export interface AccessOptions {
  keys: SigningKeys;
  /** The current revocations; cached by the caller of this module. */
  revocations: () => Promise<readonly Revocation[]>;
}

const ROLE_NAMES: Record<AccessRole, Actor['role']> = { secretariat: 'secretariat', municipality: 'municipality', director: 'director' };

export async function authenticate(req: Request, options: AccessOptions): Promise<Caller> {
  const header = req.get('authorization');
  const fromQuery = typeof req.query[ACCESS_PARAM] === 'string' ? (req.query[ACCESS_PARAM] as string) : undefined;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : (fromQuery ?? cookie(req, SESSION_COOKIE));
  if (!token) throw unauthorized('Log ind, eller brug linket fra din e-mail');
  let claims: TokenClaims;
  try {
    claims = verifyToken(options.keys, token);
  } catch (err) {
    throw unauthorized(err instanceof TokenError ? err.message : 'Adgangsnøglen er ugyldig');
  }
  if (isRevoked(await options.revocations(), claims)) throw unauthorized('Adgangsnøglen er tilbagekaldt');
  return { ...claims, actor: { role: ROLE_NAMES[claims.role], name: claims.sub } };
}

/** The web pages keep the token from a link or the login in this cookie. */
export const SESSION_COOKIE = 'udmeld_adgang';

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function unauthorized(detail: string): HttpProblem {
  return new HttpProblem(401, 'Adgang kræver login', detail, [], { 'WWW-Authenticate': 'Bearer realm="udmeld"' });
}

export function forbidden(detail = 'Din adgang omfatter ikke dette'): HttpProblem {
  return new HttpProblem(403, 'Ingen adgang', detail);
}
