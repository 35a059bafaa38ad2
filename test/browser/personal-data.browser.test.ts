// A person's rights, through the API and the page: the export of everything about a municipal
// contact (Article 15), erasure refused while their round is open (a legal hold), then done once it
// is withdrawn: afterwards no table of the record holds their name or address, and the audit trail
// says "en kontaktperson i Odense Kommune". axe-core on the page.
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor } from '../../fixtures/round';
import { signInSecretariat, tokenFromMail } from '../support/api';
import { checked, launchBrowser, newPage } from '../support/browser';
import { useSystem } from '../support/system';
import { eventually } from '../support/waiting';
import { TEST_CREDENTIAL } from '../support/temporal';

const today = copenhagenDate(Date.now());
const KAREN = { name: 'Karen Kildegaard', email: 'karen.kildegaard@odense.test' };
let browser: Browser;
let page: Page;
let token: string;

const { h, api, smtp } = useSystem({ api: true, smtp: true });

beforeAll(async () => {
  token = await signInSecretariat(api, TEST_CREDENTIAL);
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.goto(`${api.url}/login`);
  await page.getByRole('button', { name: 'Log ind med udmelds lokale testlogin' }).click();
  await page.getByRole('button', { name: 'Simon Sekretariat' }).click();
  await page.waitForURL('**/sekretariat');
});
afterAll(async () => {
  await browser?.close();
});

