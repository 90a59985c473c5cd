import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS } from '../../core/providers/builtin.js';
import { freeTierTable, providerTable } from '../../core/providers/doc-table.js';
import { ROOT } from '../helpers/spawn.js';

describe('providers registry', () => {
  it('has every provider the gateway promises, each with a base URL, a format and models', () => {
    const ids = BUILTIN_PROVIDERS.map((p) => p.id);
    for (const id of [
      'openai',
      'anthropic',
      'gemini',
      'deepseek',
      'groq',
      'xai',
      'mistral',
      'openrouter',
      'together',
      'fireworks',
      'cerebras',
      'nvidia',
      'perplexity',
      'cohere',
      'glm',
      'minimax',
      'kimi',
      'qwen',
      'ollama',
      'lmstudio',
    ]) {
      expect(ids).toContain(id);
    }
    expect(BUILTIN_PROVIDERS.find((p) => p.id === 'deepseek')?.aliases).toContain('ds');
    const prefixes = BUILTIN_PROVIDERS.flatMap((p) => [p.id, ...(p.aliases ?? [])]);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of BUILTIN_PROVIDERS) {
      expect(p.baseUrl).toMatch(/^https?:\/\//);
      expect(p.formats.length).toBeGreaterThan(0);
      expect(p.models.length).toBeGreaterThan(0);
      expect(p.local === true).toBe(p.tier === 'local');
    }
  });

  it('is documented in docs/providers.md exactly (regenerate: node scripts/gen-providers-doc.mjs)', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'providers.md'), 'utf8');
    expect(doc).toContain(
      '<!-- providers:start -->\n' + providerTable(BUILTIN_PROVIDERS) + '<!-- providers:end -->',
    );
    expect(doc).toContain(
      '<!-- free-tiers:start -->\n' + freeTierTable(BUILTIN_PROVIDERS) + '<!-- free-tiers:end -->',
    );
  });
});
