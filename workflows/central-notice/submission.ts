// Submission: the report goes by e-mail to the national board (the activity renders it, protected,
// from the record); a rejected message is recorded and the secretariat may try again.
import { condition } from '@temporalio/workflow';
import type { CuContext } from './context';

export async function submit(ctx: CuContext): Promise<{ messageId: string; at: string } | undefined> {
  const { state, mail } = ctx;
  await condition(() => state.submitRequestedBy !== undefined);
  const by = state.submitRequestedBy;
  if (!by) return undefined;
  state.submissionAttempts += 1;
  const messageId = await mail.send(`submission:${state.submissionAttempts}`, {
    template: 'submission',
    to: ['national_board'],
    cc: ['secretariat'],
    data: {},
  });
  if (!messageId) {
    state.submitRequestedBy = undefined;
    await ctx.write({ kind: 'submission_failed', by });
    return undefined;
  }
  const ack = await ctx.write({ kind: 'report_submitted', by, facts: [{ type: 'submission', messageId }] }, ctx.move('submitted', by));
  return { messageId, at: ack.event.at };
}
