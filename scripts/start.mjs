// `npm start`: installs what is missing, then runs the whole system (scripts/run-system.ts).
import { spawn } from 'node:child_process';
import { bootstrap, ROOT } from './bootstrap.mjs';

bootstrap();
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-system.ts'], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
