// Stand-ins for the worker's activities in the fast workflow tests: the record kept in memory (just
// what the workflows are told back: the report's counts, whether a round has settled) and e-mail
// collected instead of sent. The full-stack tests run the real ones against PostgreSQL and SMTP.
import { ApplicationFailure } from '@temporalio/common';
import { SETTLED, type MunicipalityStatus } from '../../domain/municipality-process';
import type { MailReceipt, MailRequest } from '../../domain/mail';
import type { RecordEntry, RecordResult } from '../../domain/record';
import type { Activities, ScheduledRound } from '../../workflows/activities';
import type { RoundSchedule } from '../../domain/schedules';

interface Municipality {
  status: MunicipalityStatus;
  answerVersion: number;
}

export class InMemoryActivities {
  /** Every event written, in order, each once. */
  readonly events: RecordEntry[] = [];
  /** Every e-mail sent, each once, with the workflow's time when it was asked for. */
  readonly mails: MailRequest[] = [];
  private readonly keys = new Set<string>();
  private readonly rounds = new Map<string, Map<string, Municipality>>();
  private readonly editions = new Map<string, number>();

  /** What a schedule's round is made of, as a test sets it up (none when left unset). */
  scheduled?: (input: { schedule: RoundSchedule; on: string }) => ScheduledRound;

  /** One webhook subscription's endpoint and queue, as the record and a receiver would keep them. */
  readonly webhook = {
    status: 'active' as 'active' | 'paused' | 'deleted',
    queued: 0,
    delivered: 0,
    failing: false,
    attempts: 0,
    pauses: [] as string[],
  };

  readonly activities: Activities = {
    record: (entries) => Promise.resolve(this.record(entries)),
    sendEmail: (request) => Promise.resolve(this.send(request)),
    prepareScheduledRound: (input) => Promise.resolve(this.scheduled?.(input) ?? { skipped: 'Ingen runde i testen' }),
    checkAgreement: () => Promise.resolve({ cus: 0, respondents: 0, disagreements: 0 }),
    applyRetention: () => Promise.resolve({ sessions: 0, outbox: 0, mailAddresses: 0, cusPseudonymised: [], cusTextsBlanked: [] }),
    findWebhookWork: async () => {
      const w = this.webhook;
      if (w.status !== 'active') return w.status;
      if (w.queued > w.delivered) return 'deliver';
      // A real look waits for new events a while before it reports none.
      await new Promise((r) => setTimeout(r, 20));
      return 'idle';
    },
    deliverWebhooks: () => {
      const w = this.webhook;
      w.attempts++;
      if (w.failing) return Promise.reject(ApplicationFailure.retryable('Modtageren svarede 503', 'WebhookFailed'));
      const sent = w.queued - w.delivered;
      w.delivered = w.queued;
      return Promise.resolve(sent);
    },
    pauseWebhook: ({ reason }) => {
      this.webhook.status = 'paused';
      this.webhook.pauses.push(reason);
      return Promise.resolve();
    },
  };

  /** The e-mails of one template, or of any of several. */
  sent(...templates: MailRequest['template'][]): MailRequest[] {
    return this.mails.filter((m) => templates.includes(m.template));
  }

  kinds(cuId: string): string[] {
    return this.events.filter((e) => e.cuId === cuId).map((e) => e.kind);
  }

  private record(entries: RecordEntry[]): RecordResult {
    let report = false;
    let municipal = false;
    const cuId = entries[0]?.cuId ?? '';
    for (const entry of entries) {
      municipal ||= entry.municipalityCode !== undefined && entry.facts?.some((f) => f.type === 'municipality') === true;
      if (this.keys.has(entry.key)) continue;
      this.keys.add(entry.key);
      this.events.push(entry);
      for (const fact of entry.facts ?? []) {
        if (fact.type === 'round') {
          this.rounds.set(entry.cuId, new Map(fact.municipalities.map((m) => [m.code, { status: 'invited', answerVersion: 0 }])));
        }
        if (fact.type === 'municipality' && entry.municipalityCode) {
          this.rounds.get(entry.cuId)?.set(entry.municipalityCode, fact.snapshot);
        }
        if (fact.type === 'report_aggregate') this.editions.set(entry.cuId, (this.editions.get(entry.cuId) ?? 0) + 1);
        if (fact.type === 'report_aggregate' || fact.type === 'report_summaries') report = true;
      }
    }
    const round = [...(this.rounds.get(cuId)?.values() ?? [])];
    const answered = round.filter((m) => m.answerVersion > 0).length;
    return {
      ...(report ? { report: { edition: this.editions.get(cuId) ?? 0, answered, total: round.length } } : {}),
      ...(municipal ? { roundSettled: round.every((m) => SETTLED.includes(m.status)) } : {}),
    };
  }

  private send(request: MailRequest): MailReceipt {
    const duplicate = this.mails.some((m) => m.key === request.key);
    if (!duplicate) this.mails.push(request);
    return { messageId: `<${request.key}@memory.invalid>`, sentAt: request.requestedAt, duplicate, rejected: 0 };
  }
}
