// Baselines, bundled without the app's code: a bare Update, and a minimal round with the same number
// of children, updates, activities and timers as a udmeld round but none of its logic.
import { condition, defineUpdate, proxyActivities, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import type { BareInvitation, BaselineActivities } from './baseline-activities';

export const ping = defineUpdate<number, [number]>('ping');

export async function bareUpdateWorkflow(): Promise<void> {
  setHandler(ping, (n) => n, { validator: (n) => void n });
  await condition(() => false);
}

export interface RoundShape {
  children: number;
  /** Activities a child runs before its update (invitation and reminders), after the first at these delays. */
  childTimersMs: number[];
  /** Updates and activities the parent takes after its children completed (forum, KKR, councils, submission). */
  parentUpdates: number;
  parentActivities: number;
}

const { baselineActivity } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '45 seconds' });
const { bareInvitation } = proxyActivities<BareInvitation>({ startToCloseTimeout: '45 seconds' });

export async function minimalRoundWorkflow(shape: RoundShape): Promise<number> {
  let updates = 0;
  setHandler(ping, (n) => (updates++, n), { validator: (n) => void n });
  const { workflowId } = workflowInfo();
  await condition(() => updates > 0); // the launch
  const children = [];
  for (let i = 0; i < shape.children; i++)
    children.push(await startChild(minimalChildWorkflow, { workflowId: `${workflowId}:${i}`, args: [shape] }));
  await Promise.all(children.map((child) => child.result()));
  await condition(() => updates >= 1 + shape.parentUpdates);
  for (let i = 0; i < shape.parentActivities; i++) await baselineActivity(i);
  return updates;
}

export async function minimalChildWorkflow(shape: RoundShape): Promise<void> {
  let answered = false;
  setHandler(ping, (n) => ((answered = true), n), { validator: (n) => void n });
  await baselineActivity(0);
  let waited = 0;
  for (const [i, at] of shape.childTimersMs.entries()) {
    if (!(await condition(() => answered, at - waited))) await baselineActivity(i + 1);
    waited = at;
  }
  await condition(() => answered);
  await baselineActivity(-1);
}

/** The launch's baseline: an Update that starts the children together and answers once they run. */
export const launch = defineUpdate<number, [number]>('launch');

export async function bareLaunchWorkflow(children: number): Promise<void> {
  let asked = false;
  let started = false;
  setHandler(
    launch,
    async (n) => {
      asked = true;
      await condition(() => started);
      return n;
    },
    { validator: (n) => void n },
  );
  await condition(() => asked);
  const { workflowId } = workflowInfo();
  const handles = await Promise.all(
    Array.from({ length: children }, (_, i) =>
      startChild(bareInvitedWorkflow, { workflowId: `${workflowId}:${i}`, args: [`${workflowId}-${i}@kommune.test`] }),
    ),
  );
  started = true;
  await Promise.all(handles.map((child) => child.result()));
}

/** A municipality reduced to its invitation: one e-mail through SMTP. */
export async function bareInvitedWorkflow(to: string): Promise<void> {
  await bareInvitation(to);
}
