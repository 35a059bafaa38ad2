// Limits on guessing: wrong secrets for one session get 429 after ten, unchecked; a flood of 1,000
// wrong tokens from one address gets 429 long before it ends, with Retry-After; a real user's valid
// session from the same address keeps working throughout; the break-glass password is refused
// unchecked once its limit is reached; crossing a limit is in the access trail.
import { randomBytes } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { signInSecretariat } from '../support/api';
import { TEST_CREDENTIAL } from '../support/temporal';
import { useSystem } from '../support/system';

let secretariat: string;
const { api } = useSystem({ api: true });

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
});

const random = (n: number) => randomBytes(n).toString('base64url');
const asking = (token: string) => api.call('GET', '/api/me', { token });

test('wrong secrets for one session: ten are checked, the rest refused unchecked; the owner of another session is not locked out', async () => {
  const id = random(9);
  const statuses: number[] = [];
  for (let i = 0; i < 15; i++) statuses.push((await asking(`uds_${id}_${random(24)}`)).status);
  expect(statuses).toEqual([...Array<number>(10).fill(401), ...Array<number>(5).fill(429)]);
  expect((await asking(secretariat)).status).toBe(200);
});

test('1,000 wrong tokens from one address: 429 with Retry-After long before they end; a valid session still works', async () => {
  const counts: Record<number, number> = {};
  let retryAfter: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const res = await asking(i % 2 ? `uds_${random(9)}_${random(24)}` : `${random(6)}.${random(40)}.${random(32)}`);
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    if (i % 250 === 0) expect((await asking(secretariat)).status).toBe(200);
  }
  expect(counts[401]).toBeLessThanOrEqual(50);
  expect(counts[429]).toBeGreaterThanOrEqual(950);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect((await asking(secretariat)).status).toBe(200);
  const page = await fetch(`${api.url}/sekretariat`, { headers: { cookie: `udmeld_session=uds_${random(9)}_${random(24)}` } });
  expect(page.status).toBe(429);
});

test('the break-glass password is refused unchecked at its limit, even when right; the trail says so', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++)
    statuses.push((await api.call('POST', '/api/auth/break-glass', { body: { credential: `forkert-${i}` } })).status);
  // The address is over its limit from the flood: no password is checked from it now.
  expect(statuses).toEqual([429, 429, 429]);
  expect((await api.call('POST', '/api/auth/break-glass', { body: { credential: TEST_CREDENTIAL } })).status).toBe(429);
  const trail = await api.call('GET', '/api/access/audit?kind=auth_failures', { token: secretariat });
  expect(trail.status).toBe(200);
  expect(trail.body.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(trail.body)).not.toContain('uds_');
});
