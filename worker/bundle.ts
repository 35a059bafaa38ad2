// How the workflow code is bundled: one place for the worker, the tests and the benchmarks.
import { spawn } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };

/**
 * Modules with no per-workflow state (constants and functions; a workflow's state lives in the
 * closures its run creates): evaluated once per worker thread and shared, frozen, by every workflow,
 * instead of once per cached workflow. That is all of the municipality's workflow. zod cannot be
 * among them (it defines properties on its objects as they are used), which is why that workflow
 * does without it; the CU's workflow (a handful cached) loads its commands' zod schemas itself.
 * (Never give a shared RegExp to zod: it writes the pattern's lastIndex; domain/zod.ts copies them.)
 */
export const SHARED_MODULES = [
  ...[
    'actors',
    'answer',
    'check',
    'cu-process',
    'issues',
    'mail',
    'municipalities',
    'municipalities-data',
    'municipality-commands',
    'municipality-process',
    'record',
    'reminders',
    'text-rules',
    'time',
  ].map((name) => `../domain/${name}.ts`),
  ...['activities', 'commands', 'failures', 'journal', 'messages', 'municipality', 'outbox', 'search-attributes', 'wait-for-people'].map(
    (name) => `../workflows/${name}.ts`,
  ),
].map((path) => fileURLToPath(new URL(path, import.meta.url)));

export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger: quietLogger,
    ...(workflowsPath === WORKFLOWS_PATH ? { preloadModules: SHARED_MODULES } : {}),
  });
}

/**
 * Bundles in a short-lived process and writes the bundle to `outPath`: webpack's memory goes back
 * to the system with that process instead of staying in the worker's heap (about 200 MB).
 */
export async function bundleInOwnProcess(outPath: string, workflowsPath = WORKFLOWS_PATH): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), workflowsPath, outPath], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`Bundling the workflow code failed (exit ${code})`);
  return outPath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [workflowsPath, outPath] = process.argv.slice(2) as [string, string];
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(`${outPath}.${process.pid}`, (await bundleWorkflows(workflowsPath)).code);
  await rename(`${outPath}.${process.pid}`, outPath); // whole, even with two workers starting at once
}
