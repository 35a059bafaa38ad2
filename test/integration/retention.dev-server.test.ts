// Temporal deletes closed workflows after the namespace's retention; the record must not go with
// them. Two CUs through the API: one reaches the political phase and its municipalities' closed
// workflows are deleted; the other is submitted and its own workflow deleted too.
import { beforeAll, expect, test } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import { putContacts, signInSecretariat, tokenFromMail } from '../support/api';
import { answerFor, contactOf } from '../../fixtures/round';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CODES = ['0461', '0410', '0420'];
const today = copenhagenDate(Date.now());
let secretariat: string;
/** Each submission's answer, to compare with the same request repeated. */
const acks: Record<string, object> = {};

const { h, smtp, api } = useSystem({ smtp: true, api: true });

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  await putContacts(api, secretariat, CODES);
});

const mailTo = async (template: string, cuId: string, code: string) => {
  const match = (m: { template: string; to: string[]; text: string }) =>
    m.template === template && m.to.includes(contactOf(code)) && m.text.includes(`/kommune/${cuId}/${code}`);
  await smtp.waitFor((mails) => mails.some(match));
  return smtp.received.find(match)!;
};

/** Deletes closed workflows as retention does, and waits until Temporal no longer knows them (the dev server takes ~30 s). */
async function deleteAsRetention(workflowIds: string[]): Promise<void> {
  const handles: WorkflowHandle[] = workflowIds.map((id) => h.client.workflow.getHandle(id));
  for (const handle of handles) {
    await eventually(
      () => handle.describe().then((d) => d.status.name),
      (status) => status === 'COMPLETED',
    );
    await h.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: handle.workflowId } });
  }
  for (const handle of handles)
    await eventually(
      () =>
        handle.describe().then(
          () => 'there',
          () => 'gone',
        ),
      (state) => state === 'gone',
      120_000,
    );
}

/** A CU through the API to the political phase: every municipality answered, forum and KKR approved. */
async function toPoliticalPhase(cuId: string): Promise<Record<string, string>> {
  const body = {
    id: cuId,
    title: 'Udsatte gravide med skadeligt rusmiddelbrug',
    targetGroup: 'Udsatte gravide kvinder med et skadeligt rusmiddelbrug',
    issuedOn: today,
    nationalDeadline: addDays(today, 200),
  };
  expect((await api.call('POST', '/api/cus', { token: secretariat, body })).status).toBe(201);
  expect(
    (
      await api.call('POST', `/api/cus/${cuId}/launch`, {
        token: secretariat,
        body: { municipalities: CODES, deadline: addDays(today, 40), approvalChain: ['forum', 'kkr'] },
      })
    ).status,
  ).toBe(200);
  const tokens: Record<string, string> = {};
  for (const code of CODES) {
    tokens[code] = tokenFromMail(await mailTo('invitation', cuId, code));
    const submitted = await api.call('POST', `/api/cus/${cuId}/municipalities/${code}/submission`, {
      token: tokens[code],
      body: { values: answerFor(code) },
      headers: { 'idempotency-key': `svar-${cuId}-${code}` },
    });
    expect(submitted.status).toBe(200);
    acks[`${cuId}/${code}`] = submitted.body;
  }
  await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.body.phase === 'drafting',
  );
  expect((await api.call('POST', `/api/cus/${cuId}/approval`, { token: secretariat, body: {} })).status).toBe(200);
  expect(
    (await api.call('POST', `/api/cus/${cuId}/steps/forum/decision`, { token: secretariat, body: { decision: 'approved' } })).status,
  ).toBe(200);
  expect(
    (
      await api.call('POST', `/api/cus/${cuId}/steps/kkr/decision`, {
        token: secretariat,
        body: { decision: 'approved', date: today, councilDeadline: addDays(today, 30) },
      })
    ).status,
  ).toBe(200);
  return tokens;
}

const downloads = (cuId: string) => [
  `/api/cus/${cuId}/report.docx`,
  `/api/cus/${cuId}/report.html`,
  `/api/cus/${cuId}/answers.xlsx`,
  `/api/cus/${cuId}/answers/koordinering.csv`,
  `/api/cus/${cuId}/audit.csv`,
];

