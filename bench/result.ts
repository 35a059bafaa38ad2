// What every benchmark returns: its figures next to their baselines from the same run, each with
// the ratio and the target it is held to, and the raw data behind them.
export interface Comparison {
  measurement: string;
  udmeld: number;
  baseline: number;
  baselineName: string;
  unit: string;
  /** udmeld ÷ baseline for costs (time, memory); baseline ÷ udmeld for throughputs. */
  ratio: number;
  /** The largest ratio that meets the target. */
  target: number;
}

export interface BenchResult {
  name: string;
  command: string;
  comparisons: Comparison[];
  /** Further figures without a baseline (written down, not judged). */
  notes: [string, string][];
  raw: unknown;
}

export function cost(
  measurement: string,
  udmeld: number,
  baseline: number,
  baselineName: string,
  unit: string,
  target: number,
): Comparison {
  return { measurement, udmeld, baseline, baselineName, unit, ratio: +(udmeld / baseline).toFixed(2), target };
}

export function throughput(
  measurement: string,
  udmeld: number,
  baseline: number,
  baselineName: string,
  unit: string,
  target: number,
): Comparison {
  return { measurement, udmeld, baseline, baselineName, unit, ratio: +(baseline / udmeld).toFixed(2), target };
}
