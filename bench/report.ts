// Generating the report for all 98 municipalities, each format on its own.
import { MUNICIPALITIES } from '../domain/municipalities';
import { answersXlsx } from '../report/answers-export';
import { reportDocx } from '../report/docx';
import { reportHtml } from '../report/html';
import { reportModel } from '../report/model';
import { answerFor, settledCuState } from '../fixtures/round';
import type { BenchResult } from './result';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const longText = (code: string, topic: string) => `${topic} i kommune ${code}. `.repeat(40); // ~1.500 characters each
const state = settledCuState(
  MUNICIPALITIES.map((m) => m.code),
  {
    answer: (code) => ({
      ...answerFor(code),
      identifikation: longText(code, 'Identifikation via myndighedssager'),
      koordinering: longText(code, 'Koordinering med regionen og psykiatrien'),
      fremadrettet: longText(code, 'Fremadrettet tilrettelæggelse'),
    }),
  },
);

async function time(name: string, fn: () => unknown) {
  await fn(); // warm-up
  const samples: number[] = [];
  let size = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const out = await fn();
    samples.push(performance.now() - start);
    size = typeof out === 'string' ? out.length : (out as Buffer).length;
  }
  samples.sort((a, b) => a - b);
  const at = (i: number) => +(samples[i] ?? 0).toFixed(1);
  return { name, rounds: ROUNDS, p50: at(Math.floor(ROUNDS / 2)), max: at(samples.length - 1), bytes: size };
}

export async function benchReport(): Promise<BenchResult> {
  const results = [
    await time('report model (98 municipalities)', () => JSON.stringify(reportModel(state, { threshold: 4 }))),
    await time('DOCX, protected', () => reportDocx(reportModel(state, { threshold: 4 }))),
    await time('HTML page, protected', () => reportHtml(reportModel(state, { threshold: 4 }))),
    await time('XLSX of all answers', () => answersXlsx(state)),
  ];
  return {
    name: `The regional report for all 98 municipalities (~1,500 characters in each text), ${ROUNDS} rounds each`,
    command: 'npm run bench -- report',
    comparisons: [],
    notes: results.map((r) => [r.name, `p50 ${r.p50} ms, max ${r.max} ms, ${Math.round(r.bytes / 1024)} kB`]),
    raw: results,
  };
}
