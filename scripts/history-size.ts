// The size of a workflow's history as the server keeps it: events, bytes, and the largest payload
// (Temporal warns at 512 KB and refuses 2 MB per payload; a history is capped at 50 MB / 51,200 events).
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;

export const PAYLOAD_WARNING_BYTES = 512 * 1024;

export interface HistorySize {
  events: number;
  bytes: number;
  largestPayload: number;
}

export function historySize(history: proto.temporal.api.history.v1.IHistory): HistorySize {
  let largestPayload = 0;
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || value instanceof Uint8Array) return;
    const record = value as Record<string, unknown>;
    if (record.data instanceof Uint8Array && 'metadata' in record) {
      largestPayload = Math.max(largestPayload, temporal.api.common.v1.Payload.encode(record).finish().length);
      return;
    }
    for (const child of Object.values(record)) walk(child);
  };
  walk(history);
  return { events: history.events?.length ?? 0, bytes: temporal.api.history.v1.History.encode(history).finish().length, largestPayload };
}

/** A client that takes whole histories in one message, whatever their size (the default stops at 4 MB). */
export async function historyReader(
  options: Pick<ConnectionOptions, 'address' | 'tls' | 'apiKey'>,
  namespace = 'default',
): Promise<{ size(workflowId: string): Promise<HistorySize>; close(): Promise<void> }> {
  const connection = await Connection.connect({ ...options, channelArgs: { 'grpc.max_receive_message_length': 256 * 1024 * 1024 } });
  const client = new Client({ connection, namespace });
  return {
    size: async (workflowId) => historySize(await client.workflow.getHandle(workflowId).fetchHistory()),
    close: () => connection.close(),
  };
}
