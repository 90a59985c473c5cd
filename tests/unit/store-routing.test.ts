import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../core/config/apply.js';
import { ConfigError, parseConfig } from '../../core/config/load.js';
import { Store } from '../../core/store/index.js';
import { scopeKey } from '../../core/store/repos/budgets.js';
import { tempDir } from '../helpers/core.js';

// Repositories and config-file apply for budgets, price overrides, aliases and the routing
// options kept in the providers / connections / combos `options` JSON.

const store = () => new Store({ dataDir: tempDir() });

describe('budgets repo', () => {
  it('create, find by natural key, update only on change, ensure, delete', () => {
    const s = store();
    const b = s.budgets.create({
      scope: { kind: 'provider', id: 'openai' },
      period: 'month',
      limitUsd: 5,
      action: 'block',
    });
    expect(b).toMatchObject({
      scope: { kind: 'provider', id: 'openai' },
      period: 'month',
      limitUsd: 5,
      action: 'block',
    });
    expect(s.budgets.find({ kind: 'provider', id: 'openai' }, 'month')?.id).toBe(b.id);
    expect(s.budgets.find({ kind: 'provider', id: 'openai' }, 'day')).toBeUndefined();
    expect(s.budgets.update(b.id, { scope: b.scope, period: 'month', limitUsd: 5, action: 'block' })).toBe(
      false,
    );
    expect(s.budgets.update(b.id, { scope: b.scope, period: 'month', limitUsd: 6, action: 'warn' })).toBe(
      true,
    );
    const g = s.budgets.ensure({ scope: { kind: 'global' }, period: 'day', limitUsd: 1, action: 'warn' });
    expect(g.changed).toBe(true);
    expect(
      s.budgets.ensure({ scope: { kind: 'global' }, period: 'day', limitUsd: 1, action: 'warn' }),
    ).toEqual({
      id: g.id,
      changed: false,
    });
    expect(s.budgets.get(g.id)!.scope).toEqual({ kind: 'global' });
    expect(s.budgets.list().map((x) => scopeKey(x.scope))).toEqual(['provider:openai', 'global']);
    expect(s.budgets.delete(b.id)).toBe(true);
    expect(s.budgets.delete(b.id)).toBe(false);
    s.close();
  });
});

describe('price overrides and aliases repos', () => {
  it('prices: keyed by model and provider ("" = any); unchanged upsert is no change', () => {
    const s = store();
    expect(s.prices.upsert({ model: 'gpt-4.1*', inputPerMTok: 1, outputPerMTok: 2 })).toBe(true);
    expect(
      s.prices.upsert({
        model: 'gpt-4.1*',
        providerId: 'acme',
        inputPerMTok: 3,
        outputPerMTok: 4,
        cachedInputPerMTok: 0.5,
      }),
    ).toBe(true);
    expect(s.prices.upsert({ model: 'gpt-4.1*', inputPerMTok: 1, outputPerMTok: 2 })).toBe(false);
    expect(s.prices.get('gpt-4.1*')).toMatchObject({ inputPerMTok: 1, outputPerMTok: 2 });
    expect(s.prices.get('gpt-4.1*')).not.toHaveProperty('providerId');
    expect(s.prices.get('gpt-4.1*', 'acme')).toMatchObject({ providerId: 'acme', cachedInputPerMTok: 0.5 });
    expect(s.prices.delete('gpt-4.1*', 'acme')).toBe(true);
    expect(s.prices.list()).toHaveLength(1);
    s.close();
  });

  it('aliases: a retarget keeps its place in the order', () => {
    const s = store();
    s.aliases.upsert({ pattern: 'a*', target: 'x' }, 1);
    s.aliases.upsert({ pattern: 'b*', target: 'y' }, 2);
    expect(s.aliases.upsert({ pattern: 'a*', target: 'x' }, 3)).toBe(false);
    expect(s.aliases.upsert({ pattern: 'a*', target: 'z' }, 4)).toBe(true);
    expect(s.aliases.list()).toEqual([
      { pattern: 'a*', target: 'z' },
      { pattern: 'b*', target: 'y' },
    ]);
    expect(s.aliases.delete('a*')).toBe(true);
    s.close();
  });
});

