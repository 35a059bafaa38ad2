// Sends e-mail through SMTP, or keeps it in the shared outbox (the database, and a readable copy in
// DATA_DIR/outbox) when no SMTP server is set.
// The ledger in the record (mail_log) makes a retried activity, on any worker, return the first
// result instead of sending again; the Message-ID is derived from the key, so a receiving server
// can also drop the one duplicate a crash between sending and logging could cause. A message with
// personal links is sent to each person on its own, each copy logged (mail_delivery) as it goes.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import { databaseUnavailable } from '../db/unavailable';
import { readCu, recordVersion } from '../db/queries/cu-record';
import { findDelivery, findMail, keepInOutbox, logDelivery, logMail, mailContext, type MailContext } from '../db/queries/mail';
import { forumMembers, municipalPeople, registeredPerson } from '../db/queries/people';
import type { Db } from '../db/schema';
import type { PersonalAccess } from '../crypto/links';
import { SYSTEM } from '../domain/actors';
import { councilName, REGION_COUNCIL } from '../domain/commands';
import { MAIL_REJECTED, type MailReceipt, type MailRequest } from '../domain/mail';
import type { Person } from '../domain/people';
import type { CuRecord } from '../domain/views';
import { compose } from './email/compose';
import { recentlyMade } from '../domain/recently-made';
import { mailJournal } from './email/journal';
import { calendarAttachment } from './email/calendar';
import { renderMail } from './email/templates';

export interface MailerConfig {
  smtpUrl?: string;
  from: string;
  dataDir: string;
  /** Small-number threshold for reports that leave the secretariat. */
  threshold: number;
  /** Where each sent message is noted (config: BACKUP_DIR), so a restored ledger learns what went out after its backup. */
  journalFile?: string;
}

export interface MailerDeps {
  db: Db;
  /** Returns the link with a signed, expiring access token for one person. */
  linkWithAccess: (link: string, access: PersonalAccess) => string;
}

export interface Mailer {
  send(request: MailRequest): Promise<MailReceipt>;
  /** A short notice to the secretariat about the system itself (a webhook paused); `key` makes a retry the same message. */
  notice(notice: { key: string; to: string; subject: string; text: string }): Promise<void>;
}

/** One message to send: to whom, and the person whose personal link it carries. */
interface Delivery {
  to: string[];
  cc: string[];
  person?: Person;
  /** Set for a person's own copy of a message with personal links. */
  deliveryKey?: string;
  /** Sent for their information (they were in cc). */
  copy?: boolean;
}

