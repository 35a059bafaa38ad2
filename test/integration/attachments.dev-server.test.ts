// Attachments through the API: a PDF, a Word and an Excel file are taken, each kept under its hash
// and given back byte for byte; a file is typed by its content, not its name (an executable called
// .pdf, an ordinary ZIP, an empty file are refused; over 20 MB is 413); an answer may name only a
// file its own respondent uploaded; the report and the answers' Excel name the files.
import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { TARIFF_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { addDays, copenhagenDate } from '../../domain/time';
import { putContacts, signInSecretariat } from '../support/api';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `takster-${Date.now().toString(36)}`;
const CODES = ['0461', '0410'];
const today = copenhagenDate(Date.now());
let secretariat: string;
const { api } = useSystem({ api: true });

const questionnaire = {
  themes: [
    ...TARIFF_QUESTIONNAIRE.themes,
    { id: 'bilag', title: 'Bilag', questions: [{ id: 'budget', kind: 'attachment', label: 'Budget for tilbuddene', required: true }] },
  ],
};
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function upload(code: string, bytes: Buffer, name: string, contentType = 'application/octet-stream') {
  const response = await fetch(
    `${api.url}/api/cus/${CU}/municipalities/${code}/attachments?question=budget&name=${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${secretariat}`, 'content-type': contentType },
      body: new Uint8Array(bytes),
    },
  );
  return { status: response.status, body: (await response.json()) as any };
}

const tariffs = {
  tilbud: [{ navn: 'Bostedet', paragraf: 'SEL § 108', forrige: 2000, ny: 2050, belaegning: 95, overhead: 7 }],
  egenbetaling_aendret: false,
};

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  await putContacts(api, secretariat, CODES);
  const registered = await api.call('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: CU,
      title: 'Takstindberetning 2027',
      targetGroup: 'Tilbud',
      issuedOn: today,
      nationalDeadline: addDays(today, 90),
      template: { id: 'takstindberetning' },
      questionnaire,
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  expect(
    (await api.call('POST', `/api/cus/${CU}/launch`, { token: secretariat, body: { municipalities: CODES, deadline: addDays(today, 30) } }))
      .status,
  ).toBe(200);
  await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
    (r) => Object.keys(r.body.municipalities ?? {}).length === CODES.length,
  );
});

test('PDF, Word and Excel files are kept under their hash and given back as they were', async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Budget').addRow(['Tilbud', 'Takst']);
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Budgetnotat')] }] }));
  for (const [bytes, name, mediaType] of [
    [pdf, 'budget æøå.pdf', 'application/pdf'],
    [docx, 'notat.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [xlsx, 'budget.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const) {
    const res = await upload('0461', bytes, name);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ ref: createHash('sha256').update(bytes).digest('hex'), name, size: bytes.length, mediaType });
    const back = await fetch(`${api.url}/api/cus/${CU}/municipalities/0461/attachments/${res.body.ref}`, {
      headers: { authorization: `Bearer ${secretariat}` },
    });
    expect(back.headers.get('content-type')).toContain(mediaType);
    expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
  }
});

test('a file is typed by its content: an executable named .pdf, a plain ZIP and an empty file are refused; over 20 MB is too large', async () => {
  const exe = await upload('0461', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1000)]), 'budget.pdf', 'application/pdf');
  expect(exe.status).toBe(400);
  expect(exe.body.errors).toEqual([{ path: 'file', message: 'Kun PDF, Word (DOCX) og Excel (XLSX): filens indhold er ingen af dem' }]);
  const zip = await upload('0461', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('noget.txt'), Buffer.alloc(100)]), 'a.docx');
  expect(zip.status).toBe(400);
  expect((await upload('0461', Buffer.alloc(0), 'tom.pdf')).status).toBe(400);
  expect((await upload('0461', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]), 'stor.pdf')).status).toBe(413);
  const wrongQuestion = await fetch(`${api.url}/api/cus/${CU}/municipalities/0461/attachments?question=tilbud&name=a.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretariat}`, 'content-type': 'application/pdf' },
    body: new Uint8Array(pdf),
  });
  expect(wrongQuestion.status).toBe(400);
  expect((await api.call('GET', `/api/cus/${CU}/municipalities/0461/attachments/${'0'.repeat(64)}`, { token: secretariat })).status).toBe(
    404,
  );
});

