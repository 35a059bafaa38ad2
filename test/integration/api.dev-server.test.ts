// A whole round driven only through the HTTP API with the three roles' tokens, every access rule,
// bad input and idempotent retries, on a real Temporal dev server with a real SMTP server.
import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import { describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../auth/authenticate';
import { signToken } from '../../crypto/tokens';
import { signingKeysOf } from '../../config';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor, contactOf } from '../../fixtures/round';
import { tokenFromMail } from '../support/api';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `api-${Date.now().toString(36)}`;
const CODES = ['0461', '0410', '0420'];
const today = copenhagenDate(Date.now());
let secretariat: string;
const municipal: Record<string, string> = {};
let director: string;

const cuBody = {
  id: CU,
  title: 'Borgere med svære spiseforstyrrelser',
  targetGroup: 'Borgere med svære spiseforstyrrelser',
  issuedOn: today,
  nationalDeadline: addDays(today, 200),
};
const mailsOf = (template: string, to?: string) => smtp.received.filter((m) => m.template === template && (!to || m.to.includes(to)));

const { h, smtp, api } = useSystem({ smtp: true, api: true });

describe('the round through the API', () => {
  test('the local administrator signs in with the break-glass credential, and no other', async () => {
    expect((await api.call('POST', '/api/auth/break-glass', { body: { credential: 'forkert' } })).status).toBe(401);
    const login = await api.call('POST', '/api/auth/break-glass', { body: { credential: TEST_CREDENTIAL } });
    expect(login.status).toBe(200);
    secretariat = login.body.token;
    expect(secretariat).toMatch(/^uds_/);
    expect((await api.call('GET', '/api/me', { token: secretariat })).body).toMatchObject({
      role: 'secretariat',
      via: 'session',
      name: 'Lokal administrator (nødadgang)',
    });
  });

  test('registers contacts and the CU, and launches the round', async () => {
    for (const code of CODES) {
      const put = await api.call('PUT', `/api/contacts/${code}`, {
        token: secretariat,
        body: { contacts: [{ name: `Kontakt ${code}`, email: contactOf(code) }], directorEmail: `direktor-${code}@kommune.test` },
      });
      expect(put.status).toBe(200);
    }
    expect((await api.call('POST', '/api/cus', { token: secretariat, body: cuBody })).status).toBe(201);
    expect((await api.call('POST', '/api/cus', { token: secretariat, body: cuBody })).status).toBe(409);
    const edited = await api.call('PUT', `/api/cus/${CU}`, {
      token: secretariat,
      body: { ...cuBody, title: 'Borgere med svære spiseforstyrrelser (rettet)' },
    });
    expect(edited.status).toBe(200);
    const missing = await api.call('POST', `/api/cus/${CU}/launch`, {
      token: secretariat,
      body: { municipalities: [...CODES, '0430'], deadline: addDays(today, 40) },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'contacts.0430', message: 'Kommunen mangler kontaktpersoner i kontaktregistret' }]);
    const launched = await api.call('POST', `/api/cus/${CU}/launch`, {
      token: secretariat,
      body: { municipalities: CODES, deadline: addDays(today, 40) },
    });
    expect(launched.status).toBe(200);
    expect(launched.body.phase).toBe('reporting');
    await smtp.waitFor(() => mailsOf('invitation').length === 3);
    for (const code of CODES) municipal[code] = tokenFromMail(mailsOf('invitation', contactOf(code))[0]!);
    expect(mailsOf('invitation', contactOf('0461'))[0]!.subject).toContain('(rettet)');
  });

  test('a municipal contact reads the questionnaire, saves a draft and submits, once per idempotency key', async () => {
    const own = await api.call('GET', `/api/cus/${CU}/municipalities/0461`, { token: municipal['0461'] });
    expect(own.status).toBe(200);
    expect(own.body.questionnaire.themes).toHaveLength(4);
    const draft = await api.call('PUT', `/api/cus/${CU}/municipalities/461/draft`, {
      token: municipal['0461'],
      body: { values: { antal: 4 } },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('draft');
    const headers = { 'idempotency-key': 'submit-0461-first-try' };
    const first = await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, {
      token: municipal['0461'],
      body: { values: answerFor('0461') },
      headers,
    });
    const retry = await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, {
      token: municipal['0461'],
      body: { values: answerFor('0461') },
      headers,
    });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body.answer).toEqual(first.body.answer);
    const again = await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, {
      token: municipal['0461'],
      body: { values: answerFor('0461') },
    });
    expect(again.status).toBe(409);
    await smtp.waitFor(() => mailsOf('receipt', contactOf('0461')).length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsOf('receipt', contactOf('0461'))).toHaveLength(1);
  });

  test('a municipal link opens only its own municipality in its own CU', async () => {
    const token = municipal['0461']!;
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0410`, { token })).status).toBe(403);
    expect(
      (await api.call('POST', `/api/cus/${CU}/municipalities/0410/submission`, { token, body: { values: answerFor('0410') } })).status,
    ).toBe(403);
    expect((await api.call('GET', `/api/cus/other-cu/municipalities/0461`, { token })).status).toBe(403);
    expect((await api.call('GET', `/api/cus/${CU}`, { token })).status).toBe(403);
    expect((await api.call('GET', '/api/overview', { token })).status).toBe(403);
    expect((await api.call('POST', `/api/cus/${CU}/municipalities/0461/excuse`, { token, body: { reason: 'x' } })).status).toBe(403);
    expect((await api.call('GET', '/api/contacts', { token })).status).toBe(403);
  });

  test('tampered, expired, foreign-key and revoked tokens get 401', async () => {
    const token = municipal['0410']!;
    const [kid, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${kid}.${Buffer.from(JSON.stringify({ ...claims, m: '0461' })).toString('base64url')}.${signature}`;
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0461`, { token: forged })).status).toBe(401);
    const expired = signToken(signingKeysOf(h.config), { role: 'director', sub: 'p_abcdefgh12' }, -10);
    const expiredResponse = await api.call('GET', '/api/me', { token: expired });
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.body.detail).toBe('Adgangsnøglen er udløbet');
    expect((await api.call('GET', '/api/me', { token: 'abc.def.ghi' })).status).toBe(401);
    expect((await api.call('GET', '/api/me')).status).toBe(401);
    expect((await api.call('GET', `/api/me?adgang=${encodeURIComponent(token)}`)).status).toBe(200);

    const link = await api.call('POST', '/api/links', {
      token: secretariat,
      body: { role: 'municipality', cuId: CU, municipalityCode: '0420' },
    });
    const issued = new URL(link.body.url).searchParams.get('adgang')!;
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0420`, { token: issued })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // revocation covers tokens issued up to this second
    const revoked = await api.call('POST', '/api/links/revoke', {
      token: secretariat,
      body: { cuId: CU, municipalityCode: '0420', reason: 'Ny kontaktperson' },
    });
    expect(revoked.status).toBe(200);
    // At once, though the API had just let the same token in (and remembers whom it belongs to).
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0420`, { token: issued })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100)); // a new link, issued after the revocation's second
    municipal['0420'] = new URL(
      (await api.call('POST', '/api/links', { token: secretariat, body: { role: 'municipality', cuId: CU, municipalityCode: '0420' } }))
        .body.url,
    ).searchParams.get('adgang')!;
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0420`, { token: municipal['0420'] })).status).toBe(200);
  });

  test('the secretariat asks for a revision; the contact resubmits; reporting closes', async () => {
    await api.call('POST', `/api/cus/${CU}/municipalities/0410/submission`, {
      token: municipal['0410'],
      body: { values: answerFor('0410') },
    });
    const revision = await api.call('POST', `/api/cus/${CU}/municipalities/0410/revision`, {
      token: secretariat,
      body: { comment: 'Angiv alderen' },
    });
    expect(revision.status).toBe(200);
    const seen = await api.call('GET', `/api/cus/${CU}/municipalities/0410`, { token: municipal['0410'] });
    expect(seen.body.revision.comment).toBe('Angiv alderen');
    expect(
      (
        await api.call('POST', `/api/cus/${CU}/municipalities/0410/submission`, {
          token: municipal['0410'],
          body: { values: { ...answerFor('0410'), antal: 6 } },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.call('POST', `/api/cus/${CU}/municipalities/0420/submission`, {
          token: municipal['0420'],
          body: { values: answerFor('0420') },
        })
      ).status,
    ).toBe(200);
    await eventually(
      () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
      (r) => r.body.phase === 'drafting',
    );
  });

  test('directors follow the overview, see no contact addresses, and approve once', async () => {
    expect(
      (
        await api.call('PUT', `/api/cus/${CU}/report/summaries`, {
          token: secretariat,
          body: { summaries: { koordinering: 'Fælles netværk' } },
        })
      ).status,
    ).toBe(200);
    for (const member of [
      { name: 'Dorte Direktør', email: 'dorte@forum.test' },
      { name: 'Frank Forum', email: 'frank@forum.test' },
    ]) {
      expect((await api.call('POST', '/api/people', { token: secretariat, body: member })).status).toBe(201);
    }
    // Syddanmark's chain starts with FU: the members are asked, one records FU's decision taken by e-mail.
    const sent = await api.call('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} });
    expect(sent.body.phase).toBe('fu');
    await smtp.waitFor(() => mailsOf('approval_request').length === 2);
    const fuMember = tokenFromMail(mailsOf('approval_request', 'dorte@forum.test')[0]!);
    const tooEarly = await api.call('POST', `/api/cus/${CU}/steps/k22/decision`, {
      token: secretariat,
      body: { decision: 'approved', date: today },
    });
    expect(tooEarly.status).toBe(409);
    expect(
      (await api.call('POST', `/api/cus/${CU}/steps/ukendt/decision`, { token: secretariat, body: { decision: 'approved', date: today } }))
        .status,
    ).toBe(400);
    const noReason = await api.call('POST', `/api/cus/${CU}/steps/fu/decision`, {
      token: fuMember,
      body: { decision: 'returned', date: today },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ path: 'remarks', message: 'Skriv hvorfor rapporten sendes retur' }]);
    const fu = await api.call('POST', `/api/cus/${CU}/steps/fu/decision`, {
      token: fuMember,
      body: { decision: 'approved', date: today, via: 'email', remarks: 'Indstilles til godkendelse' },
    });
    expect(fu.status).toBe(200);
    expect(fu.body.phase).toBe('forum');
    // Each member gets a copy of their own, with a link that names them.
    await smtp.waitFor(() => mailsOf('forum_review').length === 2);
    expect(
      mailsOf('forum_review')
        .map((m) => m.to)
        .sort(),
    ).toEqual([['dorte@forum.test'], ['frank@forum.test']]);
    director = tokenFromMail(mailsOf('forum_review', 'dorte@forum.test')[0]!);
    expect(tokenFromMail(mailsOf('forum_review', 'frank@forum.test')[0]!)).not.toBe(director);

    const overview = await api.call('GET', '/api/overview', { token: director });
    expect(overview.status).toBe(200);
    const mine = overview.body.find((o: { cuId: string }) => o.cuId === CU);
    expect(mine).toMatchObject({ phase: 'forum', reporting: { total: 3, answered: 3 } });
    const detail = await api.call('GET', `/api/cus/${CU}`, { token: director });
    expect(detail.body.round.contacts).toBeUndefined();
    expect(detail.body.report.threshold).toBe(4);
    expect(JSON.stringify(detail.body)).not.toContain('@kommune.test');
    expect((await api.call('POST', '/api/cus', { token: director, body: { ...cuBody, id: `${CU}-x` } })).status).toBe(403);
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0461`, { token: director })).status).toBe(403);

    const headers = { 'idempotency-key': 'forum-approval-1' };
    const approve = () =>
      api.call('POST', `/api/cus/${CU}/steps/forum/decision`, { token: director, body: { decision: 'approved' }, headers });
    expect((await approve()).status).toBe(200);
    expect((await approve()).status).toBe(200);
    const twice = await api.call('POST', `/api/cus/${CU}/steps/forum/decision`, { token: director, body: { decision: 'approved' } });
    expect(twice.status).toBe(409);
    const state = await api.call('GET', `/api/cus/${CU}`, { token: secretariat });
    const forumDecisions = (state.body.stepDecisions as { step: string; by: unknown }[]).filter((d) => d.step === 'forum');
    expect(forumDecisions).toHaveLength(1);
    expect(forumDecisions[0]!.by).toMatchObject({
      role: 'director',
      name: 'Dorte Direktør',
      email: 'dorte@forum.test',
      personId: expect.stringMatching(/^p_/),
    });
  });

  test('the report downloads: protected for directors, exact for the secretariat', async () => {
    const forDirector = await fetch(`${api.url}/api/cus/${CU}/report.docx`, { headers: { authorization: `Bearer ${director}` } });
    expect(forDirector.status).toBe(200);
    expect(forDirector.headers.get('content-disposition')).toBe(`attachment; filename="afrapportering-${CU}.docx"`);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await forDirector.arrayBuffer()) })).value;
    expect(text).toContain('vises antal mellem 1 og 4 som "1-4"');
    expect(text).toMatch(/Middelfart\s*6/);
    const exact = await fetch(`${api.url}/api/cus/${CU}/report.docx`, { headers: { authorization: `Bearer ${secretariat}` } });
    expect((await mammoth.extractRawText({ buffer: Buffer.from(await exact.arrayBuffer()) })).value).not.toContain('vises antal mellem');
    const html = await api.call('GET', `/api/cus/${CU}/report.html`, { token: secretariat });
    expect(html.body).toContain('<html lang="da">');
    const xlsx = await fetch(`${api.url}/api/cus/${CU}/answers.xlsx`, { headers: { authorization: `Bearer ${secretariat}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await api.call('GET', `/api/cus/${CU}/answers.xlsx`, { token: director })).status).toBe(403);
    const csv = await api.call('GET', `/api/cus/${CU}/answers/koordinering.csv`, { token: secretariat });
    expect(csv.body).toContain('0461;Odense;Indsendt');
    expect((await api.call('GET', `/api/cus/${CU}/answers/findes-ikke.csv`, { token: secretariat })).status).toBe(404);
  });

  test('KKR, the councils (a contact records its own council), and submission', async () => {
    const k22 = await api.call('POST', `/api/cus/${CU}/steps/k22/decision`, {
      token: secretariat,
      body: { decision: 'approved', date: today },
    });
    expect(k22.body.phase).toBe('kkr');
    expect(
      (
        await api.call('POST', `/api/cus/${CU}/steps/kkr/decision`, {
          token: secretariat,
          body: { decision: 'approved', date: today, via: 'email', councilDeadline: addDays(today, 30) },
        })
      ).status,
    ).toBe(200);
    const chain = (await api.call('GET', `/api/cus/${CU}`, { token: secretariat })).body;
    type Decided = { step: string; decision: string; via: string; by: { name: string } };
    const decided = chain.stepDecisions as Decided[];
    expect(decided.find((d) => d.step === 'kkr')).toMatchObject({ decision: 'approved', via: 'email' });
    expect(decided.filter((d) => d.step === 'forum').map((d) => d.via)).toEqual(['meeting']);
    expect(decided.filter((d) => d.step === 'fu' || d.step === 'k22').map((d) => [d.step, d.via, d.by.name])).toEqual([
      ['fu', 'email', 'Dorte Direktør'],
      ['k22', 'meeting', 'Lokal administrator (nødadgang)'],
    ]);
    await smtp.waitFor(() => mailsOf('council_request').length === 4);
    const councilToken = tokenFromMail(mailsOf('council_request', contactOf('0461'))[0]!);
    const decision = { decision: 'approved_with_remarks', date: today, remarks: 'Med ønske om opfølgning' };
    expect((await api.call('POST', `/api/cus/${CU}/councils/0410/decision`, { token: councilToken, body: decision })).status).toBe(403);
    expect((await api.call('POST', `/api/cus/${CU}/councils/region/decision`, { token: councilToken, body: decision })).status).toBe(403);
    expect((await api.call('POST', `/api/cus/${CU}/councils/0461/decision`, { token: councilToken, body: decision })).status).toBe(200);
    // Middelfart's council does not approve at first, and decides again while others are still deciding.
    expect(
      (
        await api.call('POST', `/api/cus/${CU}/councils/0410/decision`, {
          token: secretariat,
          body: { decision: 'rejected', date: today, remarks: 'Ønsker flere tal' },
        })
      ).status,
    ).toBe(200);
    const refusedOnce = (await api.call('GET', `/api/cus/${CU}`, { token: secretariat })).body;
    expect(refusedOnce.councils['0410'].status).toBe('rejected');
    expect(refusedOnce.phase).toBe('political');
    for (const council of ['0410', '0420', 'region']) {
      expect(
        (
          await api.call('POST', `/api/cus/${CU}/councils/${council}/decision`, {
            token: secretariat,
            body: { decision: 'approved', date: today },
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (await api.call('POST', `/api/cus/${CU}/councils/0420/decision`, { token: secretariat, body: { decision: 'rejected', date: today } }))
        .status,
    ).toBe(409);
    await eventually(
      () => api.call('GET', `/api/cus/${CU}`, { token: secretariat }),
      (r) => r.body.phase === 'ready',
    );
    expect((await api.call('POST', `/api/cus/${CU}/submit`, { token: secretariat, body: {} })).status).toBe(200);
    await smtp.waitFor(() => mailsOf('submission').length === 1);
    const list = await eventually(
      () => api.call('GET', '/api/cus?status=submitted', { token: director }),
      (r) => r.body.some((c: { cuId: string }) => c.cuId === CU),
    );
    expect(list.status).toBe(200);
  });

  test('a large answer goes gzipped to a client that accepts it, and plain to one that does not, with the same content', async () => {
    const plain = await api.call('GET', '/openapi.json', { headers: { 'accept-encoding': 'identity' } });
    expect(JSON.stringify(plain.body).length).toBeGreaterThan(64 * 1024);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const gzipped = await api.call('GET', '/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(gzipped.body).toEqual(plain.body);
    // Smaller answers go plain: compressing them costs the client more than it saves.
    const record = await api.call('GET', `/api/cus/${CU}`, { token: secretariat, headers: { 'accept-encoding': 'gzip' } });
    expect(record.status).toBe(200);
    expect(record.headers.get('content-encoding')).toBeNull();
  });
});

describe('bad input through the API changes nothing', () => {
  test('malformed JSON, wrong content, unknown fields, wrong types and sizes', async () => {
    const malformed = await api.call('POST', '/api/cus', { token: secretariat, raw: '{"id": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.body.title).toBe('Ugyldig JSON');

    const unknown = await api.call('POST', '/api/cus', { token: secretariat, body: { ...cuBody, id: `${CU}-b`, hemmelig: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '', message: 'Ukendt nøgle: "hemmelig"' }]);

    const wrongTypes = await api.call('POST', '/api/cus', {
      token: secretariat,
      body: { ...cuBody, id: 'X Y', nationalDeadline: 20270101 },
    });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['id', 'nationalDeadline']);

    const huge = await api.call('POST', '/api/cus', {
      token: secretariat,
      body: { ...cuBody, id: `${CU}-c`, targetGroup: 'x'.repeat(300_000) },
    });
    expect(huge.status).toBe(413);

    const withBy = await api.call('POST', `/api/cus/${CU}/submit`, {
      token: secretariat,
      body: { by: { role: 'secretariat', name: 'falsk' } },
    });
    expect(withBy.status).toBe(400);

    expect((await api.call('GET', '/api/cus?hvad=1', { token: secretariat })).status).toBe(400);
    expect((await api.call('GET', `/api/cus/${CU}`, { token: secretariat, headers: { 'idempotency-key': 'x' } })).status).toBe(400);
    const listed = await api.call('GET', '/api/cus', { token: secretariat });
    expect(listed.body.some((c: { cuId: string }) => c.cuId.startsWith(`${CU}-`))).toBe(false);
  });

  test('values nested deeper than any input can be: 400 naming where, at any depth, and no change', async () => {
    // Written as JSON text: the deepest would overflow JSON.stringify itself.
    const nested = (depth: number, array: boolean) =>
      array ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const before = await api.call('GET', `/api/cus/${CU}/municipalities/0420`, { token: secretariat });
    for (const depth of [30, 2000, 5000, 40_000]) {
      for (const array of [false, true]) {
        const draft = await api.call('PUT', `/api/cus/${CU}/municipalities/0420/draft`, {
          token: municipal['0420'],
          raw: `{"values":{"antal":${nested(depth, array)}}}`,
        });
        expect(draft.status, `${depth} ${array}`).toBe(400);
        expect(draft.body.errors[0].path).toMatch(array ? /^values\.antal\.0\.0\./ : /^values\.antal\.a\.a\./);
      }
    }
    const questionnaire = `{"themes":[{"id":"t","title":"Tema","questions":[{"id":"q","kind":"text","label":${nested(5000, false)}}]}]}`;
    const cu = await api.call('POST', '/api/cus', {
      token: secretariat,
      raw: JSON.stringify({ ...cuBody, id: `${CU}-dyb` }).replace(/}$/, `,"questionnaire":${questionnaire}}`),
    });
    expect(cu.status).toBe(400);
    expect(cu.body.errors[0].path).toMatch(/^questionnaire\.themes\.0\.questions\.0\.label\.a/);
    const codec = await api.call('POST', '/codec/decode', {
      token: secretariat,
      raw: `{"payloads":[{"metadata":${nested(3000, false)}}]}`,
    });
    expect(codec.status).toBe(400);
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0420`, { token: secretariat })).body).toEqual(before.body);
    expect((await api.call('GET', `/api/cus/${CU}-dyb`, { token: secretariat })).status).toBe(404);
  });

  test('unknown CUs and municipalities, and actions in the wrong state', async () => {
    expect((await api.call('GET', '/api/cus/findes-ikke', { token: secretariat })).status).toBe(404);
    const badCode = await api.call('GET', `/api/cus/${CU}/municipalities/9999`, { token: secretariat });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors).toEqual([{ path: 'params.code', message: 'Ukendt kommunekode (eller regionskode 1081-1085)' }]);
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/0101`, { token: secretariat })).status).toBe(404);
    const late = await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, {
      token: municipal['0461'],
      body: { values: answerFor('0461') },
    });
    expect(late.status).toBe(409);
    expect((await api.call('POST', `/api/cus/${CU}/approval`, { token: secretariat, body: {} })).status).toBe(409);
    expect((await api.call('GET', '/nowhere')).status).toBe(404);
  });

  test('every page carries a strict Content-Security-Policy: no inline script or style unless hashed', async () => {
    const pages = [
      '/login',
      '/sekretariat',
      `/sekretariat/cu/${CU}`,
      '/sekretariat/kontakter',
      `/kommune/${CU}/0461`,
      '/oversigt',
      `/oversigt/cu/${CU}`,
      '/docs',
      `/api/cus/${CU}/report.html`,
    ];
    for (const path of pages) {
      const response = await fetch(`${api.url}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${secretariat}` } });
      expect(response.status, path).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("default-src 'none'");
      expect(policy, path).toContain("script-src 'self'");
      expect(policy, path).not.toContain('unsafe');
      const page = await response.text();
      expect(page, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(page, path).not.toMatch(/\sstyle="/);
      expect(page, path).not.toMatch(/\son[a-z]+="/);
      for (const [, css] of page.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
        expect(policy, path).toContain(`'sha256-${createHash('sha256').update(css!).digest('base64')}'`);
      }
    }
  });

  test('user text with a bidirectional override is isolated wherever it is shown', async () => {
    const id = `bidi-${Date.now().toString(36)}`;
    const title = 'Tegnsprog \u202Egnidlof\u202C og punktskrift';
    expect(
      (await api.call('POST', '/api/cus', { token: secretariat, body: { ...cuBody, id, title, targetGroup: 'Døve \u202Eevød' } })).status,
    ).toBe(201);
    const escaped = (text: string) => text.replace(/&/g, '&amp;');
    for (const path of ['/sekretariat', `/sekretariat/cu/${id}`, '/oversigt', `/oversigt/cu/${id}`, `/api/cus/${id}/report.html`]) {
      const page = await (await fetch(`${api.url}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${secretariat}` } })).text();
      expect(page, path).toMatch(new RegExp(`<bdi>[^<]*${escaped(title).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`));
      // Outside <bdi>, only in form fields that set their own direction (dir="auto") or isolated (FSI … PDI).
      const outside = page
        .replace(/<bdi>[^<]*<\/bdi>/g, '')
        .replace(/\u2068[^\u2069]*\u2069/g, '')
        .replace(/<(input|textarea)[^>]*dir="auto"[^>]*>([^<]*<\/textarea>)?/g, '');
      expect(outside, path).not.toMatch(/\u202E/);
    }
    const docx = await fetch(`${api.url}/api/cus/${id}/report.docx`, { headers: { authorization: `Bearer ${secretariat}` } });
    expect((await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value).toContain(`\u2068${title}\u2069`);
  });

  test('OpenAPI document and docs page are served', async () => {
    const doc = await api.call('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/api/cus/{cuId}/municipalities/{code}/submission'].post.requestBody).toBeDefined();
    // Service keys are a security scheme; each route names the scope a key needs, and the access
    // administration takes none.
    expect(doc.body.components.securitySchemes.serviceKey).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'udk_<id>_<hemmelighed>',
    });
    expect(doc.body.paths['/api/cus/{cuId}/councils/{council}/decision'].post.security).toContainEqual({ serviceKey: ['council:decide'] });
    expect(doc.body.paths['/api/cus'].get.security).toContainEqual({ serviceKey: ['read'] });
    expect(JSON.stringify(doc.body.paths['/api/service-keys'].post.security)).not.toContain('serviceKey');
    const docs = await api.call('GET', '/docs');
    expect(docs.body).toContain('<html lang="da">');
  });

  test('the OpenAPI document says what every route returns, and its parameters are as strict as the API', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string; schema: { pattern?: string } }[];
            responses: Record<string, { content?: Record<string, { schema: object }> }>;
          }
        >
      >;
    };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const [status, success] = Object.entries(operation.responses).find(([code]) => code.startsWith('2'))!;
        const content = success.content ?? {};
        expect(Object.keys(content).length, `${method} ${path} ${status}`).toBeGreaterThan(0);
        for (const [type, { schema }] of Object.entries(content)) {
          expect(schema, `${method} ${path} ${type}`).not.toEqual({});
          // A file is declared with its own media type, JSON only where the route answers JSON.
          expect(
            type === 'application/json' || path.match(/\.(docx|html|xlsx|csv)$|council-report|\/outbox\/\{|\/attachments\/\{ref\}$/),
          ).toBeTruthy();
        }
      }
    }
    const files = (path: string) => Object.keys(doc.paths[path]!.get!.responses['200']!.content ?? {});
    expect(files('/api/cus/{cuId}/report.docx')).toEqual(['application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    expect(files('/api/cus/{cuId}/audit.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(files('/api/cus/{cuId}/audit.csv')).toEqual(['text/csv']);
    expect(files('/api/cus/{cuId}/report.html')).toEqual(['text/html']);
    expect(JSON.stringify(doc.paths['/api/cus/{cuId}']!.get!.responses['200'])).toContain('"stepDecisions"');

    // What a parameter's pattern allows, the API takes; what it refuses, the API refuses.
    const pattern = (path: string, name: string) =>
      new RegExp(doc.paths[path]!.get!.parameters.find((p) => p.name === name)!.schema.pattern!, 'u');
    const code = pattern('/api/cus/{cuId}/municipalities/{code}', 'code');
    for (const value of ['0461', '461', '0101']) expect(code.test(value), value).toBe(true);
    for (const value of ['000', '0000', '9999', ' 461', '04610']) expect(code.test(value), value).toBe(false);
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/000`, { token: secretariat })).status).toBe(400);
    const date = JSON.stringify(doc.paths['/api/cus/{cuId}/launch']!.post);
    expect(date).toContain('"format":"date"');
  });

  test('a method an address does not have: 405 with the methods it has', async () => {
    const patch = await api.call('PATCH', `/api/cus/${CU}`, { token: secretariat, body: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, PUT, HEAD, OPTIONS');
    expect(patch.headers.get('content-type')).toContain('application/problem+json');
    const del = await api.call('DELETE', '/api/cus', { token: secretariat });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const options = await api.call('OPTIONS', '/api/cus/x/municipalities/0461/draft');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('PUT, OPTIONS');
    expect((await api.call('PATCH', '/api/findes-ikke', { token: secretariat })).status).toBe(404);
    // A literal address wins over a parameter: the import has no PUT, whatever a contact's code may be.
    const put = await api.call('PUT', '/api/contacts/import', { token: secretariat, body: {} });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
  });
});
