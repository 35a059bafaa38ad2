// Sends e-mail through SMTP, or writes it to a readable outbox folder when no SMTP server is set.
// A ledger of sent message keys makes a retried activity return the first result instead of
// sending again.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import { MAIL_REJECTED, type MailReceipt, type MailRequest } from '../domain/mail';
import { renderMail } from './email/templates';

export interface MailerConfig {
  smtpUrl?: string;
  from: string;
  dataDir: string;
  /** Small-number threshold for reports that leave the secretariat. */
  threshold: number;
}

export interface Mailer {
  send(request: MailRequest): Promise<MailReceipt>;
}

export function createMailer(config: MailerConfig, clock: () => Date = () => new Date()): Mailer {
  const transport = config.smtpUrl
    ? nodemailer.createTransport(withTimeouts(config.smtpUrl))
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const ledgerDir = join(config.dataDir, 'mail-ledger');
  const outboxDir = join(config.dataDir, 'outbox');
  const domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? 'udmeld.local';

  return {
    async send(request) {
      const id = createHash('sha256').update(request.key).digest('hex').slice(0, 32);
      const ledgerFile = join(ledgerDir, `${id}.json`);
      const earlier = await readFile(ledgerFile, 'utf8').catch(() => undefined);
      if (earlier) return { ...(JSON.parse(earlier) as MailReceipt), duplicate: true };

      const message = await renderMail(request, { threshold: config.threshold });
      const messageId = `<${id}@${domain}>`;
      let info: { message?: unknown; rejected?: unknown[] };
      try {
        info = await transport.sendMail({
          from: config.from,
          to: request.to,
          cc: request.cc,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments,
          messageId,
          headers: { 'X-Udmeld-Template': request.template },
        });
      } catch (err) {
        throw classify(err);
      }
      if (!config.smtpUrl) {
        await mkdir(outboxDir, { recursive: true });
        const stamp = clock().toISOString().replace(/[:.]/g, '-');
        await writeFile(join(outboxDir, `${stamp}-${request.template}-${id.slice(0, 8)}.eml`), info.message as Buffer);
      }
      const receipt: MailReceipt = {
        messageId,
        sentAt: clock().toISOString(),
        duplicate: false,
        rejected: (info.rejected ?? []).map(String),
      };
      await mkdir(ledgerDir, { recursive: true });
      await writeFile(ledgerFile, JSON.stringify(receipt));
      return receipt;
    },
  };
}

/** Permanent SMTP rejections (5xx) are not retried; everything else (outage, 4xx) is. */
function classify(err: unknown): unknown {
  const e = err as { responseCode?: number; response?: string; message?: string };
  if (e.responseCode && e.responseCode >= 500 && e.responseCode < 600) {
    return ApplicationFailure.nonRetryable(e.response ?? e.message ?? 'Afvist af mailserveren', MAIL_REJECTED);
  }
  return err;
}

/** Gives up on a silent server well within the activity's timeout, unless SMTP_URL says otherwise. */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, ms] of [['connectionTimeout', 10_000], ['greetingTimeout', 10_000], ['socketTimeout', 30_000]] as const) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  return url.toString();
}
