// `npm start`: installs what is missing, then runs the whole system (scripts/run-system.ts).
// `npm run cluster`: the same for the production topology (scripts/cluster/main.ts).
import { spawn } from 'node:child_process';
import { bootstrap, ensureHaproxy, ensurePostgres, ensureTemporalServer, onProjectNode, ROOT } from './bootstrap.mjs';

const cluster = process.argv[2] === 'cluster';
onProjectNode();
bootstrap();
if (cluster) {
  ensurePostgres();
  ensureTemporalServer();
  ensureHaproxy();
}
const entry = cluster ? 'scripts/cluster/main.ts' : 'scripts/run-system.ts';
const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
