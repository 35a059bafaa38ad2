// The half-yearly occupancy round (seed 001, item 11) through the HTTP API for Syddanmark's 22
// municipalities: each lists its offers whose occupancy deviates from the budget, an offer deviating
// 5 points or more cannot be submitted without its explanation, and the report groups the offers by
// target group, with protected counts; the answers' Excel has the table, computed column included.
// The round is made from the built-in template, and follows its process: the economic working group
// assesses, the forum takes note, and the round ends there (no councils, no submission).
import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { OCCUPANCY_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { municipalitiesOfRegion, SYDDANMARK } from '../../domain/municipalities';
import { addDays, copenhagenDate } from '../../domain/time';
import { putContacts, signInSecretariat } from '../support/api';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `belaegning-${Date.now().toString(36)}`;
/** Syddanmark's 22 municipalities and the region, which runs offers too (the template's process asks it). */
const CODES = [...municipalitiesOfRegion(SYDDANMARK), SYDDANMARK];
const today = copenhagenDate(Date.now());
let secretariat: string;

const { api } = useSystem({ api: true });

const offer = (code: string, i: number, budget: number, actual: number, maalgruppe: string) => ({
  navn: `Tilbud ${i + 1} i ${code}`,
  maalgruppe,
  budget,
  faktisk: actual,
  ...(Math.abs(actual - budget) >= 5
    ? { efterregulering: i % 2 === 0, udfordringer: 'Færre henvisninger end ventet', initiativer: 'Dialog med de visiterende kommuner' }
    : {}),
});
/** Most municipalities one or two offers, a few none; Odense three, in two target groups. */
const answerOf = (code: string) => {
  const n = Number(code) % 3;
  const rows = Array.from({ length: code === '0461' ? 3 : code === SYDDANMARK ? 2 : n }, (_, i) =>
    offer(code, i, 95, i === 1 ? 96.5 : 88.2, i === 2 ? 'psykiatri' : 'handicap'),
  );
  return { tilbud: rows };
};

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  await putContacts(api, secretariat, CODES);
  const registered = await api.call('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: CU,
      title: 'Belægningsprocenter 1. halvår',
      targetGroup: 'Tilbud med afvigende belægning',
      legalBasis: 'Rammeaftalen 2025-2026',
      issuedOn: today,
      nationalDeadline: addDays(today, 120),
      template: { id: 'belaegning' },
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  expect(registered.body.cu).toMatchObject({
    questionnaire: OCCUPANCY_QUESTIONNAIRE,
    process: { approvalChain: ['oeg', 'forum'], councils: false, submitTo: 'none' },
    template: { id: 'belaegning', version: 1 },
  });
  expect((await api.call('POST', `/api/cus/${CU}/launch`, { token: secretariat, body: { deadline: addDays(today, 30) } })).status).toBe(
    200,
  );
  await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
    (r) => Object.keys(r.body.municipalities ?? {}).length === CODES.length,
  );
});

test('an offer deviating 5 points or more is refused without its explanation, naming each missing field', async () => {
  const unexplained = { tilbud: [{ navn: 'Bostedet', maalgruppe: 'handicap', budget: 95, faktisk: 89.5 }] };
  const refused = await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, {
    token: secretariat,
    body: { values: unexplained },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual([
    'values.tilbud.0.efterregulering',
    'values.tilbud.0.udfordringer',
    'values.tilbud.0.initiativer',
  ]);
  // A deviation under 5 points needs none; a draft may leave them out.
  const small = { tilbud: [{ ...unexplained.tilbud[0], faktisk: 91 }] };
  const draft = await api.call('PUT', `/api/cus/${CU}/municipalities/0461/draft`, { token: secretariat, body: { values: unexplained } });
  expect(draft.status).toBe(200);
  expect((await api.call('GET', `/api/cus/${CU}/municipalities/0461`, { token: secretariat })).body.draft.values).toEqual(unexplained);
  const computed = await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, {
    token: secretariat,
    body: { values: { tilbud: [{ ...small.tilbud[0], afvigelse: -4 }] } },
  });
  expect(computed.status).toBe(400);
  expect(computed.body.errors[0].message).toContain('afvigelse');
});

