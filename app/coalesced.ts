// A read that many requests ask at once, run at most once at a time. A caller that arrives while a run
// is under way joins the next run, which starts after it asked: so it sees every write committed
// before it asked, as if it had run the read itself, and fifty callers cost two runs, not fifty.
const ignore = () => undefined;

export function coalesced<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const start = () => {
    const running = run();
    current = running;
    const done = () => {
      if (current === running) current = undefined;
    };
    running.then(done, done);
    return running;
  };
  return () => {
    if (!current) return start();
    queued ??= current.then(ignore, ignore).then(() => {
      queued = undefined;
      return start();
    });
    return queued;
  };
}
