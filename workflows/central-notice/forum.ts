// The directors' forum: the draft goes to the forum, with a reminder every so many days until it
// approves or returns it; a return goes back to the secretariat with the forum's comment.
import { condition } from '@temporalio/workflow';
import type { CuContext } from './context';

export async function awaitForum(ctx: CuContext): Promise<void> {
  const { state, mail } = ctx;
  const sentAt = state.stepSentAt.forum!;
  const report = state.report!;
  void mail.send(`forum:${sentAt}`, { template: 'forum_review', to: ['forum'], data: { answered: report.answered, total: report.total } });
  const every = state.round!.settings.approvalReminderEveryDays * 86_400_000;
  for (let n = 1; !(await condition(() => state.phase !== 'forum', every)); n++) {
    void mail.send(`forum:${sentAt}:${n}`, {
      template: 'forum_reminder',
      to: ['forum'],
      data: { sentAt },
      reminder: `periodic:${sentAt}:${n}`,
    });
  }
  const last = state.lastForumDecision;
  if (last?.decision === 'returned' && last.at >= sentAt) {
    void mail.send(`forum-returned:${last.at}`, { template: 'forum_returned', to: ['secretariat'], data: { comment: last.comment } });
  }
}