describe('routing options in the options JSON', () => {
  it('provider accountStrategy, connection weight and limits, combo disabledSteps and weights', () => {
    const s = store();
    s.providers.upsert({ id: 'p', models: [], enabled: true, accountStrategy: 'round-robin' });
    expect(s.providers.get('p')!.accountStrategy).toBe('round-robin');
    expect(s.providers.upsert({ id: 'p', models: [], enabled: true, accountStrategy: 'round-robin' })).toBe(
      false,
    );
    // fill-first is the default: not stored.
    expect(s.providers.upsert({ id: 'p', models: [], enabled: true, accountStrategy: 'fill-first' })).toBe(
      true,
    );
    expect(s.providers.get('p')).not.toHaveProperty('accountStrategy');

    const { id } = s.connections.upsert({ providerId: 'p', name: 'a', weight: 3, limits: { rpm: 10 } });
    expect(s.connections.get(id)).toMatchObject({ weight: 3, limits: { rpm: 10 } });
    expect(s.connections.update(id, { weight: 3 })).toBe(false);
    expect(s.connections.update(id, { quota: { preset: 'codex' } })).toBe(true);
    expect(s.connections.get(id)).toMatchObject({
      weight: 3,
      limits: { rpm: 10 },
      quota: { preset: 'codex' },
    });
    expect(s.connections.update(id, { weight: null, limits: null })).toBe(true);
    const c = s.connections.get(id)!;
    expect(c).not.toHaveProperty('weight');
    expect(c).not.toHaveProperty('limits');
    expect(c.quota).toEqual({ preset: 'codex' });

    const combo = { name: 'c', strategy: 'weighted' as const, models: ['p/a', 'p/b'], enabled: true };
    expect(s.combos.upsert({ ...combo, disabledSteps: ['p/b'], weights: { 'p/a': 2 } })).toBe(true);
    expect(s.combos.get('c')).toMatchObject({ disabledSteps: ['p/b'], weights: { 'p/a': 2 } });
    expect(s.combos.upsert({ ...combo, disabledSteps: ['p/b'], weights: { 'p/a': 2 } })).toBe(false);
    expect(s.combos.upsert(combo)).toBe(true);
    expect(s.combos.get('c')).not.toHaveProperty('disabledSteps');
    expect(s.combos.get('c')).not.toHaveProperty('weights');
    s.close();
  });
});

const CONFIG = `providers:
  - id: acme
    format: openai-chat
    baseUrl: http://127.0.0.1:9/v1
    accountStrategy: weighted
    accounts:
      - apiKey: k1
        weight: 3
        limits: { rpm: 60, maxConcurrent: 2 }
      - apiKey: k2
combos:
  - name: c
    strategy: weighted
    models: [acme/a, acme/b]
    disabledSteps: [acme/b]
    weights: { acme/a: 2 }
apiKeys:
  - name: ci
    key: sk-example-key-0123456789
budgets:
  - { scope: global, period: month, limitUsd: 50 }
  - { scope: "key:ci", period: day, limitUsd: 2, action: warn }
  - { scope: "provider:acme", period: week, limitUsd: 10 }
prices:
  - { model: "gpt-4.1*", inputPerMTok: 1, outputPerMTok: 2 }
  - { model: "m", providerId: acme, inputPerMTok: 0, outputPerMTok: 0 }
aliases:
  "claude-*": c
  fast: acme/a
`;