export function createMailer(config: MailerConfig, { db, linkWithAccess }: MailerDeps, clock: () => Date = () => new Date()): Mailer {
  const transport = config.smtpUrl
    ? nodemailer.createTransport(withTimeouts(config.smtpUrl))
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const outboxDir = join(config.dataDir, 'outbox');
  const domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? 'udmeld.local';
  const messageIdOf = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
  const journal = config.journalFile ? mailJournal(config.journalFile) : async () => undefined;
  const recentRecords = recentlyMade<CuRecord | undefined>(16);
  /** A copy in the outbox folder, made when the first copy finds it missing (not asked of the disk each time). */
  const keepFile = (name: string, message: Buffer) =>
    writeFile(join(outboxDir, name), message).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await mkdir(outboxDir, { recursive: true });
      await writeFile(join(outboxDir, name), message);
    });

  /**
   * The CU as the report of a council's request or the submission shows it. The councils' requests of
   * a round go out together: read once for them all while the record has nothing new.
   */
  const recordForReport = async (cuId: string) =>
    recentRecords(`${cuId}@${await recordVersion(db, cuId)}`, () => readCu(db, cuId, { answers: false }));

  /** Sends one message; a permanent rejection comes back as its reason, anything else throws. */
  async function deliver(
    request: MailRequest,
    composed: ReturnType<typeof compose>,
    delivery: Delivery,
    key: string,
  ): Promise<{ sentAt: string; rejected: string[] } | { rejection: string }> {
    // Each person's copy differs only in its link: the rest (a council's request holds the whole CU) is shared.
    const shared = composed.mail;
    const mail =
      composed.access && delivery.person && 'link' in shared.data
        ? ({
            ...shared,
            data: { ...shared.data, link: linkWithAccess(shared.data.link, { ...composed.access, personId: delivery.person.id }) },
          } as typeof shared)
        : shared;
    const message = await renderMail(mail, {
      threshold: config.threshold,
      ...(delivery.person ? { recipient: { name: delivery.person.name, copy: !!delivery.copy } } : {}),
    });
    // The date for the reader's calendar, with the page's plain address (no personal access in a calendar).
    const calendar = calendarAttachment(composed.mail, {
      cuId: request.cuId,
      ...(request.municipalityCode ? { code: request.municipalityCode } : {}),
    });
    let info: { message?: unknown; rejected?: unknown[] };
    try {
      info = await transport.sendMail({
        from: config.from,
        to: delivery.to,
        cc: delivery.cc,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: [...message.attachments, ...(calendar ? [calendar] : [])],
        messageId: messageIdOf(key),
        headers: { 'X-Udmeld-Template': request.template },
      });
    } catch (err) {
      const rejection = permanentRejection(err);
      if (!rejection) throw err;
      return { rejection };
    }
    if (!config.smtpUrl) {
      const at = clock().toISOString();
      await keepInOutbox(db, {
        key,
        template: request.template,
        recipients: [...delivery.to, ...delivery.cc],
        subject: message.subject,
        message: info.message as Buffer,
        at,
      });
      await keepFile(`${at.replace(/[:.]/g, '-')}-${request.template}-${messageIdOf(key).slice(1, 9)}.eml`, info.message as Buffer);
    }
    return { sentAt: clock().toISOString(), rejected: (info.rejected ?? []).map(String) };
  }

  return {
    async notice({ key, to, subject, text }) {
      const info = await transport.sendMail({
        from: config.from,
        to,
        subject,
        text,
        messageId: messageIdOf(key),
        headers: { 'X-Udmeld-Template': 'notice' },
      });
      if (!config.smtpUrl)
        await keepInOutbox(db, {
          key,
          template: 'notice',
          recipients: [to],
          subject,
          message: info.message as Buffer,
          at: clock().toISOString(),
        });
    },

    async send(request) {
      const messageId = messageIdOf(request.key);
      const earlier = await findMail(db, request.key);
      if (earlier?.status === 'sent')
        return {
          messageId: earlier.messageId ?? messageId,
          sentAt: earlier.sentAt ?? request.requestedAt,
          duplicate: true,
          rejected: earlier.rejected.length,
        };
      if (earlier?.status === 'rejected') throw ApplicationFailure.nonRetryable(earlier.failure ?? 'Afvist af mailserveren', MAIL_REJECTED);

      const [context, record, failed] = await Promise.all([
        mailContext(db, request.cuId, request.municipalityCode),
        // The report goes with the submission, and with each council's request (protected, as approved).
        request.template === 'submission' || request.template === 'council_request' ? recordForReport(request.cuId) : undefined,
        request.template === 'mail_failure' ? findMail(db, request.data.failedKey) : undefined,
      ]);
      const composed = compose(request, {
        context,
        ...(record ? { record } : {}),
        ...(failed ? { failedRecipients: failed.rejected.length ? failed.rejected : failed.recipients } : {}),
      });
      const deliveries = composed.access ? await personalDeliveries(db, request, context) : [{ to: composed.to, cc: composed.cc }];
      const recipients = deliveries.flatMap((d) => [...d.to, ...d.cc]);
      const rejected: string[] = [];
      const reasons: string[] = [];
      let sentAt: string | null = null;

      for (const delivery of deliveries) {
        const key = delivery.deliveryKey ?? request.key;
        const done = delivery.deliveryKey ? await findDelivery(db, key) : undefined;
        const outcome = done
          ? done.status === 'sent'
            ? { sentAt: done.sentAt ?? new Date().toISOString(), rejected: [] }
            : { rejection: done.failure ?? 'Afvist' }
          : await deliver(request, composed, delivery, key);
        if ('rejection' in outcome) {
          rejected.push(...delivery.to, ...delivery.cc);
          reasons.push(outcome.rejection);
        } else {
          sentAt ??= outcome.sentAt;
          rejected.push(...outcome.rejected);
        }
        if (delivery.deliveryKey && !done && !('rejection' in outcome))
          await journal({ key, mailKey: request.key, template: request.template, messageId: messageIdOf(key), sentAt: outcome.sentAt });
        if (delivery.deliveryKey && !done) {
          // The copy has gone out: its row must reach the ledger even through a short database outage,
          // or the retry would find nothing and send it again.
          await persistently(() =>
            logDelivery(
              db,
              key,
              request.key,
              { address: delivery.to[0] ?? '', ...(delivery.person ? { personId: delivery.person.id } : {}) },
              {
                status: 'rejection' in outcome ? 'rejected' : 'sent',
                messageId: 'rejection' in outcome ? null : messageIdOf(key),
                sentAt: 'rejection' in outcome ? null : outcome.sentAt,
                failure: 'rejection' in outcome ? outcome.rejection : null,
              },
            ),
          );
        }
      }

      if (sentAt === null) {
        const failure = reasons[0] ?? 'Ingen aktive modtagere (alle er spærret eller mangler)';
        await logMail(db, request, { status: 'rejected', messageId: null, sentAt: null, recipients, rejected: recipients, failure });
        throw ApplicationFailure.nonRetryable(failure, MAIL_REJECTED);
      }
      await journal({
        key: request.key,
        template: request.template,
        cuId: request.cuId,
        ...(request.municipalityCode ? { municipalityCode: request.municipalityCode } : {}),
        messageId,
        sentAt,
      });
      await persistently(() =>
        logMail(db, request, {
          status: 'sent',
          messageId,
          sentAt,
          recipients,
          rejected,
          failure: rejected.length ? 'Modtageren blev afvist' : null,
        }),
      );
      return { messageId, sentAt, duplicate: false, rejected: rejected.length };
    },
  };
}

