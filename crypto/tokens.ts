// Signed, expiring access tokens of personal links: `<kid>.<payload>.<signature>`, HMAC-SHA256 over kid and payload.
// Several keys may be configured (rotation): the first signs, all verify.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { activeKey, parseKeyRing, type KeyRing } from './key-ring';
import { z } from '../domain/zod';

/** Tokens are personal links' only: the secretariat signs in. */
export const LINK_ROLES = ['municipality', 'director', 'region'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

const claimsSchema = z.strictObject({
  role: z.enum(LINK_ROLES),
  sub: z.string().min(1).max(200),
  cu: z.string().max(80).optional(),
  m: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1).max(64),
});
export type TokenClaims = z.output<typeof claimsSchema>;

/** What a token grants its person (`sub`): a director's access, a contact's one municipality in one
 * CU, or the regional council's contact's one CU. */
export type AccessScope =
  | { role: 'director'; sub: string }
  | { role: 'municipality'; sub: string; cu: string; m: string }
  | { role: 'region'; sub: string; cu: string };

export type SigningKeys = KeyRing;

/** SIGNING_KEYS: HMAC secrets of at least 32 bytes. */
export const parseSigningKeys = (spec: string): SigningKeys => parseKeyRing(spec, 'SIGNING_KEYS', { min: 32, max: 1024 });

export function generateSigningKeys(kid = `k${Date.now().toString(36)}`): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const mac = (secret: Buffer, data: string) => createHmac('sha256', secret).update(data).digest();

export function signToken(keys: SigningKeys, scope: AccessScope, ttlSeconds: number, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const claims: TokenClaims = { ...scope, iat, exp: iat + ttlSeconds, jti: randomUUID() };
  const head = `${keys.activeKid}.${b64(JSON.stringify(claims))}`;
  return `${head}.${b64(mac(activeKey(keys), head))}`;
}

export class TokenError extends Error {}

export function verifyToken(keys: SigningKeys, token: string, nowMs = Date.now()): TokenClaims {
  const [kid, payload, signature, extra] = token.split('.');
  if (!kid || !payload || !signature || extra !== undefined) throw new TokenError('Adgangsnøglen er ugyldig');
  const secret = keys.keys.get(kid);
  if (!secret) throw new TokenError('Adgangsnøglen er udstedt med en ukendt nøgle');
  const expected = mac(secret, `${kid}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError('Adgangsnøglen er ugyldig');
  let claims: TokenClaims;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new TokenError('Adgangsnøglen er ugyldig');
  }
  if (claims.exp * 1000 <= nowMs) throw new TokenError('Adgangsnøglen er udløbet');
  if (claims.role === 'municipality' && (!claims.cu || !claims.m)) throw new TokenError('Adgangsnøglen er ugyldig');
  if (claims.role === 'region' && (!claims.cu || claims.m)) throw new TokenError('Adgangsnøglen er ugyldig');
  return claims;
}
