// A webhook subscription's workflow with in-memory activities under time skipping: it delivers what
// is queued; an endpoint failing for the whole policy period pauses the subscription (with the
// receiver's last answer as the reason) after retries that back off; resumed, it delivers what
// waited; deleted, it ends.
import { expect, test } from 'vitest';
import { webhookWorkflowId } from '../../domain/ids';
import { webhookDeliveryWorkflow } from '../../workflows';
import { webhookChanged } from '../../workflows/messages';
import { useWorkflowEnv } from '../support/workflow-env';

const world = useWorkflowEnv();

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(done()).toBe(true);
}

test('delivers, pauses after failing for the policy period, resumes with what waited, ends when deleted', async () => {
  const { env, memory, taskQueue } = world();
  const hook = memory.webhook;
  hook.queued = 3;
  const handle = await env.client.workflow.start(webhookDeliveryWorkflow, {
    workflowId: webhookWorkflowId('wh_0123456789abcdef'),
    taskQueue,
    args: [{ subscriptionId: 'wh_0123456789abcdef', policy: { maxIntervalSeconds: 60, pauseAfterMinutes: 30 } }],
  });
  await waitFor(() => hook.delivered === 3);

  hook.failing = true;
  hook.queued = 5;
  const before = await env.currentTimeMs();
  // Time passes only while a test waits on the server.
  while (!hook.pauses.length) await env.sleep('1 minute');
  expect(hook.pauses[0]).toContain('503');
  // Backed off up to a minute apart over the half hour: far fewer attempts than one a second.
  expect(hook.attempts).toBeGreaterThan(10);
  expect(hook.attempts).toBeLessThan(60);
  expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * 60_000);
  expect(hook.delivered).toBe(3);

  hook.failing = false;
  hook.status = 'active';
  await handle.signal(webhookChanged);
  await waitFor(() => hook.delivered === 5);

  hook.status = 'deleted';
  await handle.signal(webhookChanged);
  await handle.result();
}, 60_000);