/** Every row of every table of the record, as text, that mentions `text`. */
async function mentions(text: string): Promise<string[]> {
  const tables = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(h.db);
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(name)} t where strpos(lower(t::text), lower(${text})) > 0`.execute(h.db);
    if (rows[0]!.n > 0) found.push(`${name}: ${rows[0]!.n}`);
  }
  return found;
}

test('export, a legal hold, erasure: afterwards the record holds a pseudonym and nothing of the person', async () => {
  const contacts = { contacts: [KAREN], directorEmail: 'direktor-0461@kommune.test' };
  expect((await api.call('PUT', '/api/contacts/0461', { token, body: contacts })).status).toBe(200);
  expect(
    (
      await api.call('PUT', '/api/contacts/0410', {
        token,
        body: { contacts: [{ name: 'Mads Middelfart', email: 'mads@middelfart.test' }], directorEmail: 'direktor-0410@kommune.test' },
      })
    ).status,
  ).toBe(200);
  const cu = {
    id: 'persondata',
    title: 'Borgere med erhvervet hjerneskade',
    targetGroup: 'Borgere',
    issuedOn: today,
    nationalDeadline: addDays(today, 200),
  };
  expect((await api.call('POST', '/api/cus', { token, body: cu })).status).toBe(201);
  expect(
    (
      await api.call('POST', '/api/cus/persondata/launch', {
        token,
        body: { municipalities: ['0461', '0410'], deadline: addDays(today, 40) },
      })
    ).status,
  ).toBe(200);
  await smtp.waitFor((mails) => mails.some((m) => m.template === 'invitation' && m.to.includes(KAREN.email)), 60_000);
  const link = tokenFromMail(smtp.received.find((m) => m.template === 'invitation' && m.to.includes(KAREN.email))!);
  expect(
    (await api.call('POST', '/api/cus/persondata/municipalities/0461/submission', { token: link, body: { values: answerFor('0461') } }))
      .status,
  ).toBe(200);
  await smtp.waitFor((mails) => mails.some((m) => m.template === 'receipt' && m.to.includes(KAREN.email)), 60_000);
  // The receipt is in the ledger too (written just after the mail server took it).
  await eventually(
    () => h.db.selectFrom('mail_log').select('key').where('cu_id', '=', 'persondata').where('template', '=', 'receipt').execute(),
    (rows) => rows.length === 1,
  );

  // Article 15, as JSON: the register, the round (open), what she did, the e-mails to her.
  const exported = await api.call('POST', '/api/personal-data/export', { token, body: { email: KAREN.email.toUpperCase() } });
  expect(exported.status).toBe(200);
  expect(exported.body.register).toEqual([{ municipalityCode: '0461', as: 'contact', name: KAREN.name }]);
  expect(exported.body.rounds).toEqual([{ cuId: 'persondata', municipalityCode: '0461', as: 'contact', name: KAREN.name, open: true }]);
  expect(exported.body.actions.map((a: { kind: string }) => a.kind)).toContain('submitted');
  expect(exported.body.mail.map((m: { template: string }) => m.template)).toEqual(expect.arrayContaining(['invitation', 'receipt']));

  // The readable page says the same, and that erasure must wait for the open round.
  await page.goto(`${api.url}/sekretariat/adgang/persondata`);
  await page.getByLabel('Personens e-mailadresse').fill(KAREN.email);
  await page.getByRole('button', { name: 'Vis alt om personen' }).click();
  await expect(page.getByRole('table', { name: 'Runder' }).textContent()).resolves.toContain('persondata');
  await expect(page.locator('main').textContent()).resolves.toContain('Kan ikke slettes endnu: personen er spurgt i en åben runde');
  await checked(page, '70-persondata');

  // Article 17: a legal hold while the round is open; nothing changed.
  const held = await api.call('POST', '/api/personal-data/erasure', {
    token,
    body: { email: KAREN.email, reason: 'Anmodning af 1. december' },
  });
  expect(held.status).toBe(409);
  expect(held.body.detail).toContain('åben runde (persondata, Odense Kommune)');
  expect(await mentions(KAREN.email)).not.toEqual([]);
  expect((await api.call('POST', '/api/personal-data/erasure', { token, body: { email: 'ikke en adresse', reason: 'x' } })).status).toBe(
    400,
  );

  // Once the round is over, the page erases her.
  expect((await api.call('POST', '/api/cus/persondata/withdraw', { token, body: { reason: 'Registreret ved en fejl' } })).status).toBe(200);
  // The withdrawal's messages to those still asked (Middelfart) have gone out before she is erased.
  await eventually(
    () => h.db.selectFrom('mail_log').select('key').where('cu_id', '=', 'persondata').where('template', '=', 'round_cancelled').execute(),
    (rows) => rows.length >= 1,
  );
  await page.getByRole('button', { name: 'Vis alt om personen' }).click();
  await page.getByLabel(/Begrundelse/).fill('Anmodning af 1. december');
  await page.getByRole('button', { name: 'Slet personens oplysninger' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain('hedder nu "en kontaktperson i Odense Kommune"');
  await checked(page, '71-persondata-slettet');

  expect(await mentions(KAREN.email)).toEqual([]);
  expect(await mentions(KAREN.name)).toEqual([]);
  const audit = await api.call('GET', '/api/cus/persondata/audit', { token });
  const submitted = (audit.body as { kind: string; by: { name: string } }[]).find((e) => e.kind === 'submitted');
  expect(submitted?.by.name).toBe('en kontaktperson i Odense Kommune');
  expect((await api.call('POST', '/api/personal-data/export', { token, body: { email: KAREN.email } })).status).toBe(404);
  // The other contact is untouched.
  expect(await mentions('mads@middelfart.test')).not.toEqual([]);
  const trail = await api.call('GET', '/api/access/audit', { token });
  expect((trail.body as { kind: string }[]).map((e) => e.kind)).toEqual(
    expect.arrayContaining(['personal_data_exported', 'person_erased']),
  );
});

test('staff are revoked before erasure, and nobody erases themselves', async () => {
  const member = await api.call('POST', '/api/people', { token, body: { name: 'Frida Forum', email: 'frida@forum.test' } });
  expect(member.status).toBe(201);
  const held = await api.call('POST', '/api/personal-data/erasure', {
    token,
    body: { email: 'frida@forum.test', reason: 'Anmodning af 2. december' },
  });
  expect(held.status).toBe(409);
  expect(held.body.detail).toContain('Spær personen først');
  expect((await api.call('POST', `/api/people/${member.body.id}/revoke`, { token, body: {} })).status).toBe(200);
  const erased = await api.call('POST', '/api/personal-data/erasure', {
    token,
    body: { email: 'frida@forum.test', reason: 'Anmodning af 2. december' },
  });
  expect(erased.status).toBe(200);
  expect(erased.body.pseudonym).toBe('et medlem af Socialdirektørforum');

  const me = await api.call('GET', '/api/me', { token });
  const self = await api.call('POST', '/api/personal-data/erasure', {
    token,
    body: { email: me.body.email ?? 'x@y.dk', reason: 'Mig selv, ved en fejl' },
  });
  expect([404, 409]).toContain(self.status);
  expect((await api.call('GET', '/api/me', { token })).status).toBe(200);
});
