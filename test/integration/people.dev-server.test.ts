// Named people through the real API, Temporal, PostgreSQL and SMTP: two contacts of one
// municipality each get their own link and act as themselves, the audit trail names each, one is
// revoked and refused while the other still works; service keys do what their scopes allow and no
// more, are refused once revoked, and are never stored in clear; sessions end one or all at once.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor } from '../../fixtures/round';
import { signInSecretariat, tokenFromMail } from '../support/api';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `people-${Date.now().toString(36)}`;
const ODENSE = '0461';
const KAREN = { name: 'Karen Kontakt', email: 'karen@odense.test' };
const LARS = { name: 'Lars Kontakt', email: 'lars@odense.test' };
const today = copenhagenDate(Date.now());
let secretariat: string;

const { h, smtp, api } = useSystem({ smtp: true, api: true });

beforeAll(async () => {
  secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
});

const invitationTo = async (email: string) => {
  await smtp.waitFor((mails) => mails.some((m) => m.template === 'invitation' && m.to.includes(email)));
  return smtp.received.find((m) => m.template === 'invitation' && m.to.includes(email))!;
};

describe('personal links', () => {
  let karen: string;
  let lars: string;

  test('each contact of a municipality gets an invitation of their own, with a link that names them', async () => {
    expect(
      (
        await api.call('PUT', `/api/contacts/${ODENSE}`, {
          token: secretariat,
          body: { contacts: [KAREN, LARS], directorEmail: 'direktoer@odense.test' },
        })
      ).status,
    ).toBe(200);
    // Middelfart keeps the round open while Odense is asked to revise.
    expect(
      (
        await api.call('PUT', '/api/contacts/0410', {
          token: secretariat,
          body: { contacts: [{ name: 'Mette Middelfart', email: 'mette@middelfart.test' }], directorEmail: 'direktoer@middelfart.test' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.call('POST', '/api/cus', {
          token: secretariat,
          body: {
            id: CU,
            title: 'Borgere med svære spiseforstyrrelser',
            targetGroup: 'Borgere',
            issuedOn: today,
            nationalDeadline: addDays(today, 200),
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.call('POST', `/api/cus/${CU}/launch`, {
          token: secretariat,
          body: { municipalities: [ODENSE, '0410'], deadline: addDays(today, 30) },
        })
      ).status,
    ).toBe(200);
    const [toKaren, toLars] = [await invitationTo(KAREN.email), await invitationTo(LARS.email)];
    expect(toKaren.to).toEqual([KAREN.email]);
    expect(toLars.to).toEqual([LARS.email]);
    karen = tokenFromMail(toKaren);
    lars = tokenFromMail(toLars);
    expect(karen).not.toBe(lars);
    // The token names the person by id only: no name or address travels in the link.
    const claims = JSON.parse(Buffer.from(karen.split('.')[1]!, 'base64url').toString());
    expect(claims.sub).toMatch(/^p_/);
    expect(JSON.stringify(claims)).not.toContain('karen');
    expect((await api.call('GET', '/api/me', { token: karen })).body).toMatchObject({
      role: 'municipality',
      name: KAREN.name,
      email: KAREN.email,
      via: 'link',
    });
  });

  test('both act, and the audit trail names each of them', async () => {
    const path = `/api/cus/${CU}/municipalities/${ODENSE}`;
    expect((await api.call('PUT', `${path}/draft`, { token: karen, body: { values: { antal: 3 } } })).status).toBe(200);
    expect((await api.call('POST', `${path}/submission`, { token: lars, body: { values: answerFor(ODENSE) } })).status).toBe(200);
    const audit = await eventually(
      () => api.call('GET', `/api/cus/${CU}/audit?municipalityCode=${ODENSE}`, { token: secretariat }),
      (r) => r.body.some((e: { kind: string }) => e.kind === 'submitted'),
      10_000,
    );
    const by = (kind: string) => audit.body.find((e: { kind: string }) => e.kind === kind).by;
    expect(by('draft_saved')).toMatchObject({
      role: 'municipality',
      name: KAREN.name,
      email: KAREN.email,
      personId: expect.stringMatching(/^p_/),
    });
    expect(by('submitted')).toMatchObject({ role: 'municipality', name: LARS.name, email: LARS.email });
    const csv = await fetch(`${api.url}/api/cus/${CU}/audit.csv`, { headers: { authorization: `Bearer ${secretariat}` } });
    const text = await csv.text();
    expect(text).toContain(`Kladde gemt;Odense;${KAREN.name};${KAREN.email}`);
    expect(text).toContain(`Besvarelse indsendt;Odense;${LARS.name};${LARS.email}`);
  });

  test('a revoked contact is refused at once, gets no more mail; the other still works', async () => {
    const people = (await api.call('GET', '/api/people', { token: secretariat })).body as { id: string; email: string; kind: string }[];
    const larsPerson = people.find((p) => p.email === LARS.email && p.kind === 'contact')!;
    const revoked = await api.call('POST', `/api/people/${larsPerson.id}/revoke`, { token: secretariat, body: {} });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    const refused = await api.call('GET', `/api/cus/${CU}/municipalities/${ODENSE}`, { token: lars });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('ikke længere har adgang');
    expect((await api.call('GET', `/api/cus/${CU}/municipalities/${ODENSE}`, { token: karen })).status).toBe(200);
    expect((await api.call('POST', `/api/people/${larsPerson.id}/revoke`, { token: secretariat, body: {} })).status).toBe(409);

    expect(
      (
        await api.call('POST', `/api/cus/${CU}/municipalities/${ODENSE}/revision`, {
          token: secretariat,
          body: { comment: 'Angiv også 2025.' },
        })
      ).status,
    ).toBe(200);
    await smtp.waitFor((mails) => mails.some((m) => m.template === 'revision_requested' && m.to.includes(KAREN.email)));
    await new Promise((r) => setTimeout(r, 500));
    const revisionTo = smtp.received.filter((m) => m.template === 'revision_requested').flatMap((m) => m.to);
    expect(revisionTo).not.toContain(LARS.email);

    // A new link for Lars cannot be made while he is revoked; reinstated, he gets one.
    expect(
      (
        await api.call('POST', '/api/links', {
          token: secretariat,
          body: { role: 'municipality', cuId: CU, municipalityCode: ODENSE, email: LARS.email },
        })
      ).status,
    ).toBe(409);
    expect((await api.call('POST', `/api/people/${larsPerson.id}/reinstate`, { token: secretariat, body: {} })).status).toBe(200);
    const link = await api.call('POST', '/api/links', {
      token: secretariat,
      body: { role: 'municipality', cuId: CU, municipalityCode: ODENSE, email: LARS.email },
    });
    expect(link.status).toBe(200);
    expect(link.body.person).toMatchObject({ name: LARS.name, email: LARS.email });
  });
});

describe('service keys', () => {
  let key: string;
  let keyId: string;

  test('a key is shown once and does what its scopes allow, and no more', async () => {
    expect(
      (await api.call('POST', '/api/service-keys', { token: secretariat, body: { name: 'Dagsordenssystem', scopes: [] } })).status,
    ).toBe(400);
    expect(
      (
        await api.call('POST', '/api/service-keys', {
          token: secretariat,
          body: { name: 'Dagsordenssystem', scopes: ['read', 'slet-alt'] },
        })
      ).status,
    ).toBe(400);
    const created = await api.call('POST', '/api/service-keys', {
      token: secretariat,
      body: { name: 'Dagsordenssystem', scopes: ['read', 'council:decide'] },
    });
    expect(created.status).toBe(201);
    key = created.body.key;
    keyId = created.body.id;
    expect(key).toMatch(/^udk_[a-z0-9]{16}_/);

    expect((await api.call('GET', `/api/cus/${CU}`, { token: key })).status).toBe(200);
    expect((await api.call('GET', '/api/overview', { token: key })).body).toEqual(expect.any(Array));
    const register = await api.call('POST', '/api/cus', {
      token: key,
      body: { id: `${CU}-2`, title: 'Endnu en', targetGroup: 'x', issuedOn: today, nationalDeadline: addDays(today, 100) },
    });
    expect(register.status).toBe(403);
    expect(register.body.detail).toContain('cu:register');
    // Access administration is for people only, whatever the key's scopes.
    expect((await api.call('GET', '/api/people', { token: key })).status).toBe(403);
    expect((await api.call('POST', '/api/service-keys', { token: key, body: { name: 'Ny nøgle', scopes: ['read'] } })).status).toBe(403);
    expect(
      (await api.call('POST', '/api/links', { token: key, body: { role: 'municipality', cuId: CU, municipalityCode: ODENSE } })).status,
    ).toBe(403);
    expect((await api.call('GET', '/api/me', { token: key })).body).toMatchObject({
      role: 'secretariat',
      via: 'key',
      keyId,
      scopes: ['read', 'council:decide'],
    });

    const listed = (await api.call('GET', '/api/service-keys', { token: secretariat })).body as {
      id: string;
      lastUsedAt: string | null;
      key?: string;
      secretHash?: string;
    }[];
    const mine = listed.find((k) => k.id === keyId)!;
    expect(mine.lastUsedAt).toBeTruthy();
    expect(mine.key).toBeUndefined();
    expect(mine.secretHash).toBeUndefined();
  });

  test('the key is never stored in clear', async () => {
    const secret = key.split('_').slice(2).join('_');
    const dump = await sql<{ t: string }>`select string_agg(row_to_json(x)::text, ' ') as t from service_key x`.execute(h.udmeld.db);
    const audit = await sql<{ t: string }>`select string_agg(row_to_json(a)::text, ' ') as t from audit_event a`.execute(h.udmeld.db);
    expect(dump.rows[0]!.t).toContain(keyId);
    expect(dump.rows[0]!.t).not.toContain(secret);
    expect(audit.rows[0]!.t).not.toContain(secret);
    expect(audit.rows[0]!.t).toContain('Dagsordenssystem');
  });

  test('a revoked key is refused; a forged one too', async () => {
    expect((await api.call('GET', `/api/cus/${CU}`, { token: `udk_${keyId}_${'A'.repeat(43)}` })).status).toBe(401);
    expect((await api.call('POST', `/api/service-keys/${keyId}/revoke`, { token: secretariat, body: {} })).status).toBe(200);
    const refused = await api.call('GET', `/api/cus/${CU}`, { token: key });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('Integrationsnøglen er tilbagekaldt');
    expect((await api.call('POST', `/api/service-keys/${keyId}/revoke`, { token: secretariat, body: {} })).status).toBe(409);
  });
});

describe('sessions', () => {
  test('a person lists their sessions, ends one, or all at once', async () => {
    const second = await signInSecretariat(api, TEST_CREDENTIAL);
    const third = await signInSecretariat(api, TEST_CREDENTIAL);
    const sessions = (await api.call('GET', '/api/me/sessions', { token: second })).body as { id: string }[];
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    const secondId = (await api.call('GET', '/api/me', { token: second })).body.sessionId;
    expect((await api.call('POST', '/api/me/sessions/revoke', { token: third, body: { sessionId: secondId } })).body).toEqual({ ended: 1 });
    expect((await api.call('GET', '/api/me', { token: second })).body.detail).toBe('Du er logget ud');
    expect((await api.call('GET', '/api/me', { token: third })).status).toBe(200);
    expect((await api.call('POST', '/api/me/sessions/revoke', { token: third, body: {} })).body.ended).toBeGreaterThanOrEqual(2);
    for (const token of [secretariat, third]) expect((await api.call('GET', '/api/me', { token })).status).toBe(401);
    // Only a session's hash is stored.
    const stored = await sql<{ t: string }>`select string_agg(row_to_json(s)::text, ' ') as t from session s`.execute(h.udmeld.db);
    expect(stored.rows[0]!.t).not.toContain(third.split('_').slice(2).join('_'));
    secretariat = await signInSecretariat(api, TEST_CREDENTIAL);
  });
});

describe('the access trail', () => {
  const ADMIN = 'Lokal administrator (nødadgang)';

  test('sign-ins, revocations, reinstatements and keys are read back, filtered by person and kind, as JSON, CSV and Excel', async () => {
    const member = await api.call('POST', '/api/people', { token: secretariat, body: { name: 'Frida Forum', email: 'frida@forum.test' } });
    expect((await api.call('POST', `/api/people/${member.body.id}/revoke`, { token: secretariat, body: {} })).status).toBe(200);

    const trail = (await api.call('GET', '/api/access/audit', { token: secretariat })).body as {
      kind: string;
      by: { name: string; personId?: string };
      note?: string;
      cuId?: string;
    }[];
    const kinds = new Set(trail.map((e) => e.kind));
    for (const kind of [
      'signed_in',
      'person_revoked',
      'person_reinstated',
      'service_key_created',
      'service_key_revoked',
      'sessions_revoked',
    ])
      expect(kinds, kind).toContain(kind);
    expect(trail.every((e) => e.cuId === undefined)).toBe(true);

    const revocations = (await api.call('GET', '/api/access/audit?kind=person_revoked', { token: secretariat })).body as typeof trail;
    expect(revocations.map((e) => e.note)).toEqual([`${LARS.name} <${LARS.email}>`, 'Frida Forum <frida@forum.test>']);
    expect(revocations.every((e) => e.by.name === ADMIN)).toBe(true);
    const adminId = (await api.call('GET', '/api/me', { token: secretariat })).body.personId as string;
    const byAdmin = (await api.call('GET', `/api/access/audit?person=${adminId}`, { token: secretariat })).body as typeof trail;
    expect(byAdmin.length).toBeGreaterThan(4);
    expect(byAdmin.every((e) => e.by.personId === adminId)).toBe(true);
    const wrong = await api.call('GET', '/api/access/audit?person=nogen&kommune=0461', { token: secretariat });
    expect(wrong.status).toBe(400);

    const csv = await fetch(`${api.url}/api/access/audit.csv?kind=service_key_revoked`, {
      headers: { authorization: `Bearer ${secretariat}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('Integrationsnøgle tilbagekaldt');
    expect(text).toContain('Dagsordenssystem');
    expect(text).not.toContain('Logget ind');
    const xlsx = await fetch(`${api.url}/api/access/audit.xlsx?kind=person_revoked`, {
      headers: { authorization: `Bearer ${secretariat}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const rows = workbook.getWorksheet('Revisionsspor')!.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes('Person spærret') && r.includes(ADMIN))).toBe(true);

    // Who revoked shows where the revocation shows.
    const keys = (await api.call('GET', '/api/service-keys', { token: secretariat })).body as {
      revokedAt: string | null;
      revokedBy: { name: string } | null;
    }[];
    expect(keys.filter((k) => k.revokedAt).every((k) => k.revokedBy?.name === ADMIN)).toBe(true);
    expect(keys.some((k) => k.revokedAt)).toBe(true);
    const people = (await api.call('GET', '/api/people', { token: secretariat })).body as {
      id: string;
      revokedBy: { name: string } | null;
    }[];
    expect(people.find((p) => p.id === member.body.id)!.revokedBy).toMatchObject({ name: ADMIN });
    expect(people.filter((p) => p.id !== member.body.id).every((p) => p.revokedBy === null)).toBe(true);
  });
});
