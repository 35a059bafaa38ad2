// The real worker (worker/main.ts) in a process of its own, so a test can SIGKILL it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface WorkerProcess {
  process: ChildProcess;
  kill(): Promise<void>;
}

export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not start within 120 s')), 120_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('udmeld worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} during start`)));
  });
  return {
    process: child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
