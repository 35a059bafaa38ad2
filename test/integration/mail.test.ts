// The mail activity against a real SMTP server and the outbox, and inside a running round: an SMTP
// outage is waited out, a permanently rejected address is reported to the secretariat.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMailer, type MailerConfig } from '../../activities/mailer';
import { linkSigner } from '../../crypto/links';
import { generateSigningKeys, parseSigningKeys } from '../../crypto/tokens';
import type { OpenDatabase } from '../../db/connect';
import { MAIL_REJECTED, type MailRequest } from '../../domain/mail';
import { addDays, copenhagenDate } from '../../domain/time';
import { ADDRESSES, AS_SECRETARIAT, contactOf, launchRound, startCu } from '../../fixtures/round';
import { TestSmtpServer } from '../../fixtures/smtp-server';
import { testDatabase } from '../support/database';
import { seedRound } from '../../fixtures/seed';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

// Odense's contact exists; Middelfart's is refused by the server; Assens has one of each.
const CONTACTS = {
  '0461': { contacts: [{ name: 'Kontakt', email: 'kontakt@kommune.test' }], directorEmail: 'direktor@kommune.test' },
  '0410': { contacts: [{ name: 'Findes ikke', email: 'findes.ikke@kommune.test' }], directorEmail: 'direktor@kommune.test' },
  '0420': {
    contacts: [
      { name: 'Findes ikke', email: 'findes.ikke@kommune.test' },
      { name: 'Kontakt', email: 'kontakt@kommune.test' },
    ],
    directorEmail: 'direktor@kommune.test',
  },
};
const request = (key: string, municipalityCode = '0461'): MailRequest => ({
  key,
  template: 'deadline_extended',
  cuId: 'punktskrift',
  municipalityCode,
  to: ['contacts'],
  data: { deadline: '2026-03-01' },
  requestedAt: new Date().toISOString(),
});

