// A TypeScript entry point in a process of its own (a worker a test can SIGKILL, a benchmark's
// system under test), started once it prints its ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface StartedProcess {
  child: ChildProcess;
  /** The ready line itself. */
  line: string;
  /** The lines it prints after that. */
  lines: AsyncIterator<string>;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

export async function startProcess(
  entry: string,
  env: NodeJS.ProcessEnv,
  readyLine: string,
  opts: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<StartedProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', entry], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${entry} did not start within ${timeoutMs} ms`)), timeoutMs);
    void gone.then(() => reject(new Error(`${entry} exited during start`)));
  });
  failed.catch(() => child.kill('SIGKILL'));
  try {
    for (;;) {
      const next = await Promise.race([lines.next(), failed]);
      if (next.done) throw new Error(`${entry} closed its output during start`);
      if (next.value.startsWith(readyLine)) {
        const kill = async () => {
          child.kill('SIGKILL');
          await gone;
        };
        return { child, line: next.value, lines, kill };
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `stop` once on the first Ctrl-C or SIGTERM, then ends the process. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop().finally(() => process.exit(0));
    });
  }
}
