// `npm run bench`: every benchmark, each figure next to its baseline from the same run, written to
// docs/benchmarks.md (between its markers; the prose around them is kept) and bench/results/.
//   npm run bench                 all of them (well over half an hour on 2 cores)
//   npm run bench -- api heap     some of them: api, rounds, heap, round, report, launch, search, pages, socket
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { benchApi } from './api';
import { benchLaunch } from './launch';
import { benchPages } from './pages';
import { benchPostgresSocket } from './postgres-socket';
import { benchReport } from './report';
import type { BenchResult, Comparison } from './result';
import { benchRoundTimeSkipping } from './round-time-skipping';
import { benchRounds } from './rounds';
import { benchSearch } from './search';
import { benchWorkflowHeap } from './workflow-heap';

const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  api: benchApi,
  rounds: benchRounds,
  heap: benchWorkflowHeap,
  round: benchRoundTimeSkipping,
  report: benchReport,
  launch: benchLaunch,
  search: benchSearch,
  pages: benchPages,
  socket: benchPostgresSocket,
};
const DOC = join('docs', 'benchmarks.md');
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
});

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHMARKS);
const unknown = chosen.filter((name) => !BENCHMARKS[name]);
if (unknown.length) throw new Error(`Unknown benchmarks: ${unknown.join(', ')} (there are ${Object.keys(BENCHMARKS).join(', ')})`);

const date = new Date().toISOString();
const machine = `${cpus().length} cores, Node ${process.version}`;
// The newest result of every benchmark: a run of some of them keeps the others' figures (with their date).
const LATEST = join('bench', 'results', 'latest.json');
type Dated = BenchResult & { date: string; machine: string };
const latest = (existsSync(LATEST) ? JSON.parse(readFileSync(LATEST, 'utf8')) : {}) as Record<string, Dated>;
const results: Dated[] = [];
for (const name of chosen) {
  console.log(`[bench] ${name} …`);
  const started = performance.now();
  const run = BENCHMARKS[name];
  if (!run) continue;
  latest[name] = { ...(await run()), date, machine };
  results.push(latest[name]);
  console.log(`[bench] ${name} done in ${Math.round((performance.now() - started) / 1000)} s`);
}
writeFileSync(LATEST, JSON.stringify(latest, null, 2));

const number = (n: number) => n.toLocaleString('da-DK', { maximumFractionDigits: 2 });
const verdict = (c: Comparison) => (c.ratio <= c.target ? 'met' : `missed by ${number(c.ratio / c.target)}×`);
const row = (c: Comparison) =>
  `| ${c.measurement} | ${number(c.udmeld)} ${c.unit} | ${number(c.baseline)} ${c.unit} (${c.baselineName}) | ${number(c.ratio)}× | ≤ ${number(c.target)}× | ${verdict(c)} |`;

const figures = [
  START,
  'Raw data of each run in `bench/results/bench-<date>.json`; the newest of each benchmark in `bench/results/latest.json`.',
  'A ratio is udmeld over its baseline for a time or a size, and the baseline over udmeld for a throughput: lower is better, and the target is the largest ratio allowed.',
  '',
  ...Object.keys(BENCHMARKS)
    .flatMap((name) => (latest[name] ? [latest[name]] : []))
    .flatMap((r) => [
      `### ${r.name}`,
      '',
      `\`${r.command}\` — ${r.date.slice(0, 10)}, ${r.machine}`,
      '',
      ...(r.comparisons.length
        ? ['| measurement | udmeld | baseline | ratio | target | |', '|---|---|---|---|---|---|', ...r.comparisons.map(row), '']
        : []),
      ...(r.notes.length ? [...r.notes.map(([what, value]) => `- ${what}: ${value}`), ''] : []),
    ]),
  END,
].join('\n');

const doc = readFileSync(DOC, 'utf8');
const [before, rest] = doc.includes(START) ? doc.split(START) : [doc, `${END}`];
const after = (rest ?? '').split(END)[1] ?? '';
writeFileSync(DOC, `${before}${figures}${after}`);
writeFileSync(
  join('bench', 'results', `bench-${date.slice(0, 16).replace(':', '')}.json`),
  JSON.stringify({ date, machine, results }, null, 2),
);
console.log(figures);
process.exit(0);
