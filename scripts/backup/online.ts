// A backup of a running local system: its embedded database has one user, the running process, so
// `npm run backup` asks that process (SIGUSR2, with a request file in DATA_DIR) and waits for its answer.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BackupManifest } from '../../crypto/backup-archive';

type Taken = { file: string; manifest: BackupManifest };
type Answer = { id: string } & (Taken | { error: string });

const pidFile = (dataDir: string) => join(dataDir, 'udmeld.pid');
const requestFile = (dataDir: string) => join(dataDir, 'backup-request.json');
const answerFile = (dataDir: string) => join(dataDir, 'backup-answer.json');

/** The running system's process id, if one runs on this data folder. */
export function runningSystem(dataDir: string): number | undefined {
  if (!existsSync(pidFile(dataDir))) return undefined;
  const pid = Number(readFileSync(pidFile(dataDir), 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** In the running system: answers each request with a backup; returns what to call at stop. */
export function serveOnlineBackups(dataDir: string, take: () => Promise<Taken>): () => void {
  writeFileSync(pidFile(dataDir), String(process.pid));
  let busy = Promise.resolve();
  const onRequest = () => {
    busy = busy.then(async () => {
      if (!existsSync(requestFile(dataDir))) return;
      const { id } = JSON.parse(readFileSync(requestFile(dataDir), 'utf8')) as { id: string };
      rmSync(requestFile(dataDir), { force: true });
      const answer: Answer = await take().then(
        (taken) => ({ id, ...taken }),
        (err: unknown) => ({ id, error: err instanceof Error ? err.message : String(err) }),
      );
      writeFileSync(answerFile(dataDir), JSON.stringify(answer));
    });
  };
  process.on('SIGUSR2', onRequest);
  return () => {
    process.off('SIGUSR2', onRequest);
    rmSync(pidFile(dataDir), { force: true });
  };
}

/** From `npm run backup`: asks the running system and waits for its backup (at most 10 minutes). */
export async function askRunningSystem(dataDir: string, pid: number): Promise<Taken> {
  const id = randomUUID();
  writeFileSync(requestFile(dataDir), JSON.stringify({ id }));
  process.kill(pid, 'SIGUSR2');
  for (const until = Date.now() + 600_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    if (!existsSync(answerFile(dataDir))) continue;
    const answer = JSON.parse(readFileSync(answerFile(dataDir), 'utf8')) as Answer;
    if (answer.id !== id) continue;
    rmSync(answerFile(dataDir), { force: true });
    if ('error' in answer) throw new Error(answer.error);
    return answer;
  }
  throw new Error('Det kørende udmeld svarede ikke inden for 10 minutter');
}
