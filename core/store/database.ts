import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;
export const DB_FILE = 'omniroute.db';

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for this runtime (the Electron shell passes its own). */
  nativeBinding?: string;
  migrations?: Migration[];
  /** Called with the backup path before pending migrations run on an existing database. */
  onBackup?: (file: string) => void;
}

export class NativeModuleError extends Error {
  constructor(cause: unknown) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    super(
      `The SQLite native module (better-sqlite3) could not be loaded for this runtime: ${msg}. ` +
        'It was built for a different Node.js/Electron version. Run `npm rebuild better-sqlite3` ' +
        '(headless) or reinstall the app (desktop).',
    );
    this.name = 'NativeModuleError';
  }
}

export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  const file = path.join(dataDir, DB_FILE);
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    if (
      /NODE_MODULE_VERSION|was compiled against|invalid ELF|Could not locate the bindings|dlopen/i.test(
        String(err),
      )
    ) {
      throw new NativeModuleError(err);
    }
    throw err;
  }
  // WAL with synchronous=NORMAL: a committed transaction survives a process crash (SIGKILL);
  // only an OS crash can lose the last few, which is the trade every desktop app makes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, dataDir, options);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, dataDir: string, options: OpenOptions): void {
  const migrations = options.migrations ?? MIGRATIONS;
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  if (current > 0) {
    // A copy of the database as it was, so a failed or unwanted migration can be undone by hand.
    const dir = path.join(dataDir, 'backups');
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `omniroute-v${current}-${Date.now()}.db`);
    db.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
    options.onBackup?.(file);
  }
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
