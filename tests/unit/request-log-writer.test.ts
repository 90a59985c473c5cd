import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase } from '../../core/store/database.js';
import { RequestLogWriter, type RequestLogEntry } from '../../core/store/request-log.js';
import { tempDir } from '../helpers/core.js';

const entry = (i: number, over: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  id: `r${i}`,
  ts: 1_000 + i,
  callerFormat: 'openai-chat',
  attempts: 1,
  status: 200,
  stream: false,
  ...over,
});

describe('request log writer', () => {
  it('writes the good rows of a batch that holds a bad one, says how many it lost, and does not throw', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const errors: string[] = [];
    const w = new RequestLogWriter(db, { onError: (m) => errors.push(m) });
    w.record(entry(1));
    w.record(entry(2, { requestedModel: {} as unknown as string })); // SQLite can't bind an object
    w.record(entry(3));
    expect(w.flush()).toBe(3);
    db.close();
    const check = new Database(path.join(dir, DB_FILE), { readonly: true });
    expect(check.prepare('SELECT id FROM request_log ORDER BY id').all()).toEqual([
      { id: 'r1' },
      { id: 'r3' },
    ]);
    check.close();
    expect(errors).toHaveLength(1);
    // SQLite refuses the object (as positional arguments, it counts as no value at all).
    expect(errors[0]).toMatch(/^request log: 1 rows not written: (Too few parameter|.*bind)/);
  });
});
