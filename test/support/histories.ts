import { mkdir, writeFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';

/** With RECORD_HISTORIES=1, saves workflow histories to test/histories for the replay test. */
export async function recordHistories(client: Client, histories: Record<string, string>): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  for (const [name, workflowId] of Object.entries(histories)) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await writeFile(new URL(`../histories/${name}.json`, import.meta.url), historyToJSON(history));
  }
}

/**
 * Replays the live histories of the given workflows against the current code and returns the ids
 * of those that fail; each failing history is saved to test-results/, to replay and bisect.
 */
export async function unreplayable(client: Client, workflowIds: string[], options: ReplayWorkerOptions): Promise<string[]> {
  const failed: string[] = [];
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    try {
      await Worker.runReplayHistory(options, history, workflowId);
    } catch (err) {
      failed.push(`${workflowId}: ${(err as Error).message}`);
      const dir = new URL('../../test-results/', import.meta.url);
      await mkdir(dir, { recursive: true });
      await writeFile(new URL(`${workflowId.replaceAll(':', '_')}.json`, dir), historyToJSON(history));
    }
  }
  return failed;
}
