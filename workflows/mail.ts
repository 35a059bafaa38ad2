import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { MAIL_REJECTED, type MailRequest } from '../domain/mail';
import type { MailFailure } from '../domain/state';

// Retries through an SMTP outage with backoff, for as long as it takes; a recipient the server
// rejects permanently fails at once and is reported instead.
const { sendEmail } = proxyActivities<Activities>({
  // Short enough that a send lost with a crashed worker is retried soon; the transport times out first.
  startToCloseTimeout: '45 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: [MAIL_REJECTED] },
});

/** Sends a message; a permanent rejection is recorded in `failures` and returns undefined. */
export async function mail(request: MailRequest, failures: MailFailure[]): Promise<string | undefined> {
  try {
    const receipt = await sendEmail(request);
    if (receipt.rejected.length > 0) {
      failures.push({ at: new Date().toISOString(), template: request.template, to: receipt.rejected, reason: 'Modtageren blev afvist' });
    }
    return receipt.messageId;
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === MAIL_REJECTED) {
      failures.push({ at: new Date().toISOString(), template: request.template, to: request.to, reason: err.cause.message });
      return undefined;
    }
    throw err;
  }
}
