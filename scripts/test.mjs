// `npm test`: installs what is missing, type-checks, runs every test once, and ends with one
// plain summary line ("N passed, N failed").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap, onProjectNode, ROOT } from './bootstrap.mjs';

onProjectNode();
bootstrap({ forTests: true });

const run = (args) => spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;

// The checks that need no servers come first: a failure there ends the run at once.
const checks = [
  ['type check', ['tsc', '-p', '.']],
  ['lint (ESLint, typescript-eslint type-checked, 0 warnings)', ['eslint', '.', '--max-warnings', '0']],
  ['format (Prettier)', ['prettier', '--check', '--log-level', 'warn', '.']],
];
for (const [name, args] of checks) {
  console.log(`[test] ${name}`);
  if (run(args) !== 0) {
    console.log(`tests: 0 passed, 1 failed (${name})`);
    process.exit(1);
  }
}

const report = join(mkdtempSync(join(tmpdir(), 'udmeld-vitest-')), 'report.json');
const status = run(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
let summary = { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0 };
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error('[test] vitest wrote no report');
}
console.log(`tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`);
process.exit(status === 0 && summary.numFailedTests === 0 && summary.numPassedTests > 0 ? 0 : 1);
