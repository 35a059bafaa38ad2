// What the benchmarks share: a pool of concurrent clients, latency percentiles, a process's memory.
// (Processes are started with test/support/process.ts.)
import { readFileSync } from 'node:fs';

export async function pool<T>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        const start = performance.now();
        await fn(items[index]!, index);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

export function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
  return { n: sorted.length, p50: q(0.5), p99: q(0.99) };
}

/** Resident and peak resident memory of a process, in MB, from /proc. */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
