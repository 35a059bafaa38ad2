import { condition, workflowInfo } from '@temporalio/workflow';
import type { MailDraft, MailRequest } from '../domain/mail';
import type { MailFailure } from '../domain/state';
import { mail } from './mail';

export interface Outbox {
  /**
   * Queues a message; resolves with its message id once sent (undefined if rejected). `key` names
   * the message within this workflow run, so a retried or replayed send is never a second e-mail.
   */
  send(key: string, draft: MailDraft): Promise<string | undefined>;
  /** Resolves when everything queued has been sent. */
  drained(): Promise<void>;
}

/**
 * Sends one message at a time in the background, so an Update's caller gets its answer at once
 * and an SMTP outage delays e-mails without blocking the workflow's other work.
 */
export interface FailureReporting {
  cuTitle: string;
  /** Where rejected messages are reported (none before a round is launched). */
  secretariat: () => string | undefined;
  /** Called after a failure has been added to the list. */
  onFailure: () => void;
}

export function startOutbox(failures: MailFailure[], report: FailureReporting): Outbox {
  const queue: { request: MailRequest; resolve: (id: string | undefined) => void }[] = [];
  void (async () => {
    for (;;) {
      await condition(() => queue.length > 0);
      const next = queue[0]!;
      const before = failures.length;
      next.resolve(await mail(next.request, failures));
      queue.shift();
      if (failures.length === before) continue;
      report.onFailure();
      const secretariat = report.secretariat();
      if (secretariat && next.request.template !== 'mail_failure') {
        const failure = failures.at(-1)!;
        const data = { cuTitle: report.cuTitle, failedTemplate: next.request.template, recipients: failure.to, reason: failure.reason };
        queue.push({ request: { key: `${next.request.key}/failure`, template: 'mail_failure', to: [secretariat], data }, resolve: () => undefined });
      }
    }
  })();
  return {
    send: (key, draft) => {
      const { workflowId, runId } = workflowInfo();
      const request = { ...draft, key: `${workflowId}/${runId}/${key}` } as MailRequest;
      return new Promise((resolve) => queue.push({ request, resolve }));
    },
    drained: () => condition(() => queue.length === 0),
  };
}