describe('the mailer', () => {
  let smtp: TestSmtpServer;
  let database: OpenDatabase;
  const linkWithAccess = linkSigner(parseSigningKeys(generateSigningKeys('mail')), { municipalityDays: 60, directorDays: 30 });
  const mailerOf = (config: MailerConfig) => createMailer(config, { db: database.db, linkWithAccess });
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    database = await testDatabase('embedded');
    await seedRound(database.db, 'punktskrift', CONTACTS);
  });
  afterAll(async () => {
    await smtp.down();
    await database.close();
  });

  test('without SMTP_URL it writes a readable .eml to the outbox, once per key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'udmeld-outbox-'));
    const mailer = mailerOf({ from: 'udmeld <udmeld@region.test>', dataDir, threshold: 4 });
    const first = await mailer.send(request('k1'));
    const again = await mailer.send(request('k1'));
    expect(again).toEqual({ ...first, duplicate: true });
    const files = readdirSync(join(dataDir, 'outbox'));
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(dataDir, 'outbox', files[0]!), 'utf8');
    expect(eml).toContain('Subject: =?UTF-8?Q?Ny_frist');
    // The contact's own copy: its Message-ID is derived from the request's key and the person.
    expect(eml).toMatch(/Message-ID: <[0-9a-f]{32}@region\.test>/);
    expect(eml).toContain('K=C3=A6re Kontakt');
    // The same message is kept in the shared outbox, so every worker of a cluster writes to one place.
    const kept = await database.db
      .selectFrom('mail_outbox')
      .select(['key', 'template', 'recipients', 'message'])
      .where('key', 'like', 'k1/%')
      .execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ template: 'deadline_extended', recipients: ['kontakt@kommune.test'] });
    expect(Buffer.from(kept[0]!.message).toString('utf8')).toBe(eml);
  });

  test('through SMTP, a retried send with the same key is not delivered twice', async () => {
    const mailer = mailerOf({
      smtpUrl: smtp.url,
      from: 'udmeld <udmeld@region.test>',
      dataDir: mkdtempSync(join(tmpdir(), 'udmeld-')),
      threshold: 4,
    });
    await mailer.send(request('k2'));
    await mailer.send(request('k2'));
    await smtp.waitFor((m) => m.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.filter((m) => m.subject.startsWith('Ny frist'))).toHaveLength(1);
    expect(smtp.received[0]!.text).toContain('forlænget til 1. marts 2026');
    expect(smtp.received[0]!.to).toEqual(['kontakt@kommune.test']);
    const logged = await database.db.selectFrom('mail_log').selectAll().where('key', '=', 'k2').execute();
    expect(logged).toMatchObject([
      { status: 'sent', template: 'deadline_extended', municipality_code: '0461', recipients: ['kontakt@kommune.test'] },
    ]);
  });

  test('the database lost right after SMTP accepted a copy: the ledger row waits for it, the copy goes once', async () => {
    // The database refuses the first ledger writes after sending (as during a restart), then returns.
    let refusals = 2;
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const failing = <T extends object>(builder: T): T =>
      new Proxy(builder, { get: (target, prop) => (prop === 'execute' ? () => Promise.reject(refused) : () => failing(target)) });
    const flaky = new Proxy(database.db, {
      get(target, prop, receiver) {
        if (prop !== 'insertInto') {
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value; // Kysely's private fields need the real instance
        }
        return (table: 'mail_delivery') =>
          table === 'mail_delivery' && refusals-- > 0 ? failing(target.insertInto(table)) : target.insertInto(table);
      },
    });
    const mailer = createMailer(
      { smtpUrl: smtp.url, from: 'udmeld <udmeld@region.test>', dataDir: mkdtempSync(join(tmpdir(), 'udmeld-')), threshold: 4 },
      { db: flaky, linkWithAccess },
    );
    const before = smtp.received.length;
    const sent = await mailer.send({ ...request('k-db-lost'), template: 'invitation', data: { deadline: '2026-03-01' } });
    expect(sent.duplicate).toBe(false);
    expect(refusals).toBeLessThan(0);
    expect(await mailer.send({ ...request('k-db-lost'), template: 'invitation', data: { deadline: '2026-03-01' } })).toMatchObject({
      duplicate: true,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length - before).toBe(1);
  });

  test('an outage is a retryable error; a rejected address is a non-retryable MailRejected', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'udmeld-'));
    const down = mailerOf({ smtpUrl: 'smtp://127.0.0.1:1', from: 'udmeld@region.test', dataDir, threshold: 4 });
    const outage = await down.send(request('k3')).catch((e: unknown) => e);
    expect(outage).not.toBeInstanceOf(ApplicationFailure);
    smtp.rejectRecipients.add('findes.ikke@kommune.test');
    const mailer = mailerOf({ smtpUrl: smtp.url, from: 'udmeld@region.test', dataDir, threshold: 4 });
    const rejected = await mailer.send(request('k4', '0410')).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ApplicationFailure);
    expect((rejected as ApplicationFailure).type).toBe(MAIL_REJECTED);
    expect((rejected as ApplicationFailure).nonRetryable).toBe(true);
    const again = await mailer.send(request('k4', '0410')).catch((e: unknown) => e);
    expect((again as ApplicationFailure).type).toBe(MAIL_REJECTED);
    const partly = await mailer.send(request('k5', '0420'));
    expect(partly.rejected).toBe(1);
  });
});

describe('e-mail in a running round', () => {
  const { h, smtp } = useSystem({ smtp: true });

  test('invitations wait out an SMTP outage and arrive once; a rejected contact is reported', async () => {
    const cuId = `mail-${Date.now().toString(36)}`;
    const today = copenhagenDate(Date.now());
    smtp.rejectRecipients.add(contactOf('0410'));
    await smtp.down();
    await h.udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 100) }), AS_SECRETARIAT);
    await launchRound(h.udmeld, cuId, ['0461', '0410'], addDays(today, 30));
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.received).toHaveLength(0);
    await smtp.up();

    await smtp.waitFor((m) => m.some((x) => x.template === 'invitation') && m.some((x) => x.template === 'mail_failure'), 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.received.filter((m) => m.template === 'invitation').map((m) => m.to)).toEqual([[contactOf('0461')]]);
    const report = smtp.received.filter((m) => m.template === 'mail_failure');
    expect(report).toHaveLength(1);
    expect(report[0]!.to).toEqual([ADDRESSES.secretariat]);
    expect(report[0]!.text).toContain(contactOf('0410'));
    const status = await eventually(
      () => h.udmeld.fullCu(cuId, AS_SECRETARIAT),
      (s) => (s.municipalities['0410']?.mailFailures.length ?? 0) > 0,
    );
    expect(status.municipalities['0410']!.mailFailures[0]).toMatchObject({ template: 'invitation', to: [contactOf('0410')] });
  }, 90_000);
});