test('every municipality answers; the report groups the offers by target group with protected counts', async () => {
  for (const code of CODES) {
    const res = await api.call('POST', `/api/cus/${CU}/municipalities/${code}/submission`, {
      token: secretariat,
      body: { values: answerOf(code) },
    });
    expect(res.status, `${code}: ${JSON.stringify(res.body)}`).toBe(200);
  }
  const drafted = await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
    (r) => r.body.phase === 'drafting',
    30_000,
  );
  const rows = drafted.body.report.tables[0].rows as { code: string; cells: Record<string, unknown> }[];
  const expected = CODES.reduce((sum, code) => sum + answerOf(code).tilbud.length, 0);
  expect(rows).toHaveLength(expected);
  expect(rows.find((r) => r.code === '0461')!.cells.afvigelse).toBe(-6.8);
  expect(rows.filter((r) => r.code === SYDDANMARK)).toHaveLength(2);

  const html = (
    await fetch(`${api.url}/api/cus/${CU}/report.html?beskyttet=ja`, { headers: { authorization: `Bearer ${secretariat}` } })
  ).text();
  const page = await html;
  const handicap = rows.filter((r) => r.cells.maalgruppe === 'handicap').length;
  expect(handicap).toBeGreaterThan(4);
  expect(page).toContain(`Målgruppe: Voksne med handicap (${handicap} rækker)`);
  // One row for psykiatri (Odense's third offer): a count from 1 to 4 is protected.
  expect(page).toContain('Målgruppe: Voksne med sindslidelse (1-4 rækker)');
  expect(page).toContain('Afvigelse (%-point)');
  expect(page).toContain('−6,8');
  expect(page).toContain('svarene fra kommunerne i Region Syddanmark og regionen selv');
  expect(page).toContain('23 af 23 har indberettet');

  const xlsx = await fetch(`${api.url}/api/cus/${CU}/answers.xlsx`, { headers: { authorization: `Bearer ${secretariat}` } });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsx.arrayBuffer());
  const sheet = workbook.worksheets.find((w) => w.name.startsWith('Tilbud, hvor'))!;
  const values = sheet.getSheetValues().slice(2) as unknown[][];
  expect(values).toHaveLength(expected);
  const odense = values.find((r) => r[1] === '0461' && r[3] === 'Tilbud 1 i 0461')!;
  expect(odense).toContain('Voksne med handicap');
  expect(odense).toContain(-6.8);
  expect(values.filter((r) => r[1] === SYDDANMARK && r[2] === 'Region Syddanmark')).toHaveLength(2);
  const csv = await api.call('GET', `/api/cus/${CU}/answers/tilbud.csv`, { token: secretariat });
  expect(csv.status).toBe(200);
  expect(String(csv.body)).toContain('Afvigelse (%-point)');
});

test('after reporting, the template’s process: the working group, the forum, and the end — no councils, nothing submitted', async () => {
  const send = await api.call('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} });
  expect(send.status, JSON.stringify(send.body)).toBe(200);
  expect(send.body.phase).toBe('oeg');
  const decide = (step: string, body: object) => api.call('POST', `/api/cus/${CU}/steps/${step}/decision`, { token: secretariat, body });
  const wrongStep = await decide('fu', { decision: 'approved', date: today });
  expect(wrongStep.status).toBe(409);
  // The working group's assessment, written while it has the report, is a section of its own.
  const assessment = 'Afvigelserne skyldes primært færre henvisninger; ingen takstmæssige konsekvenser ud over efterreguleringerne.';
  const edited = await api.call('PUT', `/api/cus/${CU}/report/summaries`, {
    token: secretariat,
    body: { summaries: { vurdering: assessment } },
  });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  const report = await fetch(`${api.url}/api/cus/${CU}/report.html`, { headers: { authorization: `Bearer ${secretariat}` } });
  expect(await report.text()).toMatch(new RegExp(`Økonomisk arbejdsgruppes vurdering[\\s\\S]*${assessment.slice(0, 30)}`));
  expect((await decide('oeg', { decision: 'approved', date: today })).body.phase).toBe('forum');
  const noted = await decide('forum', { decision: 'noted' });
  expect(noted.status, JSON.stringify(noted.body)).toBe(200);
  expect(noted.body.phase).toBe('completed');
  const done = await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
    (r) => r.body.phase === 'completed' && r.body.events.some((e: { kind: string }) => e.kind === 'forum_decision'),
  );
  expect(done.body.councils).toEqual({});
  expect(done.body.submission).toBeUndefined();
  expect((await api.call('POST', `/api/cus/${CU}/submit`, { token: secretariat, body: {} })).status).toBe(409);
  // Approved through the chain, the assessment is in the final report, and can no longer be edited.
  expect(
    (await api.call('PUT', `/api/cus/${CU}/report/summaries`, { token: secretariat, body: { summaries: { vurdering: 'Ændret' } } })).status,
  ).toBe(409);
  const final = await (await fetch(`${api.url}/api/cus/${CU}/report.html`, { headers: { authorization: `Bearer ${secretariat}` } })).text();
  expect(final).toContain('Økonomisk arbejdsgruppes vurdering');
  expect(final).not.toContain('UDKAST');
});

