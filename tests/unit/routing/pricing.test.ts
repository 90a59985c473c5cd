import { describe, expect, it } from 'vitest';
import { computeCost, DEFAULT_PRICES, PriceTable } from '../../../core/routing/pricing.js';

describe('price lookup', () => {
  const table = new PriceTable();

  it('most specific default wins; dated snapshots match', () => {
    expect(table.lookup('gpt-4.1')).toMatchObject({ pattern: 'gpt-4.1*', source: 'default' });
    expect(table.lookup('gpt-4.1-mini-2025-04-14')).toMatchObject({ pattern: 'gpt-4.1-mini*' });
    expect(table.lookup('gpt-5')!.pattern).toBe('gpt-5*');
    expect(table.lookup('gpt-5.1')!.pattern).toBe('gpt-5*');
    expect(table.lookup('gpt-5-mini')!.pattern).toBe('gpt-5-mini*');
    expect(table.lookup('claude-sonnet-4-5-20250929')!.price).toMatchObject({
      input: 3,
      output: 15,
      cachedInput: 0.3,
      cacheWrite: 3.75,
    });
    expect(table.lookup('claude-opus-4-5')!.price.input).toBe(5);
    expect(table.lookup('claude-opus-4-1')!.price.input).toBe(15);
    // Newer Opus releases are priced like 4.5, not like the older Opus 4 rows.
    expect(table.lookup('claude-opus-4-7')!.price.input).toBe(5);
    expect(table.lookup('gpt-5.2')!.price.output).toBe(14);
    expect(table.lookup('claude-sonnet-4-5-20250929')!.price.checked).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(table.lookup('gemini-2.5-flash-lite')!.pattern).toBe('gemini-2.5-flash-lite*');
    expect(table.lookup('gemini-2.5-flash')!.pattern).toBe('gemini-2.5-flash*');
    expect(table.lookup('deepseek-reasoner')!.price.output).toBe(0.28); // DeepSeek's current price (V4-era), checked 2026-07-02
    expect(table.lookup('minimax-m2')!.pattern).toBe('MiniMax-M2*'); // case-insensitive
  });

  it('covers every model the main built-in providers list', () => {
    for (const m of [
      'gpt-5.1',
      'gpt-5-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'o4-mini',
      'claude-opus-4-5',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemini-3-pro-preview',
      'deepseek-chat',
      'deepseek-reasoner',
      'glm-4.6',
      'glm-4.5-air',
      'MiniMax-M2',
      'grok-4',
      'grok-3-mini',
      'grok-code-fast-1',
      'kimi-k2-0905-preview',
      'kimi-k2-thinking',
    ]) {
      expect(table.priceFor(m), m).toBeDefined();
    }
  });

  it('vendor-prefixed and dotted names (OpenRouter style) fall back to the model', () => {
    expect(table.lookup('anthropic/claude-sonnet-4.5')!.pattern).toBe('claude-sonnet-4*');
    expect(table.lookup('openai/gpt-4.1-mini', 'openrouter')!.pattern).toBe('gpt-4.1-mini*');
    expect(table.lookup('claude-opus-4.5')!.pattern).toBe('claude-opus-4-5*');
  });

  it('local providers are free; unknown models have no price', () => {
    expect(table.costUsd('llama3.1:8b', { inputTokens: 5000, outputTokens: 5000 }, 'ollama')).toBe(0);
    expect(table.priceFor('my-finetune')).toBeUndefined();
    expect(table.costUsd('my-finetune', { inputTokens: 1, outputTokens: 1 })).toBeUndefined();
  });
});

describe('overrides', () => {
  it('an override beats the defaults; a provider-qualified one only on that provider', () => {
    const table = new PriceTable(DEFAULT_PRICES, { 'claude-*': { input: 0, output: 0 } });
    expect(table.lookup('claude-sonnet-4-5')).toMatchObject({ pattern: 'claude-*', source: 'override' });
    table.setOverride('bedrock/claude-sonnet-4-5', { input: 3.3, output: 16.5 });
    expect(table.priceFor('claude-sonnet-4-5', 'bedrock')).toEqual({ input: 3.3, output: 16.5 });
    expect(table.priceFor('claude-sonnet-4-5', 'anthropic')).toEqual({ input: 0, output: 0 });
    expect(table.removeOverride('claude-*')).toBe(true);
    expect(table.lookup('claude-sonnet-4-5', 'anthropic')!.source).toBe('default');
    expect(table.overridesList()).toEqual({ 'bedrock/claude-sonnet-4-5': { input: 3.3, output: 16.5 } });
  });

  it('rejects negative or non-numeric prices', () => {
    const table = new PriceTable();
    expect(() => table.setOverride('x', { input: -1, output: 1 })).toThrow(/input/);
    expect(() => table.setOverride('x', { input: 1, output: Number.NaN })).toThrow(/output/);
  });
});

describe('cost', () => {
  const table = new PriceTable();

  it('Anthropic with cache reads and writes: each input token charged once, at its rate', () => {
    // 1M input of which 600k cache reads and 100k cache writes; 200k output.
    const cost = table.costUsd('claude-sonnet-4-5', {
      inputTokens: 1_000_000,
      outputTokens: 200_000,
      cachedInputTokens: 600_000,
      cacheCreationInputTokens: 100_000,
    });
    // 300k × 3 + 600k × 0.3 + 100k × 3.75 + 200k × 15 (per 1M)
    expect(cost).toBeCloseTo(0.9 + 0.18 + 0.375 + 3, 12);
  });

  it('OpenAI with cached input and reasoning: reasoning is inside output, never added', () => {
    const cost = table.costUsd('gpt-5-mini', {
      inputTokens: 10_000,
      outputTokens: 3_000,
      cachedInputTokens: 4_000,
      reasoningTokens: 2_000,
    });
    expect(cost).toBeCloseTo((6_000 * 0.25 + 4_000 * 0.025 + 3_000 * 2) / 1e6, 15);
    expect(cost).toBeCloseTo(0.0076, 15);
  });

  it('missing cache rates fall back to the input rate; odd counts are clamped', () => {
    expect(
      computeCost(
        { input: 2, output: 6 },
        { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 500_000 },
      ),
    ).toBeCloseTo(2, 12);
    // More cached than input (a provider bug) cannot make input negative or charge twice.
    expect(
      computeCost(
        { input: 1, output: 1, cachedInput: 0.1 },
        { inputTokens: 100, outputTokens: 0, cachedInputTokens: 1000 },
      ),
    ).toBeCloseTo((100 * 0.1) / 1e6, 15);
    expect(computeCost({ input: 1, output: 1 }, { inputTokens: -5, outputTokens: -5 })).toBe(0);
  });

  it('blended price for cost-optimized ordering', () => {
    expect(table.blendedPerMTok('gpt-4.1')).toBe((3 * 2 + 8) / 4);
    expect(table.blendedPerMTok('deepseek-chat')!).toBeLessThan(table.blendedPerMTok('claude-haiku-4-5')!);
    expect(table.blendedPerMTok('unknown-model')).toBeUndefined();
  });
});
