// The backup key: BACKUP_KEYS, or the file BACKUP_KEYS_FILE (by default ~/.config/udmeld/backup-keys),
// made on the first backup of a machine without one. Keep a copy of it apart from the backups (a
// password vault): without it no backup opens, and with it alone nobody has the data.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateBackupKey, parseBackupKeys, type BackupKeys } from '../../crypto/backup-archive';
import type { Config } from '../../config';

export async function backupKeys(config: Config, log: (line: string) => void = console.log): Promise<BackupKeys> {
  if (config.backup.keys) return config.backup.keys;
  const file = config.backup.keysFile;
  if (existsSync(file)) return parseBackupKeys((await readFile(file, 'utf8')).trim());
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const spec = generateBackupKey();
  await writeFile(file, `${spec}\n`, { mode: 0o600, flag: 'wx' });
  log(
    `Ny nøgle til sikkerhedskopier i ${file}. Gem en kopi et andet sted end kopierne (fx i en adgangskodeboks): uden den kan de ikke åbnes.`,
  );
  return parseBackupKeys(spec);
}
