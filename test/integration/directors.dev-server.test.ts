// Directors see protected figures only: every route and page a directors' token may reach, and the
// e-mails they get, are walked with a round where every count is small, and none shows a count from
// 1 to the threshold (or a municipality's raw answer).
import mammoth from 'mammoth';
import { beforeAll, expect, test } from 'vitest';
import { routeTable } from '../../server/app';
import { municipality } from '../../domain/municipalities';
import { addDays, copenhagenDate } from '../../domain/time';
import { tokenFromMail } from '../support/api';
import { signInSecretariat, putContacts } from '../support/api';
import { answerFor, contactOf } from '../../fixtures/round';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `direktoer-${Date.now().toString(36)}`;
/** Every count small: a citizen count and a number of places per municipality. */
const SMALL: Record<string, number> = { '0461': 2, '0410': 3, '0420': 1, '0430': 4 };
const today = copenhagenDate(Date.now());
let director: string;

const { h, smtp, api } = useSystem({ smtp: true, api: true });

beforeAll(async () => {
  const secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  await putContacts(api, secretariat, Object.keys(SMALL));
  await api.call('POST', '/api/cus', {
    token: secretariat,
    body: {
      id: CU,
      title: 'Borgere med svære spiseforstyrrelser',
      targetGroup: 'Borgere med svære spiseforstyrrelser',
      issuedOn: today,
      nationalDeadline: addDays(today, 200),
    },
  });
  await api.call('POST', `/api/cus/${CU}/launch`, {
    token: secretariat,
    body: { municipalities: Object.keys(SMALL), deadline: addDays(today, 40), approvalChain: ['forum', 'kkr'] },
  });
  for (const [code, n] of Object.entries(SMALL)) {
    await smtp.waitFor((m) => m.some((x) => x.template === 'invitation' && x.to.includes(contactOf(code))));
    const token = tokenFromMail(smtp.received.find((x) => x.template === 'invitation' && x.to.includes(contactOf(code)))!);
    const values = {
      ...answerFor(code),
      antal: n,
      tilbud: [{ offer: `Eget tilbud i ${municipality(code).name}`, provider: 'egen_kommune', legalBasis: 'SEL § 107', places: n }],
    };
    expect((await api.call('POST', `/api/cus/${CU}/municipalities/${code}/submission`, { token, body: { values } })).status).toBe(200);
  }
  await eventually(
    () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
    (r) => r.body.phase === 'drafting',
  );
  await api.call('POST', '/api/people', { token: secretariat, body: { name: 'Dorte Direktør', email: 'dorte@forum.test' } });
  await api.call('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} });
  await smtp.waitFor((m) => m.some((x) => x.template === 'forum_review'));
  director = tokenFromMail(smtp.received.find((x) => x.template === 'forum_review')!);
}, 120_000);

/** Fails when the text shows a small count: beside its municipality's name, or keyed by its code. */
function expectProtected(text: string, where: string) {
  expect(text, where).not.toMatch(/"values"\s*:/);
  expect(text, where).not.toMatch(/"\d{4}"\s*:\s*[1-4](?![\d-])/);
  expect(text, where).not.toMatch(/"(antal|places)"\s*:\s*[1-4](?![\d-])/);
  for (const [code, n] of Object.entries(SMALL)) {
    const name = municipality(code).name;
    expect(text, `${where}: ${name}`).not.toMatch(new RegExp(`${name}"?[\\s,:]*"?${n}(?![\\d.,-])`));
  }
}

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' ');

test('every route a director may call, every directors’ page and e-mail: protected figures only', async () => {
  const table = routeTable({ udmeld: h.udmeld, config: h.config }).filter(
    (r) => r.method === 'get' && r.roles !== 'public' && r.roles.includes('director'),
  );
  expect(table.length).toBeGreaterThanOrEqual(5);
  for (const route of table) {
    // A route that needs a query gets one a director would send (the search: words in the answers).
    const path = route.path.replace(':cuId', CU) + (route.path === '/api/search' ? '?q=borgere%20kommune' : '');
    const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${director}` } });
    expect(response.status, path).toBe(200);
    const type = response.headers.get('content-type') ?? '';
    const body = Buffer.from(await response.arrayBuffer());
    const text = type.includes('wordprocessingml')
      ? (await mammoth.extractRawText({ buffer: body })).value
      : type.includes('html')
        ? plain(body.toString())
        : body.toString();
    expectProtected(text, path);
  }
  for (const page of ['/oversigt', `/oversigt/cu/${CU}`]) {
    const response = await fetch(`${api.url}${page}`, { headers: { cookie: `udmeld_adgang=${director}` } });
    expect(response.status, page).toBe(200);
    expectProtected(plain(await response.text()), page);
  }
  for (const mail of smtp.received.filter((m) => m.to.includes(h.config.addresses.forum) || m.to.includes('forum@test.dk'))) {
    expectProtected(`${mail.subject}\n${mail.text}\n${plain(mail.html)}`, `e-mail ${mail.template}`);
  }
  // The secretariat still sees exact figures.
  const exact = await api.call('GET', `/api/cus/${CU}`, { token: await signInSecretariat(api, TEST_CREDENTIAL) });
  expect(exact.body.report.numbers[0].perMunicipality['0461']).toBe(2);
});
