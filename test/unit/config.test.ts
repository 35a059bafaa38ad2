// The worker's cache sized from the memory it has (WORKER_MAX_CACHED_WORKFLOWS=auto), or as set.
import { expect, test } from 'vitest';
import { autoCacheSize, HEAP_PER_CACHED_WORKFLOW, loadConfig } from '../../config';

test('auto: a quarter of the heap limit per cached workflow, between 100 and 5,000', () => {
  const MB = 1024 * 1024;
  expect(autoCacheSize(4288 * MB)).toBe(5_000);
  expect(autoCacheSize(512 * MB)).toBe(Math.floor((512 * MB) / 4 / HEAP_PER_CACHED_WORKFLOW));
  expect(autoCacheSize(16 * MB)).toBe(100);
  expect(loadConfig({}).worker.maxCachedWorkflows).toBe(autoCacheSize());
  expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '250' }).worker.maxCachedWorkflows).toBe(250);
  expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
});
