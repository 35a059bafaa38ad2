// The last few things made, by key: asked again while one is being made or after, the one made serves
// (newest use kept longest); a failed making is forgotten, so the next ask makes it again.
export function recentlyMade<T>(size: number): (key: string, make: () => Promise<T>) => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return (key, make) => {
    let value = made.get(key);
    if (value) {
      made.delete(key);
    } else {
      value = make();
      const failed = value;
      failed.catch(() => made.get(key) === failed && made.delete(key));
      const oldest = made.keys().next().value;
      if (made.size >= size && oldest !== undefined) made.delete(oldest);
    }
    made.set(key, value);
    return value;
  };
}
