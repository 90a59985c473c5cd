import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../../core/config/apply.js';
import { ConfigError, parseConfig } from '../../../core/config/load.js';
import { Store } from '../../../core/store/index.js';
import { tempDir } from '../../helpers/core.js';

const EXAMPLE = `providers:
  - id: anthropic
    accounts:
      - apiKey: \${ANTHROPIC_API_KEY}
        name: work
    baseUrl: https://example.invalid
  - id: myproxy
    format: openai-chat
    baseUrl: http://127.0.0.1:9100/v1
    accounts:
      - apiKey: \${MYPROXY_KEY}
    models: [some-model]
    local: false
combos:
  - name: free-forever
    strategy: fill-first
    models: [gemini/gemini-2.5-flash, myproxy/some-model]
apiKeys:
  - name: ci
    key: sk-example-key-0123456789
settings:
  requireApiKey: true
`;
const ENV = { ANTHROPIC_API_KEY: 'sk-ant-abc123456789', MYPROXY_KEY: 'mp-key-987654321' };

function problems(text: string, env: NodeJS.ProcessEnv = ENV) {
  try {
    parseConfig(text, 'test.yaml', env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected the config to be refused');
}

describe('config file: parsing', () => {
  it('accepts the documented example and interpolates ${ENV}', () => {
    const cfg = parseConfig(EXAMPLE, 'test.yaml', ENV);
    expect(cfg.providers?.[0]?.accounts?.[0]?.apiKey).toBe('sk-ant-abc123456789');
    expect(cfg.providers?.[1]?.accounts?.[0]?.apiKey).toBe('mp-key-987654321');
    expect(cfg.combos?.[0]?.models).toEqual(['gemini/gemini-2.5-flash', 'myproxy/some-model']);
    expect(cfg.settings?.requireApiKey).toBe(true);
  });

  it('accepts JSON too, with ${VAR:-default} and $${ escapes', () => {
    const cfg = parseConfig(
      JSON.stringify({
        providers: [{ id: 'openai', accounts: [{ apiKey: '${NOPE:-fallback-key}', name: '$${literal}' }] }],
      }),
      'c.json',
      {},
    );
    expect(cfg.providers?.[0]?.accounts?.[0]).toEqual({ apiKey: 'fallback-key', name: '${literal}' });
  });

  it('names the key and line of an unset environment variable', () => {
    const p = problems(EXAMPLE, { ANTHROPIC_API_KEY: 'x-123' });
    expect(p).toEqual([
      {
        path: 'providers[1].accounts[0].apiKey',
        line: 11,
        message: 'environment variable MYPROXY_KEY is not set',
      },
    ]);
  });

  it('names the key and line of an unknown key (a typo is an error, not a no-op)', () => {
    const p = problems('settings:\n  requireApiKey: true\n  requireApikey: false\n');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ path: 'settings.requireApikey', line: 3 });
    expect(p[0]!.message).toContain('unknown key "requireApikey"');
  });

  it('names the key and line of a wrong type', () => {
    const p = problems(
      'combos:\n  - name: a\n    models: [x/y]\n  - name: b\n    strategy: fastest\n    models: [x/y]\n',
    );
    expect(p[0]).toMatchObject({ path: 'combos[1].strategy', line: 5 });
  });

  it('requires format and baseUrl for a provider of your own', () => {
    const p = problems('providers:\n  - id: homebrew\n    models: [m]\n');
    expect(p.map((x) => x.message)).toEqual([
      '"homebrew" is not a built-in provider, so "format" is required',
      '"homebrew" is not a built-in provider, so "baseUrl" is required',
    ]);
    expect(p[0]!.line).toBe(2);
  });

  it('reports YAML syntax errors with their line', () => {
    const p = problems('providers:\n  - id: openai\n   bad: [\n');
    expect(p[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses duplicates', () => {
    const p = problems('combos:\n  - name: a\n    models: [x/y]\n  - name: a\n    models: [x/z]\n');
    expect(p[0]).toMatchObject({ path: 'combos[1].name', line: 4, message: 'combo "a" is listed twice' });
  });
});

describe('config file: applying', () => {
  it('applies the contract and is idempotent', () => {
    const store = new Store({ dataDir: tempDir() });
    const cfg = parseConfig(EXAMPLE, 'test.yaml', ENV);
    const first = applyConfig(store, cfg);
    expect(first.changes).toEqual([
      'provider anthropic',
      'account anthropic/work',
      'provider myproxy',
      'account myproxy/account-1',
      'combo free-forever',
      'api key ci',
      'setting requireApiKey',
    ]);
    const snapshot = () =>
      JSON.stringify(
        ['providers', 'connections', 'combos', 'api_keys', 'settings'].map((t) =>
          store.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
        ),
      );
    const before = snapshot();
    const second = applyConfig(store, parseConfig(EXAMPLE, 'test.yaml', ENV));
    expect(second.changes).toEqual([]);
    expect(snapshot()).toBe(before);
    const conn = store.connections.findByName('anthropic', 'work')!;
    expect(store.connections.secret(conn.id)).toBe('sk-ant-abc123456789');
    expect(store.providers.get('anthropic')?.baseUrl).toBe('https://example.invalid');
    expect(store.settings.all().requireApiKey).toBe(true);
    store.close();
  });

  it('updates what changed and generates a key shown once when none is given', () => {
    const store = new Store({ dataDir: tempDir() });
    applyConfig(store, parseConfig(EXAMPLE, 'test.yaml', ENV));
    const changed = applyConfig(
      store,
      parseConfig(EXAMPLE, 'test.yaml', { ...ENV, ANTHROPIC_API_KEY: 'sk-ant-rotated-000000' }),
    );
    expect(changed.changes).toEqual(['account anthropic/work']);
    const gen = applyConfig(store, parseConfig('apiKeys:\n  - name: laptop\n', 'k.yaml', {}));
    expect(gen.generatedKeys).toHaveLength(1);
    expect(gen.generatedKeys[0]!.key).toMatch(/^sk-omni-/);
    expect(
      applyConfig(store, parseConfig('apiKeys:\n  - name: laptop\n', 'k.yaml', {})).generatedKeys,
    ).toEqual([]);
    store.close();
  });
});
