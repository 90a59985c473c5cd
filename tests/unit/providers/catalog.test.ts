import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS } from '../../../core/providers/builtin.js';
import { PLAN_ROUTES } from '../../../core/providers/plan-routes.js';
import { PriceTable } from '../../../core/routing/pricing.js';

// The catalog's promises (issue #18): breadth, the prefixes people already type, dated free-tier
// notes and prices with their source, and facts only about models the provider lists.

const DAY = /^\d{4}-\d\d-\d\d$/;
const byId = new Map(BUILTIN_PROVIDERS.map((p) => [p.id, p]));

describe('built-in catalog', () => {
  it('has at least 45 providers, the ones the issue names among them', () => {
    expect(BUILTIN_PROVIDERS.length).toBeGreaterThanOrEqual(45);
    for (const id of [
      'github-models',
      'cloudflare',
      'huggingface',
      'sambanova',
      'hyperbolic',
      'deepinfra',
      'nebius',
      'novita',
      'siliconflow',
      'chutes',
      'scaleway',
      'azure',
      'bedrock',
      'vertex',
      'zai-coding',
      'kimi-coding',
      'minimax-coding',
      'ollama-cloud',
      'llamacpp',
      'vllm',
    ])
      expect(byId.has(id), id).toBe(true);
  });

  it('answers to the prefixes users bring from other gateways', () => {
    const prefix = new Map<string, string>();
    for (const p of BUILTIN_PROVIDERS) for (const x of [p.id, ...(p.aliases ?? [])]) prefix.set(x, p.id);
    expect(
      Object.fromEntries(
        ['ds', 'pplx', 'glm', 'minimax', 'kimi', 'gh', 'or', 'hf', 'cf', 'hyp', 'ch'].map((x) => [
          x,
          prefix.get(x),
        ]),
      ),
    ).toEqual({
      ds: 'deepseek',
      pplx: 'perplexity',
      glm: 'glm',
      minimax: 'minimax',
      kimi: 'kimi',
      gh: 'github-models',
      or: 'openrouter',
      hf: 'huggingface',
      cf: 'cloudflare',
      hyp: 'hyperbolic',
      ch: 'chutes',
    });
  });

  it('every provider has a docs link; every free tier a note, a date and a source', () => {
    for (const p of BUILTIN_PROVIDERS) {
      expect(p.docsUrl, p.id).toMatch(/^https:\/\//);
      if (p.freeTier) {
        expect(p.freeTier.note.length, p.id).toBeGreaterThan(10);
        expect(p.freeTier.checked, p.id).toMatch(DAY);
        expect(p.freeTier.source, p.id).toMatch(/https?:\/\/|models\.dev/);
      }
    }
  });

  it('facts and prices only for listed models, each price with its source and day', () => {
    for (const p of BUILTIN_PROVIDERS) {
      for (const m of Object.keys(p.modelInfo ?? {})) expect(p.models, `${p.id} modelInfo`).toContain(m);
      for (const [m, row] of Object.entries(p.prices ?? {})) {
        expect(p.models, `${p.id} prices`).toContain(m);
        expect(row.checked, `${p.id}/${m}`).toMatch(DAY);
        expect(row.source.length, `${p.id}/${m}`).toBeGreaterThan(5);
      }
    }
  });

  it("a provider's own price applies to that provider only", () => {
    const table = new PriceTable();
    expect(table.lookup('moonshotai/Kimi-K2.6', 'deepinfra')).toMatchObject({
      price: { input: 0.75, output: 3.5, checked: '2026-07-02' },
    });
    expect(table.lookup('moonshotai/Kimi-K2.6', 'baseten')?.price.input).toBe(0.95);
    expect(table.lookup('glm-4.7-flash', 'zai')?.price).toMatchObject({ input: 0, output: 0 });
    // A vendor's own model is priced wherever it is served under its name (a login passthrough).
    expect(table.lookup('claude-sonnet-5', 'my-claude-login')?.price).toMatchObject({
      input: 2,
      cacheWrite: 2.5,
    });
    expect(table.lookup('MiniMax-M2.7', 'minimax')?.price.checked).toBe('2026-07-02');
  });

  it('no stale model ids the issue names', () => {
    const all = BUILTIN_PROVIDERS.flatMap((p) => p.models.map((m) => `${p.id}/${m}`));
    expect(all).not.toContain('glm/glm-4.6');
    expect(all).not.toContain('minimax/MiniMax-M2');
  });

  it('lists the subscription routes that are not built, each with its reason', () => {
    const notBuilt = PLAN_ROUTES.filter((r) => r.status === 'not-built');
    expect(notBuilt.map((r) => r.id)).toContain('github-copilot-internal');
    for (const r of notBuilt) expect(r.reason.length).toBeGreaterThan(10);
  });

  // The recipe in docs/contributing.md: a provider's models are its folder's models.json, and
  // the name it passes to modelTable is that folder's, so a load error points at the right file.
  it("each provider's models come from the models.json in its own folder", () => {
    for (const p of BUILTIN_PROVIDERS) {
      const dir = new URL(`../../../core/providers/${p.id}/`, import.meta.url);
      const file = JSON.parse(readFileSync(new URL('models.json', dir), 'utf8')) as {
        models: (string | { id: string })[];
      };
      expect(readFileSync(new URL('index.ts', dir), 'utf8'), p.id).toContain(
        `...modelTable(models, '${p.id}')`,
      );
      expect(p.models, p.id).toEqual(file.models.map((r) => (typeof r === 'string' ? r : r.id)));
    }
  });
});
