import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../../core/formats/canonical.js';
import { codecFor } from '../../../core/formats/index.js';
import type { Settings } from '../../../core/store/repos/settings.js';
import { adaptiveBudget, applyRequestPolicy, effortFor } from '../../../core/gateway/request-policy.js';

const base: Pick<
  Settings,
  'systemPrompt' | 'systemPromptPosition' | 'thinkingMode' | 'thinkingBudgetTokens'
> = {
  systemPrompt: '',
  systemPromptPosition: 'prepend',
  thinkingMode: 'passthrough',
  thinkingBudgetTokens: 8192,
};

function run(format: Parameters<typeof codecFor>[0], body: Record<string, unknown>, s: Partial<typeof base>) {
  const canonical = codecFor(format).decodeRequest(
    structuredClone(body),
    format === 'gemini' ? { model: 'gemini-x', stream: false } : undefined,
  );
  const changed = applyRequestPolicy(format, body, canonical, { ...base, ...s });
  return { body, canonical, changed };
}

describe('system prompt injection', () => {
  it('Responses: joins the instructions', () => {
    const { body } = run(
      'openai-responses',
      { model: 'm', instructions: 'Caller.', input: 'hi' },
      { systemPrompt: 'Global.', systemPromptPosition: 'append' },
    );
    expect(body.instructions).toBe('Caller.\n\nGlobal.');
  });

  it('Gemini: adds a part to systemInstruction, keeping the caller parts', () => {
    const { body, canonical } = run(
      'gemini',
      {
        systemInstruction: { parts: [{ text: 'Caller.' }] },
        contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      },
      { systemPrompt: 'Global.' },
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Global.' }, { text: 'Caller.' }] });
    expect(canonical.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'Global.' }] });
  });

  it('changes nothing when no policy is set', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    const { changed } = run('openai-chat', body, {});
    expect(changed).toBe(false);
    expect(body).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  });
});

describe('thinking modes', () => {
  it('custom on Gemini sets thinkingBudget and drops a thinkingLevel', () => {
    const { body, canonical } = run(
      'gemini',
      {
        contents: [{ role: 'user', parts: [{ text: 'x' }] }],
        generationConfig: { thinkingConfig: { thinkingLevel: 'high', includeThoughts: true } },
      },
      { thinkingMode: 'custom', thinkingBudgetTokens: 3000 },
    );
    expect((body.generationConfig as any).thinkingConfig).toEqual({
      includeThoughts: true,
      thinkingBudget: 3000,
    });
    expect(canonical.reasoning?.budgetTokens).toBe(3000);
  });

  it('auto on Responses keeps the summary and drops the effort', () => {
    const { body } = run(
      'openai-responses',
      { model: 'm', input: 'x', reasoning: { effort: 'high', summary: 'auto' } },
      { thinkingMode: 'auto' },
    );
    expect(body.reasoning).toEqual({ summary: 'auto' });
  });

  it('custom 0 turns Anthropic thinking off', () => {
    const { body } = run(
      'anthropic',
      { model: 'm', max_tokens: 100, thinking: { type: 'enabled', budget_tokens: 2000 }, messages: [] },
      { thinkingMode: 'custom', thinkingBudgetTokens: 0 },
    );
    expect(body.thinking).toEqual({ type: 'disabled' });
  });

  it('adaptive grows with the request and stays within [1024, ceiling]', () => {
    const small = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    } as unknown as CanonicalRequest;
    const big = {
      messages: Array.from({ length: 30 }, () => ({
        role: 'user',
        content: [{ type: 'text', text: 'x'.repeat(2000) }],
      })),
      tools: [{ type: 'function', name: 't', parameters: {} }],
    } as unknown as CanonicalRequest;
    expect(adaptiveBudget(small, 16_000)).toBeLessThan(2000);
    expect(adaptiveBudget(big, 16_000)).toBe(16_000);
    expect(adaptiveBudget(small, 16_000)).toBeGreaterThanOrEqual(1024);
  });

  it('maps budgets to efforts for formats that only take an effort', () => {
    expect([0, 1024, 8192, 32_000].map(effortFor)).toEqual(['none', 'low', 'medium', 'high']);
  });
});
