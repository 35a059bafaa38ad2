import { condition, patched, workflowInfo } from '@temporalio/workflow';
import type { MailDraft, MailRequest } from '../domain/mail';
import type { MailFailure } from '../domain/state';
import { mail } from './mail';

export interface Outbox {
  /**
   * Sends a message; resolves with its message id once sent (undefined if rejected). `key` names
   * the message within this workflow run, so a retried or replayed send is never a second e-mail.
   */
  send(key: string, draft: MailDraft): Promise<string | undefined>;
  /** Resolves when everything sent so far has gone out (or been rejected). */
  drained(): Promise<void>;
}

export interface FailureReporting {
  cuTitle: string;
  /** Where rejected messages are reported (none before a round is launched). */
  secretariat: () => string | undefined;
  /** Called after a failure has been added to the list. */
  onFailure: () => void;
}

/**
 * Each message's activity is scheduled at once, by the code that sends it (an Update handler, a
 * reminder), so an Update's caller gets its answer at once and an SMTP outage delays e-mails
 * without blocking the workflow's other work.
 *
 * Runs started before the patch sent one message at a time from a background loop. That loop woke
 * up on an activity's completion; when the completion and a later Update were replayed in one
 * activation (the SDK merges a workflow task that had no commands into the next one), its command
 * came before the Update's and the replay failed as nondeterministic. Those runs keep the loop.
 */
export function startOutbox(failures: MailFailure[], report: FailureReporting): Outbox {
  const keyed = (key: string, draft: MailDraft): MailRequest => {
    const { workflowId, runId } = workflowInfo();
    return { ...draft, key: `${workflowId}/${runId}/${key}` } as MailRequest;
  };
  if (!patched('mail-at-once')) return startQueuedOutbox(failures, report, keyed);
  let pending = 0;
  const deliver = async (request: MailRequest): Promise<string | undefined> => {
    pending++;
    try {
      const before = failures.length;
      const messageId = await mail(request, failures);
      if (failures.length !== before) {
        report.onFailure();
        const failure = reportOf(request, failures.at(-1)!, report);
        if (failure) void deliver(failure);
      }
      return messageId;
    } finally {
      pending--;
    }
  };
  return {
    send: (key, draft) => deliver(keyed(key, draft)),
    drained: () => condition(() => pending === 0),
  };
}

/** The message to the secretariat about a rejected one (none about a rejected report, or before launch). */
function reportOf(request: MailRequest, failure: MailFailure, report: FailureReporting): MailRequest | undefined {
  const secretariat = report.secretariat();
  if (!secretariat || request.template === 'mail_failure') return undefined;
  const data = { cuTitle: report.cuTitle, failedTemplate: request.template, recipients: failure.to, reason: failure.reason };
  return { key: `${request.key}/failure`, template: 'mail_failure', to: [secretariat], data };
}

/** One message at a time from a background loop: kept unchanged for runs started before 'mail-at-once'. */
function startQueuedOutbox(failures: MailFailure[], report: FailureReporting, keyed: (key: string, draft: MailDraft) => MailRequest): Outbox {
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
      const failure = reportOf(next.request, failures.at(-1)!, report);
      if (failure) queue.push({ request: failure, resolve: () => undefined });
    }
  })();
  return {
    send: (key, draft) => new Promise((resolve) => queue.push({ request: keyed(key, draft), resolve })),
    drained: () => condition(() => queue.length === 0),
  };
}
