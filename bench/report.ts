// Benchmark (issue 5): generating the report for all 98 municipalities, each format on its own.
//   npm run bench:report
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUNICIPALITIES } from '../domain/municipalities';
import { answersXlsx } from '../report/answers-export';
import { reportDocx } from '../report/docx';
import { reportHtml } from '../report/html';
import { reportModel } from '../report/model';
import { answerFor, settledCuState } from '../test/support/fixtures';

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

async function time(name: string, fn: () => Promise<unknown> | unknown) {
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
  return { name, rounds: ROUNDS, p50: +samples[Math.floor(ROUNDS / 2)]!.toFixed(1), max: +samples.at(-1)!.toFixed(1), bytes: size };
}

const results = [
  await time('report model (98 municipalities)', () => JSON.stringify(reportModel(state, { threshold: 4 }))),
  await time('DOCX, protected', () => reportDocx(reportModel(state, { threshold: 4 }))),
  await time('HTML page, protected', () => reportHtml(reportModel(state, { threshold: 4 }))),
  await time('XLSX of all answers', () => answersXlsx(state)),
];
const report = { date: new Date().toISOString(), node: process.version, heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), results };
writeFileSync(join('bench', 'results', `report-${report.date.slice(0, 10)}.json`), JSON.stringify(report, null, 2));
console.log('| generation | rounds | p50 ms | max ms | size |\n|---|---|---|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.rounds} | ${r.p50} | ${r.max} | ${Math.round(r.bytes / 1024)} kB |`);
console.log(`RSS after: ${report.rssMb} MB`);
