// The secretariat's changes in the middle of a round, through the API on a real dev server and SMTP
// server: the whole round extended at once (only municipalities still owing an answer move, each
// told), the national deadline moved (a new version of the CU), bad input refused with the field and
// nothing changed; the audit trail, its filters and its Excel export name who did each thing.
import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor, contactOf } from '../../fixtures/round';
import { signInSecretariat, tokenFromMail, putContacts } from '../support/api';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { recordHistories } from '../support/histories';
import { cuWorkflowId } from '../../domain/ids';
import { useSystem } from '../support/system';

const CU = `aendr-${Date.now().toString(36)}`;
const CODES = ['0461', '0410', '0420'];
const today = copenhagenDate(Date.now());
const deadline = addDays(today, 40);
const national = addDays(today, 100);
let secretariat: string;

const mailsOf = (template: string, to?: string) => smtp.received.filter((m) => m.template === template && (!to || m.to.includes(to)));

const { h, smtp, api } = useSystem({ smtp: true, api: true });

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  await putContacts(api, secretariat, CODES);
  expect(
    (
      await api.call('POST', '/api/cus', {
        token: secretariat,
        body: {
          id: CU,
          title: 'Borgere med svære spiseforstyrrelser',
          targetGroup: 'Borgere',
          issuedOn: today,
          nationalDeadline: national,
        },
      })
    ).status,
  ).toBe(201);
  expect((await api.call('POST', `/api/cus/${CU}/launch`, { token: secretariat, body: { municipalities: CODES, deadline } })).status).toBe(
    200,
  );
  await smtp.waitFor(() => mailsOf('invitation').length === CODES.length);
  const odense = tokenFromMail(mailsOf('invitation', contactOf('0461'))[0]!);
  expect(
    (await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, { token: odense, body: { values: answerFor('0461') } }))
      .status,
  ).toBe(200);
});

const status = async () => (await api.call('GET', `/api/cus/${CU}`, { token: secretariat })).body;

test('bad input to the round-wide commands is refused with the field and the reason, and changes nothing', async () => {
  const before = await status();
  const cases: [string, string, unknown, number, string][] = [
    ['POST', 'extend-round', { deadline: addDays(deadline, 10) }, 400, 'reason'],
    ['POST', 'extend-round', { deadline: '2026-02-30', reason: 'Ferie' }, 400, 'deadline'],
    ['POST', 'extend-round', { deadline: addDays(deadline, 10), reason: 'Ferie', extra: 1 }, 400, ''],
    ['PUT', 'national-deadline', { nationalDeadline: national }, 400, 'reason'],
  ];
  for (const [method, path, body, code, field] of cases) {
    const answer = await api.call(method, `/api/cus/${CU}/${path}`, { token: secretariat, body });
    expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(code);
    if (field) expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  }
  const refused: [string, string, unknown][] = [
    ['POST', 'extend-round', { deadline: addDays(deadline, -1), reason: 'Tidligere' }], // before the current deadline
    ['POST', 'extend-round', { deadline: addDays(national, 1), reason: 'For sent' }], // after the national deadline
    ['PUT', 'national-deadline', { nationalDeadline: addDays(deadline, -1), reason: 'Før kommunernes' }],
  ];
  for (const [method, path, body] of refused) {
    const answer = await api.call(method, `/api/cus/${CU}/${path}`, { token: secretariat, body });
    expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(409);
    expect(answer.body.detail).toMatch(/frist/);
  }
  expect(await status()).toEqual(before);
});

test('the national deadline moves with a reason, as a new version of the CU', async () => {
  const later = addDays(national, 30);
  const moved = await api.call('PUT', `/api/cus/${CU}/national-deadline`, {
    token: secretariat,
    body: { nationalDeadline: later, reason: 'Styrelsen har udsat fristen' },
  });
  expect(moved.status).toBe(200);
  expect(moved.body.event.kind).toBe('national_deadline_moved');
  const state = await status();
  expect(state.cu.nationalDeadline).toBe(later);
  expect(state.version).toBe(2);
  expect(state.round.cuVersion).toBe(1); // the round keeps the version it asked
});

