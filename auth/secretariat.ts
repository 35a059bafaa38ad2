import { timingSafeEqual } from 'node:crypto';
import { signingKeysOf, type Config } from '../config';
import { signToken } from './tokens';

/** A secretariat session token, for the API's and the pages' sign-in and for `npm start`'s link. */
export function secretariatToken(config: Config): string {
  return signToken(signingKeysOf(config), { role: 'secretariat', sub: 'sekretariatet' }, config.auth.sessionTtlSeconds);
}

/** The token when `credential` is the configured SECRETARIAT_CREDENTIAL (compared in constant time). */
export function signInSecretariat(config: Config, credential: string): string | undefined {
  const given = Buffer.from(credential);
  const expected = Buffer.from(config.auth.secretariatCredential ?? '');
  if (!config.auth.secretariatCredential || given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return secretariatToken(config);
}
