// Bearer secrets that the database can look up but never reveal: `<kind>_<id>_<secret>`, of which
// the database keeps the id and the SHA-256 of the secret. Sessions are `uds_…`, service keys `udk_…`, calendar feeds `udc_…`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type SecretKind = 'uds' | 'udk' | 'udc';

export interface IssuedSecret {
  id: string;
  token: string;
  secretHash: string;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of lower-case letters and digits. */
export const randomId = (length: number): string => Array.from(randomBytes(length), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');

export function issueSecret(kind: SecretKind): IssuedSecret {
  const id = randomId(16);
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${kind}_${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** The id and secret of a token of this kind, or undefined for anything else. */
export function parseSecret(kind: SecretKind, token: string): { id: string; secret: string } | undefined {
  const match = new RegExp(`^${kind}_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$`).exec(token);
  const [, id, secret] = match ?? [];
  return id && secret ? { id, secret } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