test('the whole round is extended at once: those still owing an answer move and are told, the one that answered does not', async () => {
  const extended = addDays(deadline, 21);
  const answer = await api.call('POST', `/api/cus/${CU}/extend-round`, {
    token: secretariat,
    body: { deadline: extended, reason: 'Sommerferie' },
    headers: { 'idempotency-key': `extend-${CU}` },
  });
  expect(answer.status).toBe(200);
  const again = await api.call('POST', `/api/cus/${CU}/extend-round`, {
    token: secretariat,
    body: { deadline: extended, reason: 'Sommerferie' },
    headers: { 'idempotency-key': `extend-${CU}` },
  });
  expect(again.body).toEqual(answer.body);
  const state = await eventually(
    status,
    (s) => s.municipalities['0410'].deadline === extended && s.municipalities['0420'].deadline === extended,
  );
  expect(state.round.deadline).toBe(extended);
  expect(state.municipalities['0461'].deadline).toBe(deadline);
  await smtp.waitFor(() => mailsOf('deadline_extended').length === 2);
  expect(mailsOf('deadline_extended', contactOf('0461'))).toHaveLength(0);
  expect(mailsOf('deadline_extended', contactOf('0410'))).toHaveLength(1);
});

test("a municipality's contact replaced mid-round: the new one is invited, the old one's link stops working here", async () => {
  const old = tokenFromMail(mailsOf('invitation', contactOf('0410'))[0]!);
  expect((await api.call('GET', `/api/cus/${CU}/municipalities/0410`, { token: old })).status).toBe(200);
  const bad = await api.call('PUT', `/api/cus/${CU}/municipalities/0410/contacts`, {
    token: secretariat,
    body: { contacts: [{ name: 'Nina Ny', email: 'ikke-en-adresse' }], directorEmail: 'direktor-0410@kommune.test' },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['contacts.0.email']);

  const changed = await api.call('PUT', `/api/cus/${CU}/municipalities/0410/contacts`, {
    token: secretariat,
    body: { contacts: [{ name: 'Nina Ny', email: 'Nina.Ny@middelfart.test' }], directorEmail: 'direktor-0410@kommune.test' },
  });
  expect(changed.status).toBe(200);
  // At once, on any API instance: the removed contact's link submits nothing (issue 22: it did for 3 s).
  const late = await api.call('POST', `/api/cus/${CU}/municipalities/0410/submission`, { token: old, body: { values: answerFor('0410') } });
  expect(late.status).toBe(401);
  expect((await api.call('GET', `/api/cus/${CU}/municipalities/0410`, { token: old })).status).toBe(401);
  expect((await status()).municipalities['0410'].answer).toBeUndefined();
  await smtp.waitFor(() => mailsOf('invitation', 'Nina.Ny@middelfart.test').length === 1);
  expect(mailsOf('invitation', contactOf('0410'))).toHaveLength(1); // the old contact got nothing new
  const fresh = tokenFromMail(mailsOf('invitation', 'Nina.Ny@middelfart.test')[0]!);
  expect((await api.call('GET', `/api/cus/${CU}/municipalities/0410`, { token: fresh })).status).toBe(200);
  expect((await status()).round.contacts['0410'].contacts).toEqual([{ name: 'Nina Ny', email: 'Nina.Ny@middelfart.test' }]);
  const odense = tokenFromMail(mailsOf('invitation', contactOf('0461'))[0]!);
  expect((await api.call('GET', `/api/cus/${CU}/municipalities/0461`, { token: odense })).status).toBe(200);
});

test('the invitation and a reminder sent again by hand, to the current contacts only, and recorded', async () => {
  const invitations = mailsOf('invitation', contactOf('0420')).length;
  expect(
    (await api.call('POST', `/api/cus/${CU}/municipalities/0420/resend`, { token: secretariat, body: { what: 'postkort' } })).status,
  ).toBe(400);
  expect(
    (
      await api.call('POST', `/api/cus/${CU}/municipalities/0420/resend`, {
        token: secretariat,
        body: { what: 'invitation' },
        headers: { 'idempotency-key': `resend-${CU}-1` },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await api.call('POST', `/api/cus/${CU}/municipalities/0420/resend`, {
        token: secretariat,
        body: { what: 'invitation' },
        headers: { 'idempotency-key': `resend-${CU}-1` },
      })
    ).status,
  ).toBe(200);
  expect(
    (await api.call('POST', `/api/cus/${CU}/municipalities/0420/resend`, { token: secretariat, body: { what: 'reminder' } })).status,
  ).toBe(200);
  await smtp.waitFor(
    () => mailsOf('invitation', contactOf('0420')).length === invitations + 1 && mailsOf('reminder', contactOf('0420')).length === 1,
  );
  expect(mailsOf('reminder', contactOf('0420'))[0]!.subject).toMatch(/Påmindelse/);
  const resent = (await api.call('GET', `/api/cus/${CU}/audit?municipalityCode=0420&kind=mail_resent`, { token: secretariat })).body as {
    note: string;
  }[];
  expect(resent.map((e) => e.note)).toEqual(['Invitationen', 'En påmindelse']);
});

test('the audit trail names who did each change, filtered by person, municipality and kind, and exported to Excel', async () => {
  const all = (await api.call('GET', `/api/cus/${CU}/audit`, { token: secretariat })).body as {
    kind: string;
    by: { name: string; personId?: string };
    municipalityCode?: string;
    note?: string;
  }[];
  const admin = all.find((e) => e.kind === 'round_extended')!.by;
  expect(admin.name).toBe('Lokal administrator (nødadgang)');
  expect(all.filter((e) => e.kind === 'round_extended')).toHaveLength(1);
  expect(all.find((e) => e.kind === 'national_deadline_moved')?.note).toMatch(/Styrelsen har udsat fristen/);
  const swap = all.find((e) => e.kind === 'contacts_changed')!;
  expect(swap).toMatchObject({ municipalityCode: '0410', by: { personId: admin.personId } });
  expect(swap.note).toMatch(/Nina Ny <Nina\.Ny@middelfart\.test>; fjernet: kontakt-0410@kommune\.test/);
  const extensions = all.filter((e) => e.kind === 'deadline_extended');
  expect(extensions.map((e) => e.municipalityCode).sort()).toEqual(['0410', '0420']);
  expect(extensions.every((e) => e.by.personId === admin.personId && /Hele indberetningen: Sommerferie/.test(e.note ?? ''))).toBe(true);

  const byAdmin = (await api.call('GET', `/api/cus/${CU}/audit?person=${admin.personId}`, { token: secretariat })).body as {
    by: { personId?: string };
  }[];
  expect(byAdmin.length).toBeGreaterThan(3);
  expect(byAdmin.every((e) => e.by.personId === admin.personId)).toBe(true);
  const odense = (await api.call('GET', `/api/cus/${CU}/audit?municipalityCode=0461&kind=submitted`, { token: secretariat })).body as {
    by: { name: string };
  }[];
  expect(odense).toHaveLength(1);
  expect(odense[0]!.by.name).toBe('Kontakt 0461');
  expect((await api.call('GET', `/api/cus/${CU}/audit?person=nogen`, { token: secretariat })).status).toBe(400);

  const xlsx = await fetch(`${api.url}/api/cus/${CU}/audit.xlsx?kind=deadline_extended`, {
    headers: { authorization: `Bearer ${secretariat}` },
  });
  expect(xlsx.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsx.arrayBuffer());
  const rows = workbook.getWorksheet('Revisionsspor')!.getSheetValues().slice(2) as unknown[][];
  expect(rows).toHaveLength(2);
  expect(rows.every((r) => r.includes('Frist forlænget') && r.includes('Lokal administrator (nødadgang)'))).toBe(true);
});

test('a closed municipality re-opened before the report is approved (while drafted, and from FU): it answers late on its own link, and the report is made again', async () => {
  expect((await api.call('POST', `/api/cus/${CU}/close-reporting`, { token: secretariat, body: {} })).status).toBe(200);
  const drafting = await eventually(status, (s) => s.phase === 'drafting');
  expect(drafting.municipalities['0420'].status).toBe('not_submitted');
  const edition = drafting.report.edition;
  expect(drafting.report.notAnswered.map((m: { code: string }) => m.code)).toContain('0420');

  const bad = await api.call('POST', `/api/cus/${CU}/municipalities/0420/reopen`, {
    token: secretariat,
    body: { deadline: addDays(today, 7) },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
  expect(
    (
      await api.call('POST', `/api/cus/${CU}/municipalities/0420/reopen`, {
        token: secretariat,
        body: { deadline: today, reason: 'Sent svar' },
      })
    ).status,
  ).toBe(409);
  const reopened = await api.call('POST', `/api/cus/${CU}/municipalities/0420/reopen`, {
    token: secretariat,
    body: { deadline: addDays(today, 7), reason: 'Assens har fundet tallene' },
  });
  expect(reopened.status).toBe(200);
  expect(
    (
      await api.call('POST', `/api/cus/${CU}/municipalities/0420/reopen`, {
        token: secretariat,
        body: { deadline: addDays(today, 7), reason: 'Igen' },
      })
    ).status,
  ).toBe(409);
  await smtp.waitFor(() => mailsOf('reopened', contactOf('0420')).length === 1);
  expect(mailsOf('reopened', contactOf('0420'))[0]!.text).toContain('Assens har fundet tallene');

  // Not onwards while it is open: the report would miss its answer.
  const early = await api.call('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} });
  expect(early.status).toBe(409);
  expect(early.body.detail).toMatch(/genåbnede kommuner \(0420\)/);

  const assens = tokenFromMail(mailsOf('invitation', contactOf('0420'))[0]!); // the link from the first invitation still works
  await eventually(
    () => api.call('GET', `/api/cus/${CU}/municipalities/0420`, { token: assens }),
    (r) => r.status === 200 && r.body.status === 'invited' && !r.body.closed,
  );
  expect(
    (await api.call('POST', `/api/cus/${CU}/municipalities/0420/submission`, { token: assens, body: { values: answerFor('0420') } }))
      .status,
  ).toBe(200);

  const again = await eventually(status, (s) => s.report.edition > edition && s.municipalities['0420'].closed);
  expect(again.municipalities['0420'].status).toBe('submitted');
  expect(again.report.notAnswered.map((m: { code: string }) => m.code)).not.toContain('0420');
  expect((await api.call('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} })).status).toBe(200);
  const trail = (await api.call('GET', `/api/cus/${CU}/audit?municipalityCode=0420`, { token: secretariat })).body as {
    kind: string;
    note?: string;
  }[];
  expect(trail.map((e) => e.kind)).toEqual(expect.arrayContaining(['municipality_reopened', 'submitted']));

  // Before the report is approved, a correction still comes in: the draft comes back from FU, where it
  // waits, and the chain starts over once the corrected answer is in the report.
  expect((await status()).phase).toBe('fu');
  const atStep = await api.call('POST', `/api/cus/${CU}/municipalities/0420/reopen`, {
    token: secretariat,
    body: { deadline: addDays(today, 7), reason: 'Assens retter antallet' },
  });
  expect(atStep.status).toBe(200);
  const back = await status();
  expect(back.phase).toBe('drafting');
  expect(
    back.events.find(
      (e: { kind: string; note?: string }) => e.kind === 'phase:drafting' && e.note?.startsWith('Trukket tilbage fra Forretningsudvalget'),
    ),
  ).toBeDefined();
  await smtp.waitFor(() => mailsOf('reopened', contactOf('0420')).length === 2);
  await eventually(
    () => api.call('GET', `/api/cus/${CU}/municipalities/0420`, { token: assens }),
    (r) => r.status === 200 && r.body.status === 'revision_requested' && !r.body.closed,
  );
  expect(
    (await api.call('POST', `/api/cus/${CU}/municipalities/0420/submission`, { token: assens, body: { values: answerFor('0420') } }))
      .status,
  ).toBe(200);
  const corrected = await eventually(status, (s) => s.report.edition > again.report.edition && s.municipalities['0420'].closed);
  expect(corrected.municipalities['0420'].answer.version).toBe(2);
  await eventually(
    () => api.call('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} }),
    (r) => r.status === 200,
  );
  expect((await status()).phase).toBe('fu');
  // Beyond the chain, the approved report is not re-opened.
  expect(
    (await api.call('POST', `/api/cus/${CU}/steps/fu/decision`, { token: secretariat, body: { decision: 'approved', date: today } }))
      .status,
  ).toBe(200);
  expect(
    (await api.call('POST', `/api/cus/${CU}/steps/forum/decision`, { token: secretariat, body: { decision: 'approved' } })).status,
  ).toBe(200);
  expect(
    (await api.call('POST', `/api/cus/${CU}/steps/k22/decision`, { token: secretariat, body: { decision: 'approved', date: today } }))
      .status,
  ).toBe(200);
  expect(
    (
      await api.call('POST', `/api/cus/${CU}/steps/kkr/decision`, {
        token: secretariat,
        body: { decision: 'approved', date: today, councilDeadline: addDays(today, 30) },
      })
    ).status,
  ).toBe(200);
  const late = await api.call('POST', `/api/cus/${CU}/municipalities/0420/reopen`, {
    token: secretariat,
    body: { deadline: addDays(today, 7), reason: 'For sent' },
  });
  expect(late.status).toBe(409);
  await recordHistories(h.client, { 'central-notice-round-changes': cuWorkflowId(CU) });
});

test('a CU registered by mistake is withdrawn: kept in the record, no longer open to any command', async () => {
  const id = `${CU}-fejl`;
  expect(
    (
      await api.call('POST', '/api/cus', {
        token: secretariat,
        body: { id, title: 'Registreret ved en fejl', targetGroup: 'Ingen', issuedOn: today, nationalDeadline: national },
      })
    ).status,
  ).toBe(201);
  expect((await api.call('POST', `/api/cus/${id}/withdraw`, { token: secretariat, body: {} })).status).toBe(400);
  const withdrawn = await api.call('POST', `/api/cus/${id}/withdraw`, {
    token: secretariat,
    body: { reason: 'Dublet af en anden udmelding' },
  });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body).toMatchObject({ phase: 'withdrawn', event: { kind: 'phase:withdrawn' } });
  expect(await h.udmeld.cuHandle(id).result()).toEqual({ cuId: id, outcome: 'withdrawn', reason: 'Dublet af en anden udmelding' });
  expect((await api.call('POST', `/api/cus/${id}/launch`, { token: secretariat, body: { municipalities: CODES, deadline } })).status).toBe(
    409,
  );
  const kept = (await api.call('GET', `/api/cus/${id}`, { token: secretariat })).body;
  expect(kept.phase).toBe('withdrawn');
  expect(kept.events.find((e: { kind: string }) => e.kind === 'cu_withdrawn')).toMatchObject({
    note: 'Dublet af en anden udmelding',
    by: { name: 'Lokal administrator (nødadgang)' },
  });
});

test('a running round cancelled: every municipality is told, their links stop, what happened stays', async () => {
  const id = `${CU}-annulleret`;
  expect(
    (
      await api.call('POST', '/api/cus', {
        token: secretariat,
        body: { id, title: 'Annulleres', targetGroup: 'Borgere', issuedOn: today, nationalDeadline: national },
      })
    ).status,
  ).toBe(201);
  expect(
    (await api.call('POST', `/api/cus/${id}/launch`, { token: secretariat, body: { municipalities: ['0461', '0410'], deadline } })).status,
  ).toBe(200);
  const invited = (code: string, to: string) =>
    smtp.received.filter((m) => m.template === 'invitation' && m.to.includes(to) && m.text.includes(`/kommune/${id}/${code}`));
  await smtp.waitFor(() => invited('0461', contactOf('0461')).length === 1 && invited('0410', contactOf('0410')).length === 1);
  const odense = tokenFromMail(invited('0461', contactOf('0461'))[0]!);
  expect(
    (await api.call('POST', `/api/cus/${id}/municipalities/0461/submission`, { token: odense, body: { values: answerFor('0461') } }))
      .status,
  ).toBe(200);

  const cancelled = await api.call('POST', `/api/cus/${id}/withdraw`, {
    token: secretariat,
    body: { reason: 'Styrelsen har trukket udmeldingen tilbage' },
  });
  expect(cancelled.body).toMatchObject({ phase: 'withdrawn', event: { kind: 'phase:withdrawn' } });
  await smtp.waitFor(() => smtp.received.filter((m) => m.template === 'round_cancelled' && m.subject.includes('Annulleres')).length === 2);
  expect(await h.udmeld.cuHandle(id).result()).toMatchObject({ outcome: 'withdrawn' });
  await eventually(
    () => api.call('GET', `/api/cus/${id}/municipalities/0461`, { token: odense }),
    (r) => r.status === 401,
    10_000,
  );
  const kept = (await api.call('GET', `/api/cus/${id}`, { token: secretariat })).body;
  expect(kept.municipalities['0461']).toMatchObject({ status: 'submitted', closed: true });
  expect(kept.municipalities['0410']).toMatchObject({ status: 'invited', closed: true });
  expect(kept.municipalities['0461'].answer.version).toBe(1);
});
