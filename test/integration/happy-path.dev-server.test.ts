// The happy path on a real Temporal dev server, with every e-mail received by a real SMTP server
// and read back. Run with RECORD_HISTORIES=1 to refresh the replay histories in test/histories.
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { ACCESS_PARAM } from '../../crypto/links';
import { expect, test } from 'vitest';
import { REGION_CHAINS } from '../../domain/approval-chain';
import { REGION_COUNCIL } from '../../domain/commands';
import { SYDDANMARK } from '../../domain/municipalities';
import { municipalityWorkflowId, cuWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import {
  ADDRESSES,
  answerFor,
  AS_DIRECTOR,
  AS_SECRETARIAT,
  asContact,
  contactOf,
  DIRECTOR,
  launchRound,
  SECRETARIAT,
  startCu,
  SYDDANMARK_CODES,
  expectedCount,
} from '../../fixtures/round';
import { recordHistories } from '../support/histories';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `happy-${Date.now().toString(36)}`;

const { h, smtp } = useSystem({ smtp: true });

test('22 municipalities report, FU prepares (by e-mail), the forum returns and then approves, K22 and KKR decide, the councils approve, the report is submitted', async () => {
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, CU, SYDDANMARK_CODES, addDays(today, 60), { approvalChain: [...REGION_CHAINS[SYDDANMARK]] });
  await smtp.waitFor((m) => m.filter((x) => x.template === 'invitation').length === 22);

  const invitation = smtp.to(contactOf('0461')).find((m) => m.template === 'invitation')!;
  expect(invitation.subject).toBe('Central udmelding: Borgere med svære spiseforstyrrelser – indberetning fra Odense Kommune');
  expect(invitation.text).toContain('Kære Kontakt 0461');
  expect(invitation.text).toContain(`http://udmeld.test/kommune/${CU}/0461`);
  expect(invitation.html).toContain('<html lang="da">');
  // The deadline for the reader's calendar, read by a real iCalendar parser: one all-day event, no personal link in it.
  const ics = invitation.attachments.find((a) => a.filename === 'frist.ics');
  expect(ics?.contentType).toBe('text/calendar');
  const [event] = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')) as unknown[]).getAllSubcomponents('vevent');
  const deadline = new ICAL.Event(event);
  expect([deadline.uid, deadline.startDate.toString(), deadline.startDate.isDate]).toEqual([
    `frist-${CU}-0461@udmeld`,
    addDays(today, 60),
    true,
  ]);
  expect(deadline.summary).toBe('Frist: Odense Kommunes indberetning på Borgere med svære spiseforstyrrelser');
  expect(ics!.content.toString('utf8')).not.toContain(`${ACCESS_PARAM}=`);

  await Promise.all(SYDDANMARK_CODES.map((code) => h.udmeld.submitAnswer(CU, code, { values: answerFor(code) }, asContact(CU, code))));
  const drafting = await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => s.phase === 'drafting',
  );
  expect(drafting.report!.numbers[0]!.total).toBe(SYDDANMARK_CODES.reduce((sum, c) => sum + expectedCount(c), 0));
  expect(drafting.report!.notAnswered).toEqual([]);

  // Syddanmark's chain: FU, the forum, K22, KKR; a return from the forum goes back to the draft and through FU again.
  expect((await h.udmeld.sendForApproval(CU, AS_SECRETARIAT)).phase).toBe('fu');
  const refused = h.udmeld.recordStepDecision(CU, 'k22', { decision: 'approved', date: today }, AS_SECRETARIAT);
  await expect(refused).rejects.toThrow(/ikke hos K22/);
  expect((await h.udmeld.recordStepDecision(CU, 'fu', { decision: 'approved', date: today, via: 'email' }, AS_DIRECTOR)).phase).toBe(
    'forum',
  );
  expect(
    (await h.udmeld.recordStepDecision(CU, 'forum', { decision: 'returned', remarks: 'Uddyb koordineringen' }, AS_DIRECTOR)).phase,
  ).toBe('drafting');
  await h.udmeld.sendForApproval(CU, AS_SECRETARIAT);
  await h.udmeld.recordStepDecision(CU, 'fu', { decision: 'approved', date: today }, AS_DIRECTOR);
  expect((await h.udmeld.recordStepDecision(CU, 'forum', { decision: 'approved' }, AS_DIRECTOR)).phase).toBe('k22');
  expect(
    (
      await h.udmeld.recordStepDecision(
        CU,
        'k22',
        { decision: 'approved', date: today, remarks: 'Indstillingen tiltrædes' },
        AS_SECRETARIAT,
      )
    ).phase,
  ).toBe('kkr');
  await h.udmeld.recordStepDecision(CU, 'kkr', { decision: 'approved', date: today, councilDeadline: addDays(today, 40) }, AS_SECRETARIAT);
  const approved = await h.udmeld.fullCu(CU, AS_SECRETARIAT);
  expect(approved.chain).toEqual(['fu', 'forum', 'k22', 'kkr']);
  expect(
    approved.stepDecisions.filter((d) => d.step === 'fu' || d.step === 'k22').map((d) => [d.step, d.decision, d.via, d.by.name]),
  ).toEqual([
    ['fu', 'approved', 'email', DIRECTOR.name],
    ['fu', 'approved', 'meeting', DIRECTOR.name],
    ['k22', 'approved', 'meeting', SECRETARIAT.name],
  ]);
  expect(approved.events.filter((e) => e.kind.startsWith('phase:')).map((e) => e.kind)).toEqual([
    'phase:reporting',
    'phase:drafting',
    'phase:fu',
    'phase:forum',
    'phase:drafting',
    'phase:fu',
    'phase:forum',
    'phase:k22',
    'phase:kkr',
    'phase:political',
  ]);
  for (const council of [...SYDDANMARK_CODES, REGION_COUNCIL]) {
    await h.udmeld.recordCouncilDecision(CU, council, { decision: 'approved', date: today }, AS_SECRETARIAT);
  }
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => s.phase === 'ready',
  );
  await h.udmeld.submitReport(CU, AS_SECRETARIAT);
  const summary = await h.udmeld.cuHandle(CU).result();
  if (summary.outcome !== 'submitted') throw new Error(`The CU ended ${summary.outcome}`);
  const submitted = await h.udmeld.fullCu(CU, AS_SECRETARIAT);
  expect(submitted.phase).toBe('submitted');
  expect(submitted.report!.notAnswered).toEqual([]);
  expect(submitted.submission).toMatchObject({ messageId: summary.messageId, to: ADDRESSES.nationalBoard, by: SECRETARIAT });

  await smtp.waitFor((m) => m.some((x) => x.template === 'submission'));
  const count = (template: string) => smtp.received.filter((m) => m.template === template).length;
  expect(count('invitation')).toBe(22);
  expect(count('receipt')).toBe(22);
  expect(count('forum_review')).toBe(2);
  expect(smtp.received.filter((m) => m.template === 'approval_request').map((m) => m.subject.replace(/:.*/, ''))).toEqual([
    'Til behandling i Forretningsudvalget',
    'Til behandling i Forretningsudvalget',
    'Til behandling i K22',
    'Til behandling i KKR',
  ]);
  expect(count('council_request')).toBe(23);
  expect(smtp.to(ADDRESSES.region).map((m) => m.template)).toEqual(['council_request']);
  const receipt = smtp.to(contactOf('0630')).find((m) => m.template === 'receipt')!;
  expect(receipt.text).toMatch(/Vejle Kommunes besvarelse blev modtaget \d+\. \w+ \d{4} kl\. \d{2}\.\d{2}/);
  const submission = smtp.to(ADDRESSES.nationalBoard)[0]!;
  expect(submission.subject).toBe('Afrapportering fra Region Syddanmark: Borgere med svære spiseforstyrrelser');
  expect(submission.messageId).toBe(summary.messageId);
  expect(submission.text).toContain('22 af 22 kommuner har indberettet.');
  expect(submission.html).toContain('<caption style="text-align:left;font-weight:bold">Behandling og godkendelse</caption>');

  // Listable by search attributes without opening each workflow.
  const listed = await eventually(
    () => h.udmeld.listCus({ region: '1083', status: 'submitted' }, AS_SECRETARIAT),
    (items) => items.some((i) => i.cuId === CU),
  );
  expect(listed.find((i) => i.cuId === CU)!.nationalDeadline).toBeDefined();

  // Renewed treatment: a new round linked to this one, carrying its history.
  const renewed = await h.udmeld.startRenewedTreatment(
    CU,
    { reason: 'Fornyet behandling, § 13 b stk. 3', issuedOn: today, nationalDeadline: addDays(today, 250) },
    AS_SECRETARIAT,
  );
  expect(renewed.cu.id).toBe(`${CU}-fb1`);
  expect(renewed.phase).toBe('registered');
  expect(renewed.renewalOf).toMatchObject({
    cuId: CU,
    submittedAt: summary.submittedAt,
    history: [{ cuId: CU, submittedAt: summary.submittedAt }],
  });
  expect(renewed.cu.questionnaire).toEqual(submitted.cu.questionnaire);
  expect((await h.udmeld.fullCu(CU, AS_SECRETARIAT)).renewedBy).toEqual([`${CU}-fb1`]);
  // Both trails say who renewed which CU, when and why: on the page (the events), in CSV and in Excel.
  const [started] = await h.udmeld.auditTrail(CU, { kind: 'renewal_started' }, AS_SECRETARIAT);
  expect(started).toMatchObject({
    by: { name: SECRETARIAT.name },
    note: `Ny behandling: ${CU}-fb1. Begrundelse: Fornyet behandling, § 13 b stk. 3`,
  });
  const [registered] = await h.udmeld.auditTrail(renewed.cu.id, { kind: 'registered' }, AS_SECRETARIAT);
  expect(registered).toMatchObject({
    by: { name: SECRETARIAT.name },
    note: `Fornyet behandling af ${CU}. Begrundelse: Fornyet behandling, § 13 b stk. 3`,
  });
  expect(registered!.at).toBe(started!.at);
  for (const id of [CU, renewed.cu.id]) {
    const csv = String((await h.udmeld.auditCsv(id, {}, AS_SECRETARIAT)).body);
    expect(csv).toContain(id === CU ? 'Fornyet behandling startet' : `Fornyet behandling af ${CU}`);
    const workbook = new ExcelJS.Workbook();
    const xlsx = (await h.udmeld.auditXlsx(id, {}, AS_SECRETARIAT)).body as Buffer;
    await workbook.xlsx.load(new Uint8Array(xlsx).buffer);
    const cells = JSON.stringify(workbook.getWorksheet('Revisionsspor')!.getSheetValues());
    expect(cells).toContain(id === CU ? `Ny behandling: ${CU}-fb1` : `Fornyet behandling af ${CU}`);
    expect(cells).toContain('§ 13 b stk. 3');
  }
  const notYet = await h.udmeld
    .startRenewedTreatment(renewed.cu.id, { reason: 'x', issuedOn: today, nationalDeadline: addDays(today, 250) }, AS_SECRETARIAT)
    .catch((e: unknown) => e);
  expect(notYet).toMatchObject({ kind: 'invalid_state' });

  await recordHistories(h.client, {
    'central-notice-happy-path': cuWorkflowId(CU),
    'municipality-happy-path': municipalityWorkflowId(CU, '0461'),
  });
});