test('the next half-year: each respondent sees its answer from last period, copies it in, and the changes are shown', async () => {
  const next = `${CU}-2`;
  const registered = await api.call('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: next,
      title: 'Belægningsprocenter 2. halvår',
      targetGroup: 'Tilbud med afvigende belægning',
      issuedOn: today,
      nationalDeadline: addDays(today, 120),
      template: { id: 'belaegning' },
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  expect((await api.call('POST', `/api/cus/${next}/launch`, { token: secretariat, body: { deadline: addDays(today, 30) } })).status).toBe(
    200,
  );
  await eventually(
    () => api.call('GET', `/api/cus/${next}`, { token: secretariat }),
    (r) => Object.keys(r.body.municipalities ?? {}).length === CODES.length,
  );

  const page = await api.call('GET', `/api/cus/${next}/municipalities/0461`, { token: secretariat });
  expect(page.body.previous).toMatchObject({ cuId: CU, cuTitle: 'Belægningsprocenter 1. halvår', values: answerOf('0461') });
  const copied = await api.call('POST', `/api/cus/${next}/municipalities/0461/draft/from-last-period`, { token: secretariat });
  expect(copied.status, JSON.stringify(copied.body)).toBe(200);
  const draft = (await api.call('GET', `/api/cus/${next}/municipalities/0461`, { token: secretariat })).body.draft;
  expect(draft.values).toEqual(answerOf('0461'));
  expect((await api.call('GET', `/api/cus/${next}/municipalities/0461/changes`, { token: secretariat })).body).toMatchObject({
    compared: 'draft',
    changes: [],
  });

  // This half-year: the first offer has recovered, the third is new; the second is gone.
  const [first, , third] = answerOf('0461').tilbud;
  const now = {
    tilbud: [
      { ...first!, faktisk: 93 },
      { ...third!, navn: 'Nyt botilbud' },
    ],
  };
  const submitted = await api.call('POST', `/api/cus/${next}/municipalities/0461/submission`, {
    token: secretariat,
    body: { values: now },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const { body } = await api.call('GET', `/api/cus/${next}/municipalities/0461/changes`, { token: secretariat });
  expect(body.compared).toBe('answer');
  expect(body.changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        row: 'Tilbud 1 i 0461',
        column: 'Faktisk belægning (%)',
        change: 'changed',
        before: '88,2',
        after: '93,0',
      }),
      expect.objectContaining({ row: 'Nyt botilbud', change: 'added' }),
      expect.objectContaining({ row: 'Tilbud 2 i 0461', change: 'removed' }),
      expect.objectContaining({ row: 'Tilbud 3 i 0461', change: 'removed' }),
    ]),
  );
  // The region is a respondent like the others: its own last answer.
  const region = await api.call('GET', `/api/cus/${next}/municipalities/${SYDDANMARK}`, { token: secretariat });
  expect(region.body.previous.values).toEqual(answerOf(SYDDANMARK));
  // A CU of another template has no last period.
  expect((await api.call('POST', `/api/cus/${next}/municipalities/0410/draft/from-last-period`, { token: secretariat })).status).toBe(200);
});
