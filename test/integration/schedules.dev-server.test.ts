// Recurring rounds on a real Temporal Schedule (the dev server; the time-skipping server has no
// Schedules, so test/workflows shows the schedule's action under skipped time): occupancy on 1 January
// and 1 July at 08:00 Danish time, seen by `temporal schedule list`; a round made now is registered
// from the template and launched to the 22 municipalities and the region, each invitation received
// by SMTP; pause and resume with a note, each change in the trail; bad input refused.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { SYDDANMARK, municipalitiesOfRegion } from '../../domain/municipalities';
import { copenhagenDate } from '../../domain/time';
import { contactOf } from '../../fixtures/round';
import { ensureTemporalCli } from '../../scripts/bootstrap.mjs';
import { putContacts, signInSecretariat } from '../support/api';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';
import { recordHistories } from '../support/histories';
import { cuWorkflowId } from '../../domain/ids';

const RESPONDENTS = [...municipalitiesOfRegion(SYDDANMARK), SYDDANMARK];
const TEMPLATE = 'belaegning';
let secretariat: string;

const { h, api, smtp } = useSystem({ api: true, smtp: true });

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  await putContacts(api, secretariat, RESPONDENTS);
});
afterAll(async () => {
  if (secretariat) await api.call('POST', `/api/templates/${TEMPLATE}/schedule/delete`, { token: secretariat });
});

const calendar = {
  title: 'Belægningsprocenter',
  targetGroup: 'Tilbud med en afvigelse på 5 %-point eller mere',
  months: [1, 7],
  day: 1,
  deadlineDays: 30,
  dueDays: 90,
};

test('occupancy on 1 January and 1 July at 08:00 Danish time, in Temporal’s own list', async () => {
  const saved = await api.call('PUT', `/api/templates/${TEMPLATE}/schedule`, { token: secretariat, body: calendar });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body).toMatchObject({ id: `runder:${TEMPLATE}`, paused: false, schedule: { templateId: TEMPLATE, months: [1, 7] } });
  // Winter time is UTC+1, summer time UTC+2: 08:00 in Copenhagen either way.
  const next = (saved.body.next as string[]).slice(0, 2);
  expect(next.map((t) => [t.slice(5, 10), t.slice(11, 16)])).toEqual(
    next.map((t) => (t.slice(5, 7) === '01' ? ['01-01', '07:00'] : ['07-01', '06:00'])),
  );
  const listed = execFileSync(ensureTemporalCli(), ['schedule', 'list', '--address', inject('devServerAddress')], { encoding: 'utf8' });
  expect(listed).toContain(`runder:${TEMPLATE}`);
  expect((await api.call('GET', '/api/schedules', { token: secretariat })).body.map((s: { id: string }) => s.id)).toContain(
    `runder:${TEMPLATE}`,
  );
});

test('a round made now: registered from the template, launched to every respondent, each invitation received', async () => {
  const run = await api.call('POST', `/api/templates/${TEMPLATE}/schedule/run`, { token: secretariat });
  expect(run.status, JSON.stringify(run.body)).toBe(200);
  const cuId = `${TEMPLATE}-${copenhagenDate(Date.now())}`;
  const cu = await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.status === 200 && Object.keys(r.body.municipalities ?? {}).length === RESPONDENTS.length,
    30_000,
  );
  expect(cu.body.cu).toMatchObject({
    title: expect.stringMatching(/^Belægningsprocenter, \w+ \d{4}$/),
    template: { id: TEMPLATE, version: 1 },
  });
  const registered = cu.body.events.find((e: { kind: string }) => e.kind === 'registered');
  expect(registered.note).toContain(`Oprettet af tidsplanen runder:${TEMPLATE}`);
  expect(registered.by.name).toBe('Tidsplan: Belægningsprocenter (halvårlig)');
  await smtp.waitFor((m) => m.filter((x) => x.template === 'invitation').length === RESPONDENTS.length);
  expect(smtp.to(contactOf(SYDDANMARK)).map((m) => m.template)).toEqual(['invitation']);
  const state = await eventually(
    () => api.call('GET', `/api/templates/${TEMPLATE}/schedule`, { token: secretariat }),
    (r) => r.body.recent.length === 1,
  );
  expect(state.body.recent[0].workflowId).toMatch(/^runde-fra-tidsplan:belaegning/);
  await eventually(
    () => h.client.workflow.getHandle(state.body.recent[0].workflowId).describe(),
    (d) => d.status.name === 'COMPLETED',
  );
  await recordHistories(h.client, { 'recurring-round': state.body.recent[0].workflowId, 'central-notice-scheduled': cuWorkflowId(cuId) });
  // The same day again makes no second round.
  await api.call('POST', `/api/templates/${TEMPLATE}/schedule/run`, { token: secretariat });
  await eventually(
    () => api.call('GET', `/api/templates/${TEMPLATE}/schedule`, { token: secretariat }),
    (r) => r.body.recent.length === 2,
  );
  await new Promise((r) => setTimeout(r, 1000));
  expect(
    (await api.call('GET', '/api/cus', { token: secretariat })).body.filter((c: { cuId: string }) => c.cuId.startsWith(`${TEMPLATE}-`)),
  ).toHaveLength(1);
});

test('paused and resumed with a note, each change in the trail; bad input refused, nothing changed', async () => {
  const paused = await api.call('POST', `/api/templates/${TEMPLATE}/schedule/pause`, {
    token: secretariat,
    body: { note: 'Afventer ny skabelon' },
  });
  expect(paused.body).toMatchObject({ paused: true, note: 'Afventer ny skabelon' });
  const resumed = await api.call('POST', `/api/templates/${TEMPLATE}/schedule/resume`, { token: secretariat, body: {} });
  expect(resumed.body.paused).toBe(false);
  const trail = await api.call('GET', '/api/access/audit', { token: secretariat });
  expect(trail.body.map((e: { kind: string }) => e.kind)).toEqual(
    expect.arrayContaining(['schedule_saved', 'schedule_triggered', 'schedule_paused', 'schedule_resumed']),
  );
  for (const [body, path] of [
    [{ ...calendar, months: [] }, 'months'],
    [{ ...calendar, months: [13] }, 'months.0'],
    [{ ...calendar, day: 31 }, 'day'],
    [{ ...calendar, deadlineDays: 90, dueDays: 60 }, 'dueDays'],
  ] as const) {
    const res = await api.call('PUT', `/api/templates/${TEMPLATE}/schedule`, { token: secretariat, body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  }
  expect((await api.call('PUT', '/api/templates/findes-ikke/schedule', { token: secretariat, body: calendar })).status).toBe(400);
  expect((await api.call('GET', '/api/templates/tom/schedule', { token: secretariat })).status).toBe(404);
  expect((await api.call('GET', `/api/templates/${TEMPLATE}/schedule`, { token: secretariat })).body.schedule.months).toEqual([1, 7]);
});
