// The real worker (worker/main.ts) in a process of its own, so a test can SIGKILL it.
import { startProcess, type StartedProcess } from '../../scripts/process';

export type WorkerProcess = StartedProcess;

export function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  return startProcess('worker/main.ts', { ...process.env, ...env }, 'udmeld worker ready');
}
