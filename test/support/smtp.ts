// A real SMTP server for tests: receives over the network, parses with mailparser, and can be told
// to reject a recipient permanently or to go away and come back (an outage).
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../scripts/ports';

export interface ReceivedMail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  template: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  receivedAt: number;
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  readonly rejectRecipients = new Set<string>();
  private server?: SMTPServer;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(await freePort());
    await smtp.up();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address)) {
          const err = Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 });
          return callback(err);
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(toReceived(mail));
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address) || m.cc.includes(address));
  }

  async waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for e-mail; have ${this.received.length}: ${this.received.map((m) => m.template).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function addresses(field: ParsedMail['to']): string[] {
  const list = field ? (Array.isArray(field) ? field : [field]) : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

function toReceived(mail: ParsedMail): ReceivedMail {
  return {
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    messageId: mail.messageId ?? '',
    template: String(mail.headers.get('x-udmeld-template') ?? ''),
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
    receivedAt: Date.now(),
  };
}
