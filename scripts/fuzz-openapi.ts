// Schema-driven fuzzing of a running udmeld (`npm start`) with schemathesis (PyPI), every check on:
// the API must answer what its OpenAPI document says, for everything the document allows and
// nothing it does not. First it makes what the path parameters point at, through the API: a CU with
// a round for two municipalities and one answer, a forum member and a service key of its own (so
// revoking them costs the fuzzer nothing). Configuration: scripts/schemathesis.toml.
//   npm run fuzz [-- max-examples]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { addDays, copenhagenDate } from '../domain/time';
import { answerFor } from '../fixtures/round';
import { signInLocally } from './local-sign-in';

const BASE = process.env.PUBLIC_URL ?? 'http://localhost:3000';
const maxExamples = process.argv[2] ?? '30';

async function signIn(): Promise<string> {
  const credential = process.env.BREAK_GLASS_CREDENTIAL;
  if (!credential) return (await signInLocally(BASE, 'sara')).token;
  const res = await fetch(`${BASE}/api/auth/break-glass`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credential }),
  });
  return ((await res.json()) as { token: string }).token;
}

const token = await signIn();
const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

const today = copenhagenDate(Date.now());
const cuId = `fuzz-${Date.now().toString(36)}`;
const codes = ['0461', '0410'];
for (const code of codes) {
  await call('PUT', `/api/contacts/${code}`, {
    contacts: [{ name: `Kontakt ${code}`, email: `kontakt-${code}@kommune.invalid` }],
    directorEmail: `direktor-${code}@kommune.invalid`,
  });
}
await call('POST', '/api/cus', {
  id: cuId,
  title: 'Fuzzing af API’et',
  targetGroup: 'Borgere',
  issuedOn: today,
  nationalDeadline: addDays(today, 200),
});
await call('POST', `/api/cus/${cuId}/launch`, { municipalities: codes, deadline: addDays(today, 30) });
for (let tries = 0; ; tries++) {
  const cu = await call<{ municipalities: Record<string, unknown> }>('GET', `/api/cus/${cuId}`);
  if (Object.keys(cu.municipalities).length === codes.length) break;
  if (tries > 60) throw new Error('The round did not start');
  await new Promise((r) => setTimeout(r, 500));
}
await call('POST', `/api/cus/${cuId}/municipalities/0461/submission`, { values: answerFor('0461') });
const person = await call<{ id: string }>('POST', '/api/people', { name: 'Fuzz Forum', email: `fuzz-${cuId}@forum.invalid` });
const key = await call<{ id: string }>('POST', '/api/service-keys', { name: `Fuzz ${cuId}`, scopes: ['read'] });
console.log(`[fuzz] ${cuId}, person ${person.id}, key ${key.id}`);

mkdirSync('data/fuzz', { recursive: true });
const run = spawnSync(
  'schemathesis',
  ['--config-file', 'scripts/schemathesis.toml', 'run', `${BASE}/openapi.json`, '--max-examples', maxExamples],
  {
    stdio: 'inherit',
    env: { ...process.env, UDMELD_TOKEN: token, FUZZ_CU: cuId, FUZZ_PERSON: person.id, FUZZ_KEY: key.id },
  },
);
process.exit(run.status ?? 1);
