// Temporal and the record agree, and where they do not it is found: a round of three on the dev
// server agrees; then each kind of difference is produced on purpose (a respondent's workflow
// terminated, a status and an answer version changed in the record, a CU's phase changed, a CU's
// workflow terminated, a CU's workflows deleted) and each is reported, on the API and the page, with ids and codes only.
import { execFile } from 'node:child_process';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT, answerFor, asContact, launchRound, startCu } from '../../fixtures/round';
import { signInSecretariat } from '../support/api';
import { recordHistories } from '../support/histories';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const { h, api } = useSystem({ api: true });
const CU = `enighed-${Date.now().toString(36)}`;
const OTHER = `${CU}-2`;
const CODES = ['0461', '0410', '0420'];

test('a running round agrees; each difference produced on purpose is found', async () => {
  const today = copenhagenDate(Date.now());
  for (const id of [CU, OTHER]) {
    await h.udmeld.registerCu(startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
    await launchRound(h.udmeld, id, CODES, addDays(today, 30));
  }
  await h.udmeld.submitAnswer(CU, '0461', { values: answerFor('0461') }, asContact(CU, '0461'));
  const mine = (r: Awaited<ReturnType<typeof h.udmeld.checkAgreement>>) => r.disagreements.filter((d) => d.cuId.startsWith(CU));
  await eventually(
    () => h.udmeld.checkAgreement(AS_SECRETARIAT),
    (r) => mine(r).length === 0,
  );

  await h.client.workflow.getHandle(municipalityWorkflowId(CU, '0410')).terminate('prøve');
  await sql`update municipality set status = 'draft' where cu_id = ${CU} and code = '0420'`.execute(h.db);
  await sql`update municipality set answer_version = 3 where cu_id = ${CU} and code = '0461'`.execute(h.db);
  await sql`update cu set phase = 'drafting' where id = ${CU}`.execute(h.db);
  await h.client.workflow.getHandle(cuWorkflowId(OTHER)).terminate('prøve');
  // Workflows Temporal no longer has (deleted, or a record restored from a backup older than Temporal's).
  const gone = `${CU}-3`;
  await h.udmeld.registerCu(startCu(gone, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, gone, ['0461'], addDays(today, 30));
  for (const workflowId of [municipalityWorkflowId(gone, '0461'), cuWorkflowId(gone)]) {
    await h.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId } });
  }
  await eventually(
    () =>
      h.client.workflow
        .getHandle(cuWorkflowId(gone))
        .describe()
        .then(
          () => false,
          () => true,
        ),
    (deleted) => deleted,
  );

  const report = await h.udmeld.checkAgreement(AS_SECRETARIAT);
  expect(mine(report).map((d) => [d.kind, d.cuId, d.code ?? '', d.record, d.temporal])).toEqual([
    ['cu_phase', CU, '', 'drafting', 'reporting'],
    ['respondent_closed', CU, '0410', 'invited', 'terminated'],
    ['respondent_status', CU, '0420', 'draft', 'invited'],
    ['answer_version', CU, '0461', '3', '1'],
    ['cu_closed', OTHER, '', 'reporting', 'terminated'],
    // A CU's respondents end with it (their parent's close policy).
    ...['0410', '0420', '0461'].map((code) => ['respondent_closed', OTHER, code, 'invited', 'terminated']),
    ['cu_missing', gone, '', 'reporting', 'ingen workflow'],
    ['respondent_missing', gone, '0461', 'invited', 'ingen workflow'],
  ]);
  expect(mine(report)[0]!.text).toBe(`Udmeldingen står i forskellige faser (${CU}): registreringen siger drafting, Temporal reporting.`);

  const secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  const viaApi = await api.call('GET', '/api/check', { token: secretariat });
  expect(viaApi.status).toBe(200);
  expect(mine(viaApi.body)).toHaveLength(10);
  const page = await (await fetch(`${api.url}/sekretariat/kontrol`, { headers: { cookie: `udmeld_session=${secretariat}` } })).text();
  expect(page).toContain('Respondentens svar har forskellig version');

  // The operator's command asks the running API, and says so in its exit code.
  // (Not spawnSync: the API answering it runs in this process.)
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/check.ts'],
      {
        env: { ...process.env, PUBLIC_URL: api.url, UDMELD_TOKEN: secretariat },
        encoding: 'utf8',
        timeout: 60_000,
      },
      (_err, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
  expect(run.status, run.stderr).toBe(1);
  expect(run.stdout).toContain(`answer_version  ${CU} 0461  Respondentens svar har forskellig version: 3 ≠ 1`);
});

test('the repair starts a lost respondent again from the record; the round then runs to its end', async () => {
  const today = copenhagenDate(Date.now());
  const id = `${CU}-rep`;
  await h.udmeld.registerCu(startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, id, CODES, addDays(today, 30));
  await h.udmeld.submitAnswer(id, '0461', { values: answerFor('0461') }, asContact(id, '0461'));
  // One ended by force, one deleted outright.
  await h.client.workflow.getHandle(municipalityWorkflowId(id, '0410')).terminate('ved en fejl');
  await h.client.workflowService.deleteWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId: municipalityWorkflowId(id, '0420') },
  });
  const ours = (r: Awaited<ReturnType<typeof h.udmeld.checkAgreement>>) => r.disagreements.filter((d) => d.cuId === id);
  await eventually(
    () => h.udmeld.checkAgreement(AS_SECRETARIAT),
    (r) => ours(r).length === 2,
  );

  const secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  const repaired = await api.call('POST', '/api/check/repair', { token: secretariat, body: {} });
  expect(repaired.status).toBe(200);
  expect(ours(repaired.body).map((d) => [d.kind, d.code, d.repaired])).toEqual([
    ['respondent_closed', '0410', true],
    ['respondent_missing', '0420', true],
  ]);
  // What is not safe stays for a person: the terminated CU of the first test is reported, not touched.
  expect(repaired.body.disagreements.find((d: { cuId: string }) => d.cuId === OTHER)?.repaired).toBeUndefined();
  await eventually(
    () => h.udmeld.checkAgreement(AS_SECRETARIAT),
    (r) => ours(r).length === 0,
  );
  const audit = await h.db
    .selectFrom('audit_event')
    .select('municipality_code')
    .where('cu_id', '=', id)
    .where('kind', '=', 'respondent_restarted')
    .execute();
  expect(audit.map((a) => a.municipality_code).sort()).toEqual(['0410', '0420']);

  for (const code of ['0410', '0420']) await h.udmeld.submitAnswer(id, code, { values: answerFor(code) }, asContact(id, code));
  await eventually(
    () => h.udmeld.cu(id, AS_SECRETARIAT),
    (cu) => cu.phase === 'drafting',
  );
  await recordHistories(h.client, {
    'central-notice-restarted-respondent': cuWorkflowId(id),
    'municipality-restarted': municipalityWorkflowId(id, '0410'),
  });
});
