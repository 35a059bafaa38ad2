// The upkeep on Temporal Schedules: the schedules made at start, the retention workflow on a CU that
// closed six years ago (its people become pseudonyms, its free text is blanked, old sessions and kept
// messages go, each once), and the scheduled agreement check keeping its report.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { MAINTENANCE_SCHEDULES } from '../../app/maintenance';
import { EXPIRED_TEXT } from '../../domain/personal-data';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor } from '../../fixtures/round';
import { agreementCheckWorkflow, retentionWorkflow } from '../../workflows';
import { signInSecretariat, tokenFromMail } from '../support/api';
import { recordHistories } from '../support/histories';
import { useSystem } from '../support/system';
import { eventually } from '../support/waiting';
import { TEST_CREDENTIAL } from '../support/temporal';

const today = copenhagenDate(Date.now());
const LISE = { name: 'Lise Langeland', email: 'lise.langeland@langeland.test' };
const { h, api, smtp } = useSystem({ api: true, smtp: true });

const ran = new Map<string, string>();
const run = <T>(workflow: () => Promise<T>) => {
  const workflowId = `upkeep-${randomUUID()}`;
  ran.set(workflow.name, workflowId);
  return h.client.workflow.execute(workflow, { taskQueue: h.config.temporal.taskQueue, workflowId });
};

test('the schedules are made at start, and made again without harm', async () => {
  await h.udmeld.ensureMaintenanceSchedules();
  await h.udmeld.ensureMaintenanceSchedules();
  const check = await h.client.schedule.getHandle(MAINTENANCE_SCHEDULES.check).describe();
  expect(check.spec.intervals?.[0]?.every).toBe(6 * 3_600_000);
  const retention = await h.client.schedule.getHandle(MAINTENANCE_SCHEDULES.retention).describe();
  expect(retention.action.workflowType).toBe('retentionWorkflow');
  for (const id of Object.values(MAINTENANCE_SCHEDULES)) await h.client.schedule.getHandle(id).delete();
});

test('six years after a CU closed, its people are pseudonyms and its free text is gone; the rest stays', async () => {
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  expect(
    (await api.call('PUT', '/api/contacts/0482', { token, body: { contacts: [LISE], directorEmail: 'direktor-0482@kommune.test' } }))
      .status,
  ).toBe(200);
  const cu = {
    id: 'gammel',
    title: 'Borgere med kompleks epilepsi',
    targetGroup: 'Borgere',
    issuedOn: today,
    nationalDeadline: addDays(today, 200),
  };
  expect((await api.call('POST', '/api/cus', { token, body: cu })).status).toBe(201);
  expect(
    (await api.call('POST', '/api/cus/gammel/launch', { token, body: { municipalities: ['0482'], deadline: addDays(today, 40) } })).status,
  ).toBe(200);
  await smtp.waitFor((mails) => mails.some((m) => m.template === 'invitation' && m.to.includes(LISE.email)), 60_000);
  const link = tokenFromMail(smtp.received.find((m) => m.template === 'invitation' && m.to.includes(LISE.email))!);
  const values = answerFor('0482');
  expect((await api.call('POST', '/api/cus/gammel/municipalities/0482/submission', { token: link, body: { values } })).status).toBe(200);
  expect((await api.call('POST', '/api/cus/gammel/withdraw', { token, body: { reason: 'Afløst af en ny udmelding' } })).status).toBe(200);
  await eventually(
    () => api.call('GET', '/api/cus/gammel', { token }),
    (r) => r.body.phase === 'withdrawn',
  );

  // Nothing has expired yet: the run changes nothing of the CU.
  const first = await run(retentionWorkflow);
  expect(first.cusPseudonymised).not.toContain('gammel');

  // The CU closed six years ago, a session ended a year ago.
  await sql`update audit_event set at = at - interval '6 years' where cu_id = 'gammel'`.execute(h.db);
  await sql`update session set expires_at = now() - interval '1 year'`.execute(h.db);
  const outcome = await run(retentionWorkflow);
  expect(outcome.cusPseudonymised).toEqual(['gammel']);
  expect(outcome.cusTextsBlanked).toEqual(['gammel']);
  expect(outcome.sessions).toBeGreaterThan(0);

  const answer = await h.db.selectFrom('answer').select(['values', 'submitted_by']).where('cu_id', '=', 'gammel').executeTakeFirstOrThrow();
  const texts = Object.entries(answer.values).filter(([, v]) => v === EXPIRED_TEXT);
  expect(texts.length).toBeGreaterThan(0);
  for (const [id, v] of Object.entries(answer.values)) if (typeof v === 'number') expect(v, id).toBe(values[id]);
  expect(answer.submitted_by).toEqual(expect.objectContaining({ role: 'municipality', name: 'en kontaktperson i Langeland Kommune' }));
  expect(answer.submitted_by).not.toHaveProperty('email');
  const trail = await api.call('GET', '/api/cus/gammel/audit', { token: await signInSecretariat(api, TEST_CREDENTIAL) });
  expect(JSON.stringify(trail.body)).not.toContain(LISE.email);
  expect(JSON.stringify(trail.body)).not.toContain(LISE.name);
  expect((trail.body as { kind: string }[]).map((e) => e.kind)).toContain('submitted');
  // The register keeps today's contacts; nothing else of the CU names her.
  const { rows } = await sql<{ n: number }>`select
      (select count(*) from round_contact t where t::text like ${`%${LISE.email}%`}) +
      (select count(*) from mail_log t where cu_id = 'gammel' and t::text like ${`%${LISE.email}%`}) +
      (select count(*) from audit_event t where cu_id = 'gammel' and t::text like ${`%${LISE.name}%`}) as n`.execute(h.db);
  expect(Number(rows[0]!.n)).toBe(0);

  // Once: a second run leaves the CU alone, and the access trail says what was done.
  expect((await run(retentionWorkflow)).cusPseudonymised).toEqual([]);
  const access = await api.call('GET', '/api/access/audit', { token: await signInSecretariat(api, TEST_CREDENTIAL) });
  expect((access.body as { kind: string; note?: string }[]).find((e) => e.kind === 'retention_applied')?.note).toContain(
    'pseudonymiseret i gammel',
  );
});

test('the scheduled check keeps its report, and the page and API show it', async () => {
  const summary = await run(agreementCheckWorkflow);
  expect(summary.disagreements).toBe(0);
  const report = await api.call('GET', '/api/check', { token: await signInSecretariat(api, TEST_CREDENTIAL) });
  expect(report.body.lastScheduled).toEqual({ checkedAt: expect.any(String), disagreements: 0 });
  await recordHistories(h.client, {
    'agreement-check': ran.get('agreementCheckWorkflow') ?? '',
    retention: ran.get('retentionWorkflow') ?? '',
  });
});