/**
 * Retries a ledger write after a message went out, through a database outage of up to 30 seconds:
 * long enough for a restart, short enough to end well inside the activity's 45-second attempt, so no
 * second attempt runs beside this one.
 */
async function persistently<T>(write: () => Promise<T>, deadline = Date.now() + 30_000): Promise<T> {
  for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
    try {
      return await write();
    } catch (err) {
      if (!databaseUnavailable(err) || Date.now() + wait > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** A message with personal links goes to each person on its own, with a link that names them: the
 * municipality's contacts and social director, the forum's members, Regionsrådet's contact. Spærrede people get nothing; an
 * address that is no person (the forum's shared address while it has no members) gets the link
 * without access, which asks them to sign in. */
async function personalDeliveries(db: Db, request: MailRequest, context: MailContext): Promise<Delivery[]> {
  const code = request.municipalityCode;
  const deliveries: Delivery[] = [];
  const seen = new Set<string>();
  let copy = false;
  const add = (address: string, person?: Person) => {
    if (seen.has(address.toLowerCase()) || person?.revokedAt) return;
    if (request.only && !request.only.includes(address.toLowerCase())) return;
    seen.add(address.toLowerCase());
    deliveries.push({
      to: [address],
      cc: [],
      copy,
      ...(person ? { person, deliveryKey: `${request.key}/${person.id}` } : { deliveryKey: `${request.key}/${address.toLowerCase()}` }),
    });
  };
  for (const [index, recipient] of [...request.to, ...(request.cc ?? [])].entries()) {
    copy = index >= request.to.length;
    if ((recipient === 'contacts' || recipient === 'director') && code && context.contacts) {
      const people = await municipalPeople(
        db,
        code,
        recipient === 'contacts' ? context.contacts.people : [],
        recipient === 'director' ? context.contacts.directorEmail : undefined,
        SYSTEM,
      );
      for (const person of people) if (person.email) add(person.email, person);
    } else if (recipient === 'forum') {
      const members = await forumMembers(db);
      const withAddress = members.filter((member) => member.email);
      if (withAddress.length === 0) add(context.addresses.forum);
      for (const member of withAddress) add(member.email ?? '', member);
    } else if (recipient === 'region') {
      // Regionsrådet's contact records the regional council's decision through a link of its own.
      add(
        context.addresses.region,
        await registeredPerson(
          db,
          {
            role: 'region',
            kind: 'region_contact',
            name: councilName(REGION_COUNCIL, context.regionName),
            email: context.addresses.region,
          },
          SYSTEM,
        ),
      );
    } else if (recipient === 'national_board') {
      add(context.addresses.nationalBoard);
    } else if (recipient !== 'contacts' && recipient !== 'director') {
      add(context.addresses[recipient]);
    }
  }
  return deliveries;
}

/** Permanent SMTP rejections (5xx) are not retried; everything else (outage, 4xx) is. */
function permanentRejection(err: unknown): string | undefined {
  const e = err as { responseCode?: number; response?: string; message?: string };
  return e.responseCode && e.responseCode >= 500 && e.responseCode < 600
    ? (e.response ?? e.message ?? 'Afvist af mailserveren')
    : undefined;
}

/** Gives up on a silent server well within the activity's timeout, unless SMTP_URL says otherwise. */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, ms] of [
    ['connectionTimeout', 10_000],
    ['greetingTimeout', 10_000],
    ['socketTimeout', 30_000],
  ] as const) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  return url.toString();
}
