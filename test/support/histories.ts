import { writeFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/** With RECORD_HISTORIES=1, saves workflow histories to test/histories for the replay test. */
export async function recordHistories(client: Client, histories: Record<string, string>): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  for (const [name, workflowId] of Object.entries(histories)) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await writeFile(new URL(`../histories/${name}.json`, import.meta.url), historyToJSON(history));
  }
}
