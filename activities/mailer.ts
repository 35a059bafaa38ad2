// Sends e-mail through SMTP, or writes it to a readable outbox folder when no SMTP server is set.
// The ledger in the record (mail_log) makes a retried activity, on any worker, return the first
// result instead of sending again; the Message-ID is derived from the key, so a receiving server
// can also drop the one duplicate a crash between sending and logging could cause.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import { readCu } from '../db/queries/cu-record';
import { findMail, logMail, mailContext } from '../db/queries/mail';
import type { Db } from '../db/schema';
import { MAIL_REJECTED, type LinkAccess, type MailReceipt, type MailRequest } from '../domain/mail';
import { compose } from './email/compose';
import { renderMail } from './email/templates';

export interface MailerConfig {
  smtpUrl?: string;
  from: string;
  dataDir: string;
  /** Small-number threshold for reports that leave the secretariat. */
  threshold: number;
}

export interface MailerDeps {
  db: Db;
  /** Returns the link with a signed, expiring access token for the given scope. */
  linkWithAccess: (link: string, access: LinkAccess) => string;
}

export interface Mailer {
  send(request: MailRequest): Promise<MailReceipt>;
}

export function createMailer(config: MailerConfig, { db, linkWithAccess }: MailerDeps, clock: () => Date = () => new Date()): Mailer {
  const transport = config.smtpUrl
    ? nodemailer.createTransport(withTimeouts(config.smtpUrl))
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const outboxDir = join(config.dataDir, 'outbox');
  const domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? 'udmeld.local';

  return {
    async send(request) {
      const id = createHash('sha256').update(request.key).digest('hex').slice(0, 32);
      const messageId = `<${id}@${domain}>`;
      const earlier = await findMail(db, request.key);
      if (earlier?.status === 'sent') return { messageId: earlier.messageId!, sentAt: earlier.sentAt!, duplicate: true, rejected: earlier.rejected.length };
      if (earlier?.status === 'rejected') throw ApplicationFailure.nonRetryable(earlier.failure ?? 'Afvist af mailserveren', MAIL_REJECTED);

      const [context, record, failed] = await Promise.all([
        mailContext(db, request.cuId, request.municipalityCode),
        request.template === 'submission' ? readCu(db, request.cuId, { answers: false }) : undefined,
        request.template === 'mail_failure' ? findMail(db, request.data.failedKey) : undefined,
      ]);
      const composed = compose(request, { context, ...(record ? { record } : {}), ...(failed ? { failedRecipients: failed.rejected.length ? failed.rejected : failed.recipients } : {}) });
      if (composed.access && 'link' in composed.mail.data) {
        composed.mail.data.link = linkWithAccess(composed.mail.data.link, composed.access);
      }
      const message = await renderMail(composed.mail, { threshold: config.threshold });
      const recipients = [...composed.to, ...composed.cc];
      let info: { message?: unknown; rejected?: unknown[] };
      try {
        info = await transport.sendMail({
          from: config.from,
          to: composed.to,
          cc: composed.cc,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments,
          messageId,
          headers: { 'X-Udmeld-Template': request.template },
        });
      } catch (err) {
        const rejection = permanentRejection(err);
        if (!rejection) throw err;
        await logMail(db, request, { status: 'rejected', messageId: null, sentAt: null, recipients, rejected: recipients, failure: rejection });
        throw ApplicationFailure.nonRetryable(rejection, MAIL_REJECTED);
      }
      if (!config.smtpUrl) {
        await mkdir(outboxDir, { recursive: true });
        const stamp = clock().toISOString().replace(/[:.]/g, '-');
        await writeFile(join(outboxDir, `${stamp}-${request.template}-${id.slice(0, 8)}.eml`), info.message as Buffer);
      }
      const sentAt = clock().toISOString();
      const rejected = (info.rejected ?? []).map(String);
      await logMail(db, request, { status: 'sent', messageId, sentAt, recipients, rejected, failure: rejected.length ? 'Modtageren blev afvist' : null });
      return { messageId, sentAt, duplicate: false, rejected: rejected.length };
    },
  };
}

/** Permanent SMTP rejections (5xx) are not retried; everything else (outage, 4xx) is. */
function permanentRejection(err: unknown): string | undefined {
  const e = err as { responseCode?: number; response?: string; message?: string };
  return e.responseCode && e.responseCode >= 500 && e.responseCode < 600 ? (e.response ?? e.message ?? 'Afvist af mailserveren') : undefined;
}

/** Gives up on a silent server well within the activity's timeout, unless SMTP_URL says otherwise. */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, ms] of [['connectionTimeout', 10_000], ['greetingTimeout', 10_000], ['socketTimeout', 30_000]] as const) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  return url.toString();
}
