import type { Db } from '../db.js';
import { newId } from '../ids.js';

export const BUDGET_PERIODS = ['day', 'week', 'month'] as const;
export type BudgetPeriodName = (typeof BUDGET_PERIODS)[number];
export const BUDGET_ACTIONS = ['warn', 'block'] as const;
export type BudgetAction = (typeof BUDGET_ACTIONS)[number];

/** Whose spend a budget limits: everything, one provider, or one gateway key (by key id). */
export type BudgetScope = { kind: 'global' } | { kind: 'provider'; id: string } | { kind: 'key'; id: string };

export interface BudgetRecord {
  id: string;
  scope: BudgetScope;
  period: BudgetPeriodName;
  limitUsd: number;
  action: BudgetAction;
  createdAt: number;
  updatedAt: number;
}

export type BudgetInput = Pick<BudgetRecord, 'scope' | 'period' | 'limitUsd' | 'action'>;

/** The scope as one string: `global`, `provider:<id>`, `key:<id>` (core/routing/budgets.ts uses the same). */
export function scopeKey(scope: BudgetScope): string {
  return scope.kind === 'global' ? 'global' : `${scope.kind}:${scope.id}`;
}

interface Row {
  id: string;
  scope_kind: string;
  scope_id: string | null;
  period: string;
  limit_usd: number;
  action: string;
  created_at: number;
  updated_at: number;
}

function fromRow(r: Row): BudgetRecord {
  const scope: BudgetScope =
    r.scope_kind === 'provider' || r.scope_kind === 'key'
      ? { kind: r.scope_kind, id: r.scope_id ?? '' }
      : { kind: 'global' };
  return {
    id: r.id,
    scope,
    period: r.period as BudgetPeriodName,
    limitUsd: r.limit_usd,
    action: r.action as BudgetAction,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const scopeId = (scope: BudgetScope) => (scope.kind === 'global' ? null : scope.id);

export class BudgetsRepo {
  constructor(private readonly db: Db) {}

  list(): BudgetRecord[] {
    return (this.db.prepare('SELECT * FROM budgets ORDER BY created_at, id').all() as Row[]).map(fromRow);
  }

  get(id: string): BudgetRecord | undefined {
    const row = this.db.prepare('SELECT * FROM budgets WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /** The budget with this natural key (scope and period); there is at most one. */
  find(scope: BudgetScope, period: BudgetPeriodName): BudgetRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM budgets WHERE scope_kind = ? AND scope_id IS ? AND period = ?')
      .get(scope.kind, scopeId(scope), period) as Row | undefined;
    return row && fromRow(row);
  }

  create(input: BudgetInput, now = Date.now()): BudgetRecord {
    const id = newId('bud');
    this.db
      .prepare(
        `INSERT INTO budgets (id, scope_kind, scope_id, period, limit_usd, action, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.scope.kind, scopeId(input.scope), input.period, input.limitUsd, input.action, now, now);
    return this.get(id)!;
  }

  /** Replaces a budget's fields. Returns true when something changed. */
  update(id: string, input: BudgetInput, now = Date.now()): boolean {
    const cur = this.get(id);
    if (!cur) return false;
    if (
      scopeKey(cur.scope) === scopeKey(input.scope) &&
      cur.period === input.period &&
      cur.limitUsd === input.limitUsd &&
      cur.action === input.action
    )
      return false;
    this.db
      .prepare(
        'UPDATE budgets SET scope_kind=?, scope_id=?, period=?, limit_usd=?, action=?, updated_at=? WHERE id=?',
      )
      .run(input.scope.kind, scopeId(input.scope), input.period, input.limitUsd, input.action, now, id);
    return true;
  }

  /** Config-file apply: matched by scope and period, written only when it differs. */
  ensure(input: BudgetInput, now = Date.now()): { id: string; changed: boolean } {
    const existing = this.find(input.scope, input.period);
    if (!existing) return { id: this.create(input, now).id, changed: true };
    return { id: existing.id, changed: this.update(existing.id, input, now) };
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM budgets WHERE id = ?').run(id).changes > 0;
  }
}
