// Small-number protection: counts from 1 to the threshold are shown as a range in everything that
// leaves the secretariat, and a total never gives a suppressed cell away.
export const DEFAULT_THRESHOLD = 4;
/** Marks a cell hidden only so that a total cannot reveal a small one. */
export const COMPLEMENTARY = 'x';

const format = new Intl.NumberFormat('da-DK');

export function smallRange(threshold: number): string {
  return `1-${threshold}`;
}

export interface ProtectedCounts {
  cells: Record<string, string>;
  total: string;
  suppressed: number;
}

/**
 * Formats a column of counts and its total. With `threshold` undefined the figures are exact (the
 * secretariat's view). Otherwise small cells show as a range, and further cells are hidden
 * (complementary suppression, smallest first) until the hidden cells are at least two and add up to
 * more than the threshold; if that cannot be done, the total is shown as a range as well.
 */
export function protectCounts(values: Record<string, number>, threshold?: number): ProtectedCounts {
  const total = Object.values(values).reduce((a, b) => a + b, 0);
  if (threshold === undefined) {
    return {
      cells: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, format.format(v)])),
      total: format.format(total),
      suppressed: 0,
    };
  }
  const small = (v: number) => v >= 1 && v <= threshold;
  const valueOf = (k: string) => values[k] ?? 0;
  const hidden = new Set(Object.keys(values).filter((k) => small(valueOf(k))));
  const complementary = new Set<string>();
  let totalHidden = small(total);
  if (hidden.size > 0 && !totalHidden) {
    // "Total minus the visible cells" must not single out one cell, nor be a small number itself.
    const candidates = Object.keys(values)
      .filter((k) => !hidden.has(k) && valueOf(k) > 0)
      .sort((a, b) => valueOf(a) - valueOf(b));
    const hiddenSum = () => [...hidden, ...complementary].reduce((sum, k) => sum + valueOf(k), 0);
    while (hidden.size + complementary.size === 1 || hiddenSum() <= threshold) {
      const next = candidates.shift();
      if (!next) {
        totalHidden = true;
        break;
      }
      complementary.add(next);
    }
  }
  const cells = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      hidden.has(k) ? smallRange(threshold) : complementary.has(k) ? COMPLEMENTARY : format.format(v),
    ]),
  );
  return { cells, total: totalHidden ? smallRange(threshold) : format.format(total), suppressed: hidden.size + complementary.size };
}

export function protectCount(value: number, threshold?: number): string {
  return threshold !== undefined && value >= 1 && value <= threshold ? smallRange(threshold) : format.format(value);
}
