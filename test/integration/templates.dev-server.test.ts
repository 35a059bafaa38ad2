// Templates in the record, through the API: the built-in four, a new one, versions made by saving
// (the same content again makes none), a round started from an older version that keeps what it
// was made from, bad input refused with nothing stored, and an edit of the round that keeps its process.
import { beforeAll, expect, test } from 'vitest';
import { BLANK_QUESTIONNAIRE, TARIFF_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { addDays, copenhagenDate } from '../../domain/time';
import { signInSecretariat } from '../support/api';
import { AS_SECRETARIAT } from '../../fixtures/round';
import { TEST_CREDENTIAL } from '../support/temporal';
import { useSystem } from '../support/system';

const ID = `tilsyn-${Date.now().toString(36)}`;
const today = copenhagenDate(Date.now());
let secretariat: string;

const { h, api } = useSystem({ api: true });

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
});

const body = (name: string, questionnaire = BLANK_QUESTIONNAIRE) => ({
  name,
  description: 'Halvårlig opfølgning på tilsyn',
  questionnaire,
  process: { approvalChain: ['forum'], councils: false, submitTo: 'none' },
});

test('the built-in templates are there, each as version 1, with their process', async () => {
  const list = await api.call('GET', '/api/templates', { token: secretariat });
  expect(list.status).toBe(200);
  const builtin = (list.body as { id: string; builtin: boolean; version: number }[]).filter((t) => t.builtin);
  expect(builtin.map((t) => [t.id, t.version])).toEqual([
    ['central-udmelding', 1],
    ['belaegning', 1],
    ['takstindberetning', 1],
    ['tom', 1],
  ]);
  const tariff = await api.call('GET', '/api/templates/takstindberetning', { token: secretariat });
  expect(tariff.body).toMatchObject({ questionnaire: TARIFF_QUESTIONNAIRE, process: { councils: false, submitTo: 'none' } });
  expect((await api.call('GET', '/api/templates/findes-ikke', { token: secretariat })).status).toBe(404);
});

test('saving makes a version when the content changed, and none when it did not; a round keeps the version it came from', async () => {
  const created = await api.call('POST', '/api/templates', { token: secretariat, body: { id: ID, ...body('Tilsyn') } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body).toMatchObject({ id: ID, version: 1, builtin: false, updatedBy: expect.any(String) });
  expect((await api.call('POST', '/api/templates', { token: secretariat, body: { id: ID, ...body('Igen') } })).status).toBe(409);

  const cuV1 = `${ID}-runde-1`;
  const registered = await api.call('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: cuV1,
      title: 'Tilsyn 1. halvår',
      targetGroup: 'Tilbud',
      issuedOn: today,
      nationalDeadline: addDays(today, 90),
      template: { id: ID },
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  expect(registered.body.cu.template).toEqual({ id: ID, version: 1 });

  const changed = body('Tilsyn (halvårlig)', TARIFF_QUESTIONNAIRE);
  const saved = await api.call('PUT', `/api/templates/${ID}`, { token: secretariat, body: changed });
  expect(saved.status).toBe(200);
  expect(saved.body.version).toBe(2);
  const again = await api.call('PUT', `/api/templates/${ID}`, { token: secretariat, body: changed });
  expect(again.body.version).toBe(2);
  expect(again.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  expect((await api.call('GET', `/api/templates/${ID}?version=1`, { token: secretariat })).body.questionnaire).toEqual(BLANK_QUESTIONNAIRE);

  // The round made from version 1 still asks version 1's questionnaire; a new round asks version 2's.
  expect((await api.call('GET', `/api/cus/${cuV1}`, { token: secretariat })).body.cu.questionnaire).toEqual(BLANK_QUESTIONNAIRE);
  const cuV2 = await api.call('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: `${ID}-runde-2`,
      title: 'Tilsyn 2. halvår',
      targetGroup: 'Tilbud',
      issuedOn: today,
      nationalDeadline: addDays(today, 90),
      template: { id: ID },
    },
  });
  expect(cuV2.body.cu).toMatchObject({ template: { id: ID, version: 2 }, questionnaire: TARIFF_QUESTIONNAIRE });

  // An edit that names no process keeps the round's own.
  const edit = await api.call('PUT', `/api/cus/${cuV1}`, {
    token: secretariat,
    body: { id: cuV1, title: 'Tilsyn, første halvår', targetGroup: 'Tilbud', issuedOn: today, nationalDeadline: addDays(today, 90) },
  });
  expect(edit.status, JSON.stringify(edit.body)).toBe(200);
  const after = (await api.call('GET', `/api/cus/${cuV1}`, { token: secretariat })).body.cu;
  expect(after).toMatchObject({
    title: 'Tilsyn, første halvår',
    process: { approvalChain: ['forum'], submitTo: 'none' },
    template: { id: ID, version: 1 },
  });
});

test('bad input names its field and stores nothing', async () => {
  const before = await api.call('GET', '/api/templates', { token: secretariat });
  const cases: [unknown, string][] = [
    [{ id: 'Store Bogstaver', ...body('x') }, 'id'],
    [{ id: `${ID}-b`, ...body('') }, 'name'],
    [{ id: `${ID}-b`, ...body('x'), process: { approvalChain: ['forum', 'forum'] } }, 'process.approvalChain'],
    [{ id: `${ID}-b`, ...body('x'), questionnaire: { themes: [] } }, 'questionnaire.themes'],
    [
      {
        id: `${ID}-b`,
        ...body('x'),
        questionnaire: { themes: [{ id: 't', title: 'T', questions: [{ id: 'a', kind: 'computed', label: 'A', expr: { ref: 'b' } }] }] },
      },
      'questionnaire.themes.0.questions.0.expr',
    ],
  ];
  for (const [input, path] of cases) {
    const res = await api.call('POST', '/api/templates', { token: secretariat, body: input });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  }
  const unknown = await api.call('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: `${ID}-ukendt`,
      title: 'Xyz',
      targetGroup: 'X',
      issuedOn: today,
      nationalDeadline: addDays(today, 90),
      template: { id: ID, version: 9 },
    },
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors[0].path).toBe('template.version');
  expect((await api.call('GET', `/api/cus/${ID}-ukendt`, { token: secretariat })).status).toBe(404);
  expect((await api.call('GET', '/api/templates', { token: secretariat })).body).toEqual(before.body);
});

test('the preview takes a file as an upload would, and keeps it nowhere', () => {
  const questionnaire = {
    themes: [{ id: 't', title: 'Bilag', questions: [{ id: 'budget', kind: 'attachment', label: 'Budget', required: true }] }],
  };
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const tried = (files: { questionId: string; name: string; bytes: Buffer }[]) =>
    h.udmeld.tryQuestionnaire({ questionnaire, values: {}, files }, AS_SECRETARIAT);
  expect(tried([]).issues.map((i) => i.path)).toEqual(['values.budget']);
  expect(tried([{ questionId: 'budget', name: 'x.pdf', bytes: Buffer.from('MZ') }]).issues).toEqual([
    { path: 'values.budget', message: 'Kun PDF, Word (DOCX) og Excel (XLSX): filens indhold er ingen af dem' },
  ]);
  const ok = tried([{ questionId: 'budget', name: 'budget.pdf', bytes: pdf }]);
  expect(ok.issues).toEqual([]);
  expect(ok.values.budget).toMatchObject({ name: 'budget.pdf', size: pdf.length, mediaType: 'application/pdf' });
});
