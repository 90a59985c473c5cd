import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { createPrivateFile, DIR_MODE, FILE_MODE, restrictMode } from './data-dir.js';
import type { Db } from './db.js';

/** Snapshots live here, next to the ones taken before migrations. */
export const BACKUP_DIR = 'backups';

export interface BackupInfo {
  name: string;
  bytes: number;
  createdAt: number;
}

const NAME = /^omniroute-[A-Za-z0-9._-]+\.db$/;

/** A bare file name of ours: nothing that could point outside the backups folder. */
export function isBackupName(name: string): boolean {
  return NAME.test(name) && !name.includes('..') && path.basename(name) === name;
}

function info(dir: string, name: string): BackupInfo {
  const st = statSync(path.join(dir, name));
  return { name, bytes: st.size, createdAt: Math.round(st.mtimeMs) };
}

/**
 * A consistent copy of the whole database (VACUUM INTO: one read transaction, so concurrent
 * writes are either in it or not). Secrets stay sealed: the copy holds the same ciphertext
 * and is useless without the data key. The file is 0600 from its first byte, in a 0700 folder.
 */
export function createBackup(db: Db, dataDir: string, now = new Date()): BackupInfo {
  const dir = path.join(dataDir, BACKUP_DIR);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let name = `omniroute-${stamp}.db`;
  for (let n = 2; existsSync(path.join(dir, name)); n++) name = `omniroute-${stamp}-${n}.db`;
  snapshotInto(db, dataDir, name);
  return info(dir, name);
}

/**
 * Copies the database to the backups folder as `name` (a user's backup, or the copy taken before
 * migrations run) and returns the file's path.
 */
export function snapshotInto(db: Db, dataDir: string, name: string): string {
  const dir = path.join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  restrictMode(dir, DIR_MODE);
  const file = path.join(dir, name);
  createPrivateFile(file);
  db.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  restrictMode(file, FILE_MODE);
  return file;
}

/** Newest first; migration backups (omniroute-v<n>-<time>.db) included. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = path.join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(isBackupName)
    .map((name) => info(dir, name))
    .sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/** False when there is no such backup. Throws for a name that is not a backup's. */
export function deleteBackup(dataDir: string, name: string): boolean {
  if (!isBackupName(name)) throw new Error(`"${name}" is not a backup name`);
  const file = path.join(dataDir, BACKUP_DIR, name);
  if (!existsSync(file)) return false;
  unlinkSync(file);
  return true;
}
