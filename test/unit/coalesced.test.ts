import { describe, expect, it } from 'vitest';
import { coalesced } from '../../app/coalesced';

/** A read of a counter that changes while reads are under way, each read finished by hand. */
function readsOfCounter() {
  let value = 0;
  const pending: (() => void)[] = [];
  const runs: number[] = [];
  const read = coalesced(
    () =>
      new Promise<number>((resolve) => {
        const seen = value;
        runs.push(seen);
        pending.push(() => resolve(seen));
      }),
  );
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { read, runs, finishNext, write: () => (value += 1) };
}

describe('a read many ask at once', () => {
  it('runs once for all who ask while it runs, and once more for those who asked during it', async () => {
    const c = readsOfCounter();
    const first = c.read();
    c.write();
    const during = Array.from({ length: 50 }, () => c.read());
    expect(c.runs).toEqual([0]);
    await c.finishNext();
    expect(await first).toBe(0);
    expect(c.runs).toEqual([0, 1]);
    await c.finishNext();
    // Everyone who asked after the write sees it: their run started after they asked.
    expect(new Set(await Promise.all(during))).toEqual(new Set([1]));
    expect(c.runs).toHaveLength(2);
  });

  it('starts afresh once nothing runs, and a failed run does not stop the next', async () => {
    let fail = true;
    const read = coalesced(async () => {
      if (fail) throw new Error('nede');
      return 'ok';
    });
    const failing = read();
    const queued = read();
    fail = false;
    await expect(failing).rejects.toThrow('nede');
    expect(await queued).toBe('ok');
    expect(await read()).toBe('ok');
  });
});
