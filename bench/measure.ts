// What the benchmarks share: a pool of concurrent clients, latency percentiles, a process's memory.
// (Processes are started with scripts/process.ts.)
import { readdirSync, readFileSync } from 'node:fs';

export async function pool<T>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < items.length; index = next++) {
        const item = items[index] as T;
        const start = performance.now();
        await fn(item, index);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

export function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2);
  return { n: sorted.length, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

/** Resident and peak resident memory of a process, in MB, from /proc. */
export function memoryOf(pid: number | undefined): { rssMb: number; peakRssMb: number } {
  if (pid === undefined) throw new Error('The process has not started');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) used so far by a process and all its descendants, from /proc. */
export function cpuSecondsOf(rootPid: number | undefined): number {
  if (rootPid === undefined) throw new Error('The process has not started');
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
      // fields[1] is ppid; utime, stime, cutime, cstime are fields 14-17 of stat, here 11-14.
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) });
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const visit = (pid: number) => {
    total += stats.get(pid)?.ticks ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) visit(child);
  };
  visit(rootPid);
  return total / 100; // USER_HZ
}
