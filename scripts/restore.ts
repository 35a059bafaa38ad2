// `npm run restore <file>`: brings a fresh data folder (DATA_DIR; the embedded default) or fresh, empty
// databases (DATABASE_URL, and BACKUP_TEMPORAL_DATABASES for the Temporal server's) to the backup's
// state, and adds what the journal of sent e-mail in BACKUP_DIR says went out after it. Start udmeld
// afterwards: the check (/sekretariat/kontrol) reports what happened after the backup.
import { loadConfig } from '../config';
import { BackupError } from '../crypto/backup-archive';
import { backupKeys } from './backup/keys';
import { runningSystem } from './backup/online';
import { restoreBackup } from './backup/restore';

const file = process.argv[2];
if (!file) {
  console.error('Brug: npm run restore <sikkerhedskopi>');
  process.exit(2);
}
const config = loadConfig();
if (!config.database.url && runningSystem(config.dataDir)) {
  console.error(`udmeld kører på ${config.dataDir}: stop det, og læg kopien tilbage i en ny datamappe.`);
  process.exit(2);
}
const started = Date.now();
try {
  const restored = await restoreBackup(
    file,
    config.database.url
      ? {
          kind: 'postgres',
          recordUrl: config.database.url,
          ...(config.backup.temporalDatabases ? { temporalUrls: config.backup.temporalDatabases } : {}),
        }
      : { kind: 'embedded', dataDir: config.dataDir },
    { keys: await backupKeys(config), journalFile: config.mail.journalFile },
  );
  console.log(`Lagt tilbage fra sikkerhedskopien taget ${restored.manifest.createdAt} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  console.log(`  ${restored.sentAfterBackup.length} e-mails gik ud efter kopien og er nu noteret som sendt, så de ikke sendes igen.`);
  console.log('  Start udmeld (npm start) og se /sekretariat/kontrol for, hvad der skete efter kopien.');
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(err.message);
  process.exit(1);
}