describe('config file: routing sections', () => {
  it('applies budgets (key by name), prices, aliases and routing options idempotently', () => {
    const s = store();
    const first = applyConfig(s, parseConfig(CONFIG, 'r.yaml', {}));
    expect(first.changes).toEqual([
      'provider acme',
      'account acme/account-1',
      'account acme/account-2',
      'combo c',
      'api key ci',
      'budget global month',
      'budget key:ci day',
      'budget provider:acme week',
      'price gpt-4.1*',
      'price acme/m',
      'alias claude-*',
      'alias fast',
    ]);
    expect(applyConfig(s, parseConfig(CONFIG, 'r.yaml', {})).changes).toEqual([]);
    const key = s.apiKeys.findByName('ci')!;
    expect(s.budgets.find({ kind: 'key', id: key.id }, 'day')).toMatchObject({ limitUsd: 2, action: 'warn' });
    expect(s.budgets.find({ kind: 'global' }, 'month')!.action).toBe('block');
    expect(s.providers.get('acme')!.accountStrategy).toBe('weighted');
    expect(s.connections.findByName('acme', 'account-1')).toMatchObject({
      weight: 3,
      limits: { rpm: 60, maxConcurrent: 2 },
    });
    expect(s.combos.get('c')).toMatchObject({ disabledSteps: ['acme/b'], weights: { 'acme/a': 2 } });
    expect(s.aliases.list()).toEqual([
      { pattern: 'claude-*', target: 'c' },
      { pattern: 'fast', target: 'acme/a' },
    ]);
    // The list form of aliases, and a changed limit, are changes of their own.
    const changed = applyConfig(
      s,
      parseConfig(
        CONFIG.replace('limitUsd: 50', 'limitUsd: 60').replace(
          /aliases:[\s\S]*$/,
          'aliases:\n  - { pattern: fast, target: c }\n',
        ),
        'r.yaml',
        {},
      ),
    );
    expect(changed.changes).toEqual(['budget global month', 'alias fast']);
    s.close();
  });

  it('refuses a key budget for a key that does not exist, changing nothing', () => {
    const s = store();
    expect(() =>
      applyConfig(
        s,
        parseConfig('budgets:\n  - { scope: "key:ghost", period: day, limitUsd: 1 }\n', 'g.yaml', {}),
        'g.yaml',
      ),
    ).toThrow(ConfigError);
    expect(s.budgets.list()).toEqual([]);
    expect(() =>
      applyConfig(
        s,
        parseConfig('budgets:\n  - { scope: "provider:nope", period: day, limitUsd: 1 }\n', 'g.yaml', {}),
      ),
    ).toThrow(/no provider "nope"/);
    s.close();
  });

  it('validates scopes and refuses duplicates with their line', () => {
    const problems = (text: string) => {
      try {
        parseConfig(text, 't.yaml', {});
      } catch (e) {
        return (e as ConfigError).problems;
      }
      throw new Error('expected a refusal');
    };
    expect(problems('budgets:\n  - { scope: "team:x", period: day, limitUsd: 1 }\n')[0]!.path).toBe(
      'budgets[0].scope',
    );
    expect(
      problems(
        'budgets:\n  - { scope: global, period: day, limitUsd: 1 }\n  - { scope: global, period: day, limitUsd: 2 }\n',
      )[0],
    ).toMatchObject({ path: 'budgets[1].period', line: 3 });
    expect(
      problems(
        'prices:\n  - { model: m, inputPerMTok: 1, outputPerMTok: 1 }\n  - { model: m, inputPerMTok: 2, outputPerMTok: 1 }\n',
      )[0],
    ).toMatchObject({ path: 'prices[1].model' });
    expect(
      problems('aliases:\n  - { pattern: a, target: b }\n  - { pattern: a, target: c }\n')[0],
    ).toMatchObject({
      path: 'aliases[1].pattern',
    });
    expect(problems('providers:\n  - id: openai\n    accounts:\n      - { weight: -1 }\n')[0]!.path).toBe(
      'providers[0].accounts[0].weight',
    );
  });
});