test('in the political phase, with the municipalities’ workflows deleted: pages, council decisions, downloads, submission and renewal work', async () => {
  const cuId = `bevaring-${Date.now().toString(36)}`;
  await toPoliticalPhase(cuId);
  await deleteAsRetention(CODES.map((code) => municipalityWorkflowId(cuId, code)));

  // A municipality's page, from its council request's link, months after its round closed.
  const councilToken = tokenFromMail(await mailTo('council_request', cuId, '0461'));
  const own = await api.call('GET', `/api/cus/${cuId}/municipalities/0461`, { token: councilToken });
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({
    status: 'submitted',
    closed: true,
    answer: { version: 1, values: { koordinering: answerFor('0461').koordinering } },
  });
  const page = await fetch(`${api.url}/kommune/${cuId}/0461`, { headers: { cookie: `udmeld_adgang=${councilToken}` } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Registrér beslutningen');
  // A closed municipality refuses a late answer as closed, not as unknown.
  expect(
    (
      await api.call('POST', `/api/cus/${cuId}/municipalities/0461/submission`, {
        token: councilToken,
        body: { values: answerFor('0461') },
      })
    ).status,
  ).toBe(409);
  // The same request again (its Idempotency-Key), long after: the answer it got, from the record.
  const repeated = await api.call('POST', `/api/cus/${cuId}/municipalities/0461/submission`, {
    token: councilToken,
    body: { values: answerFor('0461') },
    headers: { 'idempotency-key': `svar-${cuId}-0461` },
  });
  expect(repeated.status).toBe(200);
  expect(repeated.body).toEqual({ ...acks[`${cuId}/0461`], status: 'submitted', answerVersion: 1 });

  expect(
    (
      await api.call('POST', `/api/cus/${cuId}/councils/0461/decision`, {
        token: councilToken,
        body: { decision: 'approved', date: today },
      })
    ).status,
  ).toBe(200);
  for (const council of ['0410', '0420', 'region']) {
    expect(
      (
        await api.call('POST', `/api/cus/${cuId}/councils/${council}/decision`, {
          token: secretariat,
          body: { decision: 'approved', date: today },
        })
      ).status,
    ).toBe(200);
  }
  for (const path of downloads(cuId)) expect((await api.call('GET', path, { token: secretariat })).status, path).toBe(200);

  await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.body.phase === 'ready',
  );
  expect((await api.call('POST', `/api/cus/${cuId}/submit`, { token: secretariat, body: {} })).status).toBe(200);
  await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.body.phase === 'submitted',
  );
  const renewal = await api.call('POST', `/api/cus/${cuId}/renewal`, {
    token: secretariat,
    body: { reason: 'Fornyet behandling, § 13 b stk. 3', issuedOn: today, nationalDeadline: addDays(today, 300) },
  });
  expect(renewal.status).toBe(201);
  expect(renewal.body.renewalOf).toMatchObject({ cuId, history: [{ cuId }] });
}, 300_000);

test('a submitted CU with its own workflow deleted too: listed, downloadable, audited and renewable', async () => {
  const cuId = `arkiv-${Date.now().toString(36)}`;
  await toPoliticalPhase(cuId);
  for (const council of [...CODES, 'region'])
    await api.call('POST', `/api/cus/${cuId}/councils/${council}/decision`, {
      token: secretariat,
      body: { decision: 'approved', date: today },
    });
  await eventually(
    () => api.call('GET', `/api/cus/${cuId}`, { token: secretariat }),
    (r) => r.body.phase === 'ready',
  );
  expect((await api.call('POST', `/api/cus/${cuId}/submit`, { token: secretariat, body: {} })).status).toBe(200);
  await deleteAsRetention([cuWorkflowId(cuId), ...CODES.map((code) => municipalityWorkflowId(cuId, code))]);

  const listed = await api.call('GET', '/api/cus?status=submitted', { token: secretariat });
  expect(listed.body.map((c: { cuId: string }) => c.cuId)).toContain(cuId);
  const overview = await api.call('GET', '/api/overview', { token: secretariat });
  expect(overview.body.find((o: { cuId: string }) => o.cuId === cuId)).toMatchObject({
    phase: 'submitted',
    reporting: { total: 3, answered: 3 },
  });
  const record = await api.call('GET', `/api/cus/${cuId}`, { token: secretariat });
  expect(record.body).toMatchObject({ phase: 'submitted', submission: { to: 'centraleudmeldinger@udmeld.local' } });
  for (const path of downloads(cuId)) expect((await api.call('GET', path, { token: secretariat })).status, path).toBe(200);
  const audit = await api.call('GET', `/api/cus/${cuId}/audit`, { token: secretariat });
  expect(audit.body.map((e: { kind: string }) => e.kind)).toEqual(
    expect.arrayContaining([
      'registered',
      'round_launched',
      'submitted',
      'forum_decision',
      'kkr_decision',
      'council_decision',
      'report_submitted',
      'phase:submitted',
    ]),
  );
  const csv = await api.call('GET', `/api/cus/${cuId}/audit.csv`, { token: secretariat });
  expect(csv.body).toContain('Besvarelse indsendt;Odense;Kontakt 0461;kontakt-0461@kommune.test;Kommune');
  // Commands on the deleted workflow: the record says it is closed.
  expect((await api.call('POST', `/api/cus/${cuId}/submit`, { token: secretariat, body: {} })).status).toBe(409);

  const renewal = await api.call('POST', `/api/cus/${cuId}/renewal`, {
    token: secretariat,
    body: { reason: 'Fornyet behandling', issuedOn: today, nationalDeadline: addDays(today, 300) },
  });
  expect(renewal.status).toBe(201);
  expect(renewal.body.cu.id).toBe(`${cuId}-fb1`);
}, 300_000);
