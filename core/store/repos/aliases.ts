import type { Db } from '../db.js';

/** A model alias: `pattern` (may use `*` and `?`) → `target` (may use `$1`…`$9`). */
export interface AliasRecord {
  pattern: string;
  target: string;
}

export class AliasesRepo {
  constructor(private readonly db: Db) {}

  /** Oldest first: among equally specific patterns the one added first wins. */
  list(): AliasRecord[] {
    return this.db
      .prepare('SELECT pattern, target FROM aliases ORDER BY created_at, pattern')
      .all() as AliasRecord[];
  }

  get(pattern: string): AliasRecord | undefined {
    return this.db.prepare('SELECT pattern, target FROM aliases WHERE pattern = ?').get(pattern) as
      AliasRecord | undefined;
  }

  /** Creates or retargets. Returns true when something changed; a retarget keeps its place. */
  upsert(input: AliasRecord, now = Date.now()): boolean {
    const cur = this.get(input.pattern);
    if (cur?.target === input.target) return false;
    this.db
      .prepare(
        `INSERT INTO aliases (pattern, target, created_at) VALUES (?, ?, ?)
         ON CONFLICT (pattern) DO UPDATE SET target=excluded.target`,
      )
      .run(input.pattern, input.target, now);
    return true;
  }

  delete(pattern: string): boolean {
    return this.db.prepare('DELETE FROM aliases WHERE pattern = ?').run(pattern).changes > 0;
  }
}
