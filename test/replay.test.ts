// Recorded histories replayed against the current workflow code: a change that would break running
// CUs fails here. When workflow logic changes on purpose, guard it with patched() and record anew.
import { readdirSync, readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { expect, inject, test } from 'vitest';
import { dataConverterOf } from '../config';
import { testConfig } from './support/temporal';

const dir = new URL('./histories/', import.meta.url);
// Histories recorded since payloads are encrypted hold ciphertext under the tests' keys.
const dataConverter = dataConverterOf(testConfig());
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('recorded histories exist', () => {
  expect(files.length).toBeGreaterThanOrEqual(2);
});

test.each(files)('replays %s', async (file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
  await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter }, history, file);
});
