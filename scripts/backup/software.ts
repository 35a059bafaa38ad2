// What wrote a backup: udmeld's version and commit, and Node's version.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

export async function softwareVersion(): Promise<{ udmeld: string; commit?: string; node: string }> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const commit = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: new URL('../..', import.meta.url) }).then(
    (r) => r.stdout.trim(),
    () => undefined,
  );
  return { udmeld: pkg.version, ...(commit ? { commit } : {}), node: process.version };
}
