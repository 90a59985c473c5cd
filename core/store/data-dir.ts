import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DataDirSources {
  /** `--data-dir` */
  flag?: string;
  /** The Electron shell passes app.getPath('userData'). */
  electronUserData?: string;
  env?: NodeJS.ProcessEnv;
}

/** Precedence: Electron userData, `--data-dir`, `$DATA_DIR`, else `~/.omniroute`. */
export function resolveDataDir(sources: DataDirSources = {}): string {
  const env = sources.env ?? process.env;
  const chosen =
    sources.electronUserData || sources.flag || env.DATA_DIR || path.join(os.homedir(), '.omniroute');
  return path.resolve(chosen.replace(/^~(?=$|[\\/])/, os.homedir()));
}

/** Owner-only modes: the data dir and its folders, and every file holding data or a secret. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * Files in the data dir that hold a secret: the data key (plain, and wrapped by the desktop
 * shell's safeStorage: electron/key-provider.ts) and the management API's token.
 */
const SECRET_FILES = ['secret.key', 'secret.key.safe', 'admin.token'];

/**
 * chmod, where modes mean something (not on Windows, whose ACLs already keep a user's profile
 * to that user). Best effort: a file that does not exist, or is not ours to change (a data dir
 * another user owns), is left as it is rather than stopping the start.
 */
export function restrictMode(file: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(file, mode);
  } catch {}
}

/**
 * An empty file, created owner-only before SQLite writes to it (SQLite treats an empty file as
 * an empty database; VACUUM INTO accepts one as its target). SQLite creates the -wal, -shm and
 * journal files with the database file's mode, so they are owner-only too.
 */
export function createPrivateFile(file: string): void {
  try {
    writeFileSync(file, '', { mode: FILE_MODE, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  restrictMode(file, FILE_MODE);
}

/**
 * Creates the data dir if needed and makes it the owner's only: the dir and its backups folder
 * 0700, the key, token and backup files 0600 — also when they already existed with looser modes
 * (an older version, a umask, a copy). The database files are tightened when opened (database.ts).
 */
export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  restrictMode(dir, DIR_MODE);
  for (const name of SECRET_FILES) restrictMode(path.join(dir, name), FILE_MODE);
  const backups = path.join(dir, 'backups');
  if (existsSync(backups)) {
    restrictMode(backups, DIR_MODE);
    for (const e of readdirSync(backups, { withFileTypes: true }))
      if (e.isFile()) restrictMode(path.join(backups, e.name), FILE_MODE);
  }
  return dir;
}
