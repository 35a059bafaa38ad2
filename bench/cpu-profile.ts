// CPU profiles of this process's main thread, written to the folder BENCH_CPU_PROFILE_DIR names: for
// the benchmarks' systems under test, read with `npx tsx bench/profile-summary.ts <file>` or Chrome's
// DevTools. Without the folder, starting and stopping do nothing (stopping still says so on stdout).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export function cpuProfiler(dir: string | undefined) {
  const session = dir ? new Session() : undefined;
  session?.connect();
  return {
    async start(): Promise<void> {
      await session?.post('Profiler.enable');
      await session?.post('Profiler.start');
    },
    /** Writes `<name>.cpuprofile` and says so on stdout, for the benchmark waiting on it. */
    async stop(name: string): Promise<void> {
      if (session && dir) writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify((await session.post('Profiler.stop')).profile));
      console.log('{"profiled":true}');
    },
  };
}
