/** What the backup feature offers the other features and the doors; everything else is private to it. */
export { backupHandlers } from './backup.handlers';
export { createBackup, dailyBackupIfDue, listBackups, restoreFromFile, writeBackupFile } from './backup.service';
