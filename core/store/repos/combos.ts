import type { Db } from '../db.js';
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
  /** Steps (as written in `models`) that resolving skips without removing them. */
  disabledSteps?: string[];
  /** Per-step share for the `weighted` strategy, keyed by the step as written; absent = 1. */
  weights?: Record<string, number>;
  createdAt: number;
  updatedAt: number;
}

export type ComboInput = Pick<ComboRecord, 'name' | 'strategy' | 'models' | 'enabled'> &
  Partial<Pick<ComboRecord, 'disabledSteps' | 'weights'>>;

interface Row {
  name: string;
  strategy: string;
  models: string;
  enabled: number;
  options: string;
  created_at: number;
  updated_at: number;
}

function fromRow(r: Row): ComboRecord {
  const rec: ComboRecord = {
    name: r.name,
    strategy: r.strategy as Strategy,
    models: parseJson<string[]>(r.models, []),
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  const options = parseJson<Pick<ComboRecord, 'disabledSteps' | 'weights'>>(r.options, {});
  if (options.disabledSteps?.length) rec.disabledSteps = options.disabledSteps;
  if (options.weights && Object.keys(options.weights).length) rec.weights = options.weights;
  return rec;
}

/** Only what is set is stored, so an unchanged combo keeps byte-identical options. */
function optionsJson(input: ComboInput, previous: string | undefined): string {
  const options = parseJson<Record<string, unknown>>(previous, {});
  if (input.disabledSteps?.length) options.disabledSteps = input.disabledSteps;
  else delete options.disabledSteps;
  if (input.weights && Object.keys(input.weights).length) options.weights = input.weights;
  else delete options.weights;
  return JSON.stringify(options);
}

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
    const row = this.db.prepare('SELECT * FROM combos WHERE name = ?').get(input.name) as Row | undefined;
    const models = JSON.stringify(input.models);
    const enabled = input.enabled ? 1 : 0;
    const options = optionsJson(input, row?.options);
    if (row) {
      if (
        row.strategy === input.strategy &&
        JSON.stringify(parseJson(row.models, [])) === models &&
        row.enabled === enabled &&
        JSON.stringify(parseJson(row.options, {})) === options
      )
        return false;
      this.db
        .prepare('UPDATE combos SET strategy=?, models=?, enabled=?, options=?, updated_at=? WHERE name=?')
        .run(input.strategy, models, enabled, options, now, input.name);
      return true;
    }
    this.db
      .prepare(
        'INSERT INTO combos (name, strategy, models, enabled, options, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
      )
      .run(input.name, input.strategy, models, enabled, options, now, now);
    return true;
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM combos WHERE name = ?').run(name).changes > 0;
  }
}
