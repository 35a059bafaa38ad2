// Keys from the environment as "kid:base64secret[,kid:base64secret]": the first is the one in use,
// all are accepted, so a new key can be put in front and an old one kept until it is no longer needed.
export interface KeyRing {
  activeKid: string;
  keys: Map<string, Buffer>;
}

export function parseKeyRing(spec: string, name: string, bytes: { min: number; max: number }): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kid, secret] = part.split(':');
    const key = Buffer.from(secret ?? '', 'base64');
    if (!kid || !/^[A-Za-z0-9_-]{1,32}$/.test(kid) || !secret) throw new Error(`${name}: expected "kid:base64secret[,kid:base64secret]"`);
    if (key.length < bytes.min || key.length > bytes.max) {
      throw new Error(`${name}: key "${kid}" must be ${bytes.min === bytes.max ? `${bytes.min} bytes` : `at least ${bytes.min} bytes`}`);
    }
    keys.set(kid, key);
  }
  const activeKid = keys.keys().next().value;
  if (!activeKid) throw new Error(`${name} is empty`);
  return { activeKid, keys };
}

/** The key in use (parseKeyRing never makes a ring without it). */
export function activeKey(ring: KeyRing): Buffer {
  const key = ring.keys.get(ring.activeKid);
  if (!key) throw new Error(`The key in use (${ring.activeKid}) is not in its ring`);
  return key;
}
