// Property-based against the running API: generated malformed and hostile requests to every route
// get a 4xx, never a 5xx, and change nothing.
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { routeTable } from '../../server/app';
import { addDays, copenhagenDate } from '../../domain/time';
import { signInSecretariat } from '../support/api';
import { answerFor, AS_SECRETARIAT, asContact, launchRound, startCu } from '../../fixtures/round';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `fuzz-${Date.now().toString(36)}`;
let token: string;

const { h, api } = useSystem({ api: true });

beforeAll(async () => {
  token = await signInSecretariat(api, TEST_CREDENTIAL);
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 100) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, CU, ['0461', '0410'], addDays(today, 30));
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => Object.keys(s.municipalities).length === 2,
  );
  await h.udmeld.submitAnswer(CU, '0461', { values: answerFor('0461') }, asContact(CU, '0461'));
});

const snapshot = async () => {
  const strip = <T extends object>(s: T) => JSON.stringify(s);
  return [
    strip(await h.udmeld.fullCu(CU, AS_SECRETARIAT)),
    strip(await h.udmeld.municipality(CU, '0461', AS_SECRETARIAT)),
    strip(await h.udmeld.municipality(CU, '0410', AS_SECRETARIAT)),
  ];
};

test('hostile requests to every route: 4xx, never 5xx, and no change', async () => {
  await new Promise((r) => setTimeout(r, 1000)); // let the receipt and the signals settle
  const before = await snapshot();
  const table = routeTable({ udmeld: h.udmeld, config: h.config });
  const paramValue = fc.oneof(
    fc.constantFrom(CU, '0461', '461', 'region', '9999', 'findes-ikke', '..%2F..', '%00', 'a'.repeat(300), 'ø', 'tilbud'),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  );
  // Every schema is strict, so an object with an unknown key can never pass: each body is invalid.
  const nested = (depth: number, key: string, leaf: unknown): unknown => (depth === 0 ? leaf : { [key]: nested(depth - 1, key, leaf) });
  const body = fc.oneof(
    fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
    fc
      .tuple(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()), fc.string({ minLength: 1, maxLength: 8 }))
      .map(([d, k]) => ({ ...d, [`ukendt_${k}`]: 1 })),
    // Deeper than any input: under a field a route does take (values, cu, questionnaire, …).
    fc
      .tuple(
        fc.constantFrom('values', 'questionnaire', 'summaries', 'contacts', 'decision'),
        fc.integer({ min: 13, max: 400 }),
        fc.string({ maxLength: 6 }),
        fc.jsonValue(),
      )
      .map(([field, depth, key, leaf]) => ({ [field]: nested(depth, key, leaf) })),
  );
  const request = fc.record({
    route: fc.constantFrom(...table.filter((r) => r.method !== 'get' && r.roles !== 'public')),
    params: fc.array(paramValue, { minLength: 3, maxLength: 3 }),
    body,
    auth: fc.constantFrom('secretariat', 'none', 'garbage'),
  });
  const seen: number[] = [];
  await fc.assert(
    fc.asyncProperty(request, async ({ route, params, body, auth }) => {
      let i = 0;
      const path = route.path.replace(/:(\w+)/g, () => params[i++]!);
      const res = await api.call(route.method.toUpperCase(), path, {
        ...(auth === 'secretariat' ? { token } : auth === 'garbage' ? { token: 'x.y.z' } : {}),
        body,
      });
      seen.push(res.status);
      expect(res.status, `${route.method} ${path} ${JSON.stringify(body).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }),
    { numRuns: 150 },
  );
  const gets = await Promise.all(
    ['/api/cus?x=1', `/api/cus/${CU}/answers/..%2F.csv`, '/api/overview?region=9999', `/api/cus/${CU}/report.docx?beskyttet=maaske`].map(
      (p) => api.call('GET', p, { token }),
    ),
  );
  for (const g of gets) expect(g.status).toBe(400);
  expect(new Set(seen).size).toBeGreaterThan(1);
  expect(await snapshot()).toEqual(before);
}, 180_000);

// Texts no field may hold (NUL, a vertical tab, half a surrogate pair), and a line break, which only
// a text of several lines may hold.
const NEVER = ['\u0000', '\u000B', '\uD800'];
const LINE_BREAK = '\r\n';

/** Every string in a JSON value, by its path (`contacts.0.name`). */
function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withLeaf(value: unknown, path: string[], leaf: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? withLeaf(v, rest, leaf) : v));
  return { ...(value as object), [head]: withLeaf((value as Record<string, unknown>)[head], rest, leaf) };
}

test('every body the OpenAPI document describes, with a forbidden character in each of its texts: 400 on that field, nothing stored', async () => {
  await new Promise((r) => setTimeout(r, 1000)); // let the receipt and the signals settle
  const before = await snapshot();
  const table = routeTable({ udmeld: h.udmeld, config: h.config });
  type Schema = { properties?: object; oneOf?: unknown[]; anyOf?: unknown[] };
  type Operation = { requestBody?: { content: { 'application/json': { example?: unknown; schema: Schema } } } };
  const takesNothing = (s: Schema) => Object.keys(s.properties ?? {}).length === 0 && !s.oneOf && !s.anyOf;
  const doc = (await api.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
  const params: Record<string, string> = {
    cuId: CU,
    code: '0461',
    council: '0461',
    step: 'forum',
    personId: 'p_abcdefgh1234',
    keyId: 'abcdefgh12345678',
    templateId: 'belaegning',
  };
  let sent = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      // A file's bytes (attachments, a workbook) are no JSON text to spoil; their own tests send bad files.
      const json = operation.requestBody?.content['application/json'];
      if (!json || takesNothing(json.schema)) continue;
      const what = `${method.toUpperCase()} ${path}`;
      const example = json.example;
      expect(example, `${what} has an example body`).toBeDefined();
      const route = table.find((r) => r.method === method && r.path.replace(/:(\w+)/g, '{$1}') === path);
      expect(route?.body?.safeParse(example).success, `${what}: its example is valid`).toBe(true);
      const address = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? name);
      for (const leaf of stringLeaves(example)) {
        for (const bad of [...NEVER, LINE_BREAK]) {
          const spoilt = withLeaf(example, leaf, `Tekst${bad}mere`);
          if (bad === LINE_BREAK && route?.body?.safeParse(spoilt).success) continue; // a text of several lines
          const res = await api.call(method.toUpperCase(), address, { token, body: spoilt });
          sent += 1;
          const field = leaf.join('.');
          expect(res.status, `${what} with ${JSON.stringify(bad)} in ${field}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${what} with ${JSON.stringify(bad)} in ${field}`).toBeLessThan(500);
          if (path === '/api/auth/break-glass') continue; // a wrong credential is a 401, whatever it holds
          expect(res.status, `${what} with ${JSON.stringify(bad)} in ${field}`).toBe(400);
          const paths = (res.body as { errors: { path: string }[] }).errors.map((e) => e.path);
          expect(paths, `${what} with ${JSON.stringify(bad)} in ${field}`).toContain(field);
        }
      }
    }
  }
  expect(sent).toBeGreaterThan(100);
  expect(await snapshot()).toEqual(before);
}, 300_000);
