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

/** A Node worker's threads by what they do, from the names Node, V8, libuv and Temporal's core give them. */
const THREAD_KINDS: [RegExp, string][] = [
  [/^MainThread$|^node$/, 'main thread (activities, HTTP)'],
  [/^WorkerThread$/, 'workflow threads'],
  [/^tokio-|^workflow-proces|^temporal-/, "Temporal's core (Rust)"],
  [/^V8Worker$|^v8:/, 'V8 helpers (GC, compiler)'],
  [/^libuv-worker$/, 'libuv pool (crypto, files)'],
];

/** CPU seconds (user + system) used so far by each kind of thread of one process (threads that ended are not counted). */
export function cpuSecondsByThread(pid: number | undefined): Record<string, number> {
  if (pid === undefined) throw new Error('The process has not started');
  const seconds: Record<string, number> = {};
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim();
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const kind = THREAD_KINDS.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
      seconds[kind] = +((seconds[kind] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100).toFixed(2);
    } catch {
      // the thread ended while we looked
    }
  }
  return seconds;
}
