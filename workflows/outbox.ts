// How a workflow sends e-mail: each message is one activity, scheduled by the code that sends it
// (so its place among the workflow's commands never depends on how history is grouped on replay),
// keyed from the workflow so a retry or replay never sends twice. A permanent rejection is
// reported to the secretariat.
import { ActivityFailure, ApplicationFailure, condition, workflowInfo } from '@temporalio/workflow';
import { MAIL_REJECTED, type MailDraft, type MailRequest } from '../domain/mail';
import { sendEmail } from './activities';

export interface Outbox {
  /** Sends a message; resolves with its message id once sent, or undefined if it was rejected. */
  send(key: string, draft: MailDraft): Promise<string | undefined>;
  /** Resolves when everything sent so far has gone out (or been rejected). */
  drained(): Promise<void>;
}

/** `run` names a later run under the same workflow id, so its messages' keys are its own. */
export function outbox(cuId: string, municipalityCode?: string, run?: string): Outbox {
  let pending = 0;
  const deliver = async (request: MailRequest): Promise<string | undefined> => {
    pending++;
    try {
      const receipt = await sendEmail(request);
      if (receipt.rejected > 0) void reportFailure(request, 'Modtageren blev afvist');
      return receipt.messageId;
    } catch (err) {
      if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === MAIL_REJECTED)) throw err;
      void reportFailure(request, err.cause.message);
      return undefined;
    } finally {
      pending--;
    }
  };
  const reportFailure = (failed: MailRequest, reason: string) =>
    failed.template === 'mail_failure'
      ? undefined
      : deliver({
          key: `${failed.key}/failure`,
          template: 'mail_failure',
          cuId,
          to: ['secretariat'],
          data: { failedKey: failed.key, failedTemplate: failed.template, reason },
          requestedAt: new Date().toISOString(),
        });
  return {
    send: (key, draft) =>
      deliver({
        ...(municipalityCode ? { municipalityCode } : {}),
        ...draft,
        key: `${workflowInfo().workflowId}${run ? `@${run}` : ''}/${key}`,
        cuId,
        requestedAt: new Date().toISOString(),
      }),
    drained: () => condition(() => pending === 0),
  };
}
