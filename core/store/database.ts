import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { snapshotInto } from './backups.js';
import { createPrivateFile, FILE_MODE, restrictMode } from './data-dir.js';
import type { Db } from './db.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import type { SecretBox } from './secret-box.js';

export const DB_FILE = 'omniroute.db';

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for this runtime (the Electron shell passes its own). */
  nativeBinding?: string;
  migrations?: Migration[];
  /** Called with the backup path before pending migrations run on an existing database. */
  onBackup?: (file: string) => void;
  /** For migrations that seal stored values (the Store passes its own). */
  box?: SecretBox;
  /** Told what a migration could not do (a backup it could not update). */
  onWarning?: (message: string) => void;
  /** Told when an older database is rewritten once for incremental vacuum (it takes a while). */
  onCompact?: (message: string) => void;
}

/** The database and its WAL and shared-memory files: 0600, also when they existed before. */
function restrictDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) restrictMode(f, FILE_MODE);
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
  if (!existsSync(file)) createPrivateFile(file);
  restrictDatabaseFiles(file);
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
  // Space the request log's pruning frees goes back to the file system (log-retention.ts runs
  // `incremental_vacuum`). Takes effect only on a database without tables yet; see below.
  db.pragma('auto_vacuum = INCREMENTAL');
  // WAL with synchronous=NORMAL: a committed transaction survives a process crash (SIGKILL);
  // only an OS crash can lose the last few, which is the trade every desktop app makes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A checkpoint leaves the WAL at most this long (without it, it keeps its largest size).
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  migrate(db, dataDir, options);
  enableIncrementalVacuum(db, options);
  restrictDatabaseFiles(file);
  return db;
}

/**
 * A database created before auto_vacuum was set keeps auto_vacuum=NONE until it is rewritten:
 * one VACUUM, at start, before anything is served (seconds for a large one, once). It cannot run
 * inside a migration's transaction, hence here. When it fails (another process holds the
 * database), the next start tries again; pruning still works, the file just does not shrink.
 */
function enableIncrementalVacuum(db: Db, options: OpenOptions): void {
  if ((db.pragma('auto_vacuum', { simple: true }) as number) === 2) return;
  try {
    options.onCompact?.(
      'rewriting the database once so that pruned request-log space is given back (VACUUM)',
    );
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  } catch (err) {
    options.onCompact?.(
      `the database was not rewritten (${(err as Error).message}); retried at the next start`,
    );
  }
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
    options.onBackup?.(snapshotInto(db, dataDir, `omniroute-v${current}-${Date.now()}.db`));
  }
  const ctx = { dataDir, box: options.box, onWarning: options.onWarning };
  for (const m of pending) {
    db.transaction(() => {
      if (m.sql) db.exec(m.sql);
      m.up?.(db, ctx);
      db.pragma(`user_version = ${m.version}`);
    })();
    // Outside the transaction: ATTACH (of a backup, say) cannot run inside one.
    m.after?.(db, ctx);
  }
}
