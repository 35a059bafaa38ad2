// A short-lived value the browser carries but can neither read nor alter (the pending sign-in's PKCE
// verifier, state and nonce): AES-256-GCM under a key derived from the active signing key.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { activeKey } from './key-ring';
import type { SigningKeys } from './tokens';

const PURPOSE = 'udmeld-sealed-cookie';

const derived = (secret: Buffer) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), PURPOSE, 32));

function keyFor(keys: SigningKeys, kid: string): Buffer | undefined {
  const secret = keys.keys.get(kid);
  return secret && derived(secret);
}

export function seal(keys: SigningKeys, value: unknown, ttlSeconds: number, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derived(activeKey(keys)), iv);
  cipher.setAAD(Buffer.from(keys.activeKid));
  const body = Buffer.concat([cipher.update(JSON.stringify({ v: value, exp: now + ttlSeconds * 1000 })), cipher.final()]);
  return [keys.activeKid, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function unseal(keys: SigningKeys, sealed: string, now = Date.now()): unknown {
  const [kid, iv, body, tag, extra] = sealed.split('.');
  const key = kid ? keyFor(keys, kid) : undefined;
  if (!kid || !key || !iv || !body || !tag || extra !== undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const parsed = JSON.parse(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')) as {
      v: unknown;
      exp: number;
    };
    return parsed.exp > now ? parsed.v : undefined;
  } catch {
    return undefined;
  }
}
