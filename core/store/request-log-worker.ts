import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The state the writer thread shares with the main thread (an Int32Array over shared memory). */
export const COMMITTED = 0; // seq of the last batch written (or given up on)
export const FAILED = 1; // rows the thread could not write
export const CLOSED = 2; // 1 once the thread closed its connection

export interface LogThreadOptions {
  /** The database file (already migrated by the main connection). */
  file: string;
  nativeBinding?: string;
  insertSql: string;
  state: SharedArrayBuffer;
}

/**
 * The thread's whole program. It is shipped as source (`eval`), so it must not close over
 * anything, and it loads modules only through `load`: it reaches better-sqlite3 through the path
 * the main thread resolved, which works the
 * same from the TypeScript sources (tests), tsc's output (Electron) and the CLI bundle, where a
 * separate worker file would need a different path in each.
 */
function logThread(load: NodeJS.Require): void {
  // The slots of the shared state, spelled as numbers here: see COMMITTED, FAILED, CLOSED.
  const { parentPort, workerData } = load('node:worker_threads') as typeof import('node:worker_threads');
  const o = workerData as LogThreadOptions & { modulePath: string };
  const Database = load(o.modulePath) as typeof import('better-sqlite3');
  const db = new Database(o.file, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const state = new Int32Array(o.state);
  const insert = db.prepare(o.insertSql);
  const write = db.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(row);
  });
  parentPort!.on('message', (m: { seq: number; rows: unknown[][] } | 'close') => {
    if (m === 'close') {
      db.close();
      Atomics.store(state, 2, 1);
      Atomics.notify(state, 2);
      parentPort!.close();
      return;
    }
    try {
      write(m.rows);
    } catch (err) {
      // One bad row must not cost the batch: the rest go in one by one.
      let failed = 0;
      for (const row of m.rows) {
        try {
          insert.run(row);
        } catch {
          failed++;
        }
      }
      Atomics.add(state, 1, failed);
      parentPort!.postMessage({ error: (err as Error).message, rows: failed });
    }
    Atomics.store(state, 0, m.seq);
    Atomics.notify(state, 0);
  });
}

/** Whether this thread may block on Atomics.wait (a browser-like main thread may not). */
export function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

export function startLogThread(o: LogThreadOptions): Worker {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  // `require` is handed in from the thread's own scope: written inside the function, a bundler
  // would rewrite it to its own shim, which does not exist in the thread.
  return new Worker(`(${logThread.toString()})(require)`, {
    eval: true,
    workerData: { ...o, modulePath },
    // Its heap holds one batch at a time: a small young generation keeps its memory small.
    resourceLimits: { maxYoungGenerationSizeMb: 2 },
    stdout: false,
    stderr: false,
  });
}
