// Reads a V8 CPU profile (bench/worker.ts with BENCH_CPU_PROFILE) and prints where the time went:
// self time by function and by module (a package, or a file of udmeld's), largest first.
// `npx tsx bench/profile-summary.ts <file.cpuprofile> [rows]`
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rows = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [rows]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

function moduleOf(url: string): string {
  if (!url) return '(native, gc, idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith('node:')) return url;
  return url.replace(/^.*\/(udmeld|main|[^/]+)\/(?=[a-z-]+\/)/, '');
}

function table(title: string, key: (n: ProfileNode) => string) {
  const sums = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (node) sums.set(key(node), (sums.get(key(node)) ?? 0) + ms);
  }
  console.log(`\n${title} (of ${(total / 1000).toFixed(1)} s sampled)`);
  for (const [name, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(rows)))
    console.log(`${((ms / total) * 100).toFixed(1).padStart(5)} %  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
}

/** Time with the function anywhere on the stack (each sample counted once per function), udmeld's own code only. */
function inclusive(title: string) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sums = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node || !node.callFrame.url || node.callFrame.url.includes('node_modules') || node.callFrame.url.startsWith('node:')) continue;
      seen.add(`${node.callFrame.functionName || '(anonymous)'} ${moduleOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`);
    }
    for (const key of seen) sums.set(key, (sums.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`\n${title}`);
  for (const [name, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(rows)))
    console.log(`${((ms / total) * 100).toFixed(1).padStart(5)} %  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
}

table('Self time by module', (n) => moduleOf(n.callFrame.url));
table(
  'Self time by function',
  (n) => `${n.callFrame.functionName || '(anonymous)'} ${moduleOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`,
);
inclusive("Time inside udmeld's functions, callees included");
