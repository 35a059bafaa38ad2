// The app's workflows plus a bare one, the baseline for an Update round trip.
import { defineUpdate, setHandler, condition } from '@temporalio/workflow';

export * from '../workflows';

export const ping = defineUpdate<number, [number]>('ping');

export async function bareUpdateWorkflow(): Promise<void> {
  setHandler(ping, (n) => n, { validator: (n) => void n });
  await condition(() => false);
}
