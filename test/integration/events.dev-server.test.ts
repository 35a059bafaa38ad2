// The event feed: read from the start in pages, it gives every event of the audit trail once, each a
// valid CloudEvent, in commit order; filters by type, CU and respondent; a cursor with nothing new
// stays; directors get no notes, names or access events; service keys need events:read; bad input is
// a 400 naming the field.
import { CloudEvent } from 'cloudevents';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_DIRECTOR, AS_SECRETARIAT, answerFor, asContact, launchRound, startCu } from '../../fixtures/round';
import { signInSecretariat } from '../support/api';
import { useSystem } from '../support/system';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';

const { h, api } = useSystem({ api: true });
const CU = `feed-${Date.now().toString(36)}`;

interface Feed {
  events: { id: string; type: string; subject?: string; data: { kind: string; note?: string; by: { name?: string } } }[];
  next: string;
}

test('the feed from the start is the audit trail, each event once and valid, in commit order', async () => {
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, CU, ['0461', '0410'], addDays(today, 30));
  await h.udmeld.submitAnswer(CU, '0461', { values: answerFor('0461') }, asContact(CU, '0461'));
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  const keysOfCu = async () =>
    (await sql<{ key: string }>`select key from audit_event where cu_id = ${CU}`.execute(h.db)).rows.map((r) => r.key).sort();
  // Settled: the receipt's mail event is the last the round writes.
  await eventually(keysOfCu, (keys) => keys.some((k) => k.includes('/receipt:')));

  const read: Feed['events'] = [];
  let after: string | undefined;
  for (let page = 0; page < 500; page++) {
    const r = await api.call('GET', `/api/events?limit=7${after ? `&after=${after}` : ''}`, { token });
    expect(r.status).toBe(200);
    const body = r.body as Feed;
    if (!body.events.length) {
      expect(body.next).toBe(after ?? '0.0');
      break;
    }
    read.push(...body.events);
    after = body.next;
  }
  expect(new Set(read.map((e) => e.id)).size).toBe(read.length);
  for (const e of read) expect(() => new CloudEvent(e).validate()).not.toThrow();
  const all = (await sql<{ key: string }>`select key from audit_event where tx < pg_snapshot_xmin(pg_current_snapshot())`.execute(h.db))
    .rows;
  expect(read.map((e) => e.id).sort()).toEqual(all.map((r) => r.key).sort());
  expect(
    read
      .filter((e) => e.subject?.startsWith(`cu/${CU}`))
      .map((e) => e.id)
      .sort(),
  ).toEqual(await keysOfCu());
  // The audit trail of the CU, as the API gives it, is the feed's events of the CU.
  const trail = await api.call('GET', `/api/cus/${CU}/audit`, { token });
  expect(
    read
      .filter((e) => e.subject?.startsWith(`cu/${CU}`))
      .map((e) => e.data.kind)
      .sort(),
  ).toEqual((trail.body as { kind: string }[]).map((e) => e.kind).sort());

  // Filters.
  const submitted = (await api.call('GET', `/api/events?type=dk.udmeld.submitted,dk.udmeld.phase.reporting&cuId=${CU}`, { token }))
    .body as Feed;
  expect(submitted.events.map((e) => e.type).sort()).toEqual(['dk.udmeld.phase.reporting', 'dk.udmeld.submitted']);
  const odense = (await api.call('GET', `/api/events?cuId=${CU}&municipalityCode=461`, { token })).body as Feed;
  expect(odense.events.length).toBeGreaterThan(0);
  expect(odense.events.every((e) => e.subject === `cu/${CU}/respondent/0461`)).toBe(true);

  // Directors: the CU's events without notes or names, and none of the access trail.
  const director = await h.udmeld.events({ limit: 1000 }, AS_DIRECTOR);
  expect(director.events.length).toBeGreaterThan(0);
  expect(director.events.every((e) => e.subject !== undefined && e.data.note === undefined && e.data.by.name === undefined)).toBe(true);

  // Service keys need events:read.
  const reader = await api.call('POST', '/api/service-keys', { token, body: { name: 'Sagssystemet', scopes: ['events:read'] } });
  const other = await api.call('POST', '/api/service-keys', { token, body: { name: 'Læser', scopes: ['read'] } });
  expect((await api.call('GET', '/api/events?limit=1', { token: reader.body.key })).status).toBe(200);
  expect((await api.call('GET', '/api/events?limit=1', { token: other.body.key })).status).toBe(403);

  // Bad input names the field.
  for (const [query, field] of [
    ['after=abc', 'after'],
    ['type=dk.udmeld.nothing', 'type'],
    ['limit=0', 'limit'],
    ['cuId=%00', 'cuId'],
  ] as const) {
    const bad = await api.call('GET', `/api/events?${query}`, { token });
    expect(bad.status, query).toBe(400);
    expect(JSON.stringify(bad.body), query).toContain(field);
  }
});