test('the answer in Excel: the workbook in the questionnaire’s layout, filled in and read back as the draft', async () => {
  const get = await fetch(`${api.url}/api/cus/${CU}/municipalities/0461/answer.xlsx`, {
    headers: { authorization: `Bearer ${secretariat}` },
  });
  expect(get.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await get.arrayBuffer());
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Svar', 'Tilbud og takster']);
  const [answers, table] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
  expect(table.getRow(1).values).toEqual([
    undefined,
    'Tilbud',
    'Paragraf',
    'Takst i år (kr. pr. døgn)',
    'Takst næste år (kr. pr. døgn)',
    'Budgetteret belægning (%)',
    'Overhead (%)',
    'Forklaring på ændringen',
  ]);
  const row = answers.getColumn(1).values.indexOf('egenbetaling_aendret');
  answers.getCell(row, 3).value = 'Nej';
  table.addRow(['Bostedet', 'SEL § 108', 2000, '2.100,50', 95, 7, 'Ny normering']);
  table.addRow(['Skovhuset', 'SEL § 107', 1500, 'mange', 90, 5]);
  const send = async (bytes: ArrayBuffer | Buffer) =>
    fetch(`${api.url}/api/cus/${CU}/municipalities/0461/draft/xlsx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretariat}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    });
  const wrong = await send(await workbook.xlsx.writeBuffer());
  expect(wrong.status).toBe(400);
  expect(((await wrong.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['values.tilbud.1.ny']);
  expect((await api.call('GET', `/api/cus/${CU}/municipalities/0461`, { token: secretariat })).body.draft).toBeUndefined();
  table.getCell(3, 4).value = 1575;
  expect((await send(await workbook.xlsx.writeBuffer())).status).toBe(200);
  const draft = (await api.call('GET', `/api/cus/${CU}/municipalities/0461`, { token: secretariat })).body.draft.values;
  expect(draft).toEqual({
    egenbetaling_aendret: false,
    tilbud: [
      { navn: 'Bostedet', paragraf: 'SEL § 108', forrige: 2000, ny: 2100.5, belaegning: 95, overhead: 7, forklaring: 'Ny normering' },
      { navn: 'Skovhuset', paragraf: 'SEL § 107', forrige: 1500, ny: 1575, belaegning: 90, overhead: 5 },
    ],
  });
  expect((await send(pdf)).status).toBe(400);
});

test('an answer names only its own file; the report and the answers’ Excel name it', async () => {
  const own = (await upload('0461', pdf, 'budget.pdf')).body;
  const refused = await api.call('POST', `/api/cus/${CU}/municipalities/0410/submission`, {
    token: secretariat,
    body: { values: { ...tariffs, budget: own } },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual([{ path: 'values.budget', message: 'Filen er ikke uploadet til denne besvarelse' }]);
  const missing = await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, {
    token: secretariat,
    body: { values: tariffs },
  });
  expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['values.budget']);
  for (const code of CODES) {
    const file = code === '0461' ? own : (await upload(code, Buffer.concat([pdf, Buffer.from(code)]), `budget-${code}.pdf`)).body;
    const res = await api.call('POST', `/api/cus/${CU}/municipalities/${code}/submission`, {
      token: secretariat,
      body: { values: { ...tariffs, budget: file } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const drafted = await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
    (r) => r.body.phase === 'drafting',
    30_000,
  );
  expect(drafted.body.report.files).toEqual([
    {
      questionId: 'budget',
      entries: [
        { code: '0410', name: 'Middelfart', file: expect.objectContaining({ name: 'budget-0410.pdf' }) },
        { code: '0461', name: 'Odense', file: own },
      ],
    },
  ]);
  const report = await (
    await fetch(`${api.url}/api/cus/${CU}/report.html`, { headers: { authorization: `Bearer ${secretariat}` } })
  ).text();
  expect(report).toContain('2 af 2 har vedhæftet en fil.');
  const xlsx = await fetch(`${api.url}/api/cus/${CU}/answers.xlsx`, { headers: { authorization: `Bearer ${secretariat}` } });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsx.arrayBuffer());
  const cells = workbook.worksheets.flatMap((w) => (w.getSheetValues() as unknown[][]).flat().map(String));
  expect(cells.some((c) => c.startsWith('budget.pdf ('))).toBe(true);
});
