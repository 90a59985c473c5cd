import type { Db } from '../database.js';
import { parseJson } from '../json.js';

export const STRATEGIES = [
  'fill-first',
  'round-robin',
  'power-of-two',
  'random',
  'least-used',
  'cost-optimized',
  'weighted',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface ComboRecord {
  name: string;
  strategy: Strategy;
  /** Steps: `provider/model`, another combo's name, or an alias. */
  models: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ComboInput = Pick<ComboRecord, 'name' | 'strategy' | 'models' | 'enabled'>;

interface Row {
  name: string;
  strategy: string;
  models: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: Row): ComboRecord => ({
  name: r.name,
  strategy: r.strategy as Strategy,
  models: parseJson<string[]>(r.models, []),
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class CombosRepo {
  constructor(private readonly db: Db) {}

  list(): ComboRecord[] {
    return (this.db.prepare('SELECT * FROM combos ORDER BY name').all() as Row[]).map(fromRow);
  }

  get(name: string): ComboRecord | undefined {
    const row = this.db.prepare('SELECT * FROM combos WHERE name = ?').get(name) as Row | undefined;
    return row && fromRow(row);
  }

  upsert(input: ComboInput, now = Date.now()): boolean {
    const existing = this.get(input.name);
    const models = JSON.stringify(input.models);
    const enabled = input.enabled ? 1 : 0;
    if (existing) {
      if (
        existing.strategy === input.strategy &&
        JSON.stringify(existing.models) === models &&
        existing.enabled === input.enabled
      )
        return false;
      this.db
        .prepare('UPDATE combos SET strategy=?, models=?, enabled=?, updated_at=? WHERE name=?')
        .run(input.strategy, models, enabled, now, input.name);
      return true;
    }
    this.db
      .prepare(
        'INSERT INTO combos (name, strategy, models, enabled, created_at, updated_at) VALUES (?,?,?,?,?,?)',
      )
      .run(input.name, input.strategy, models, enabled, now, now);
    return true;
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM combos WHERE name = ?').run(name).changes > 0;
  }
}
