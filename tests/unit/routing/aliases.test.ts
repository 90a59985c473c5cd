import { describe, expect, it } from 'vitest';
import { AliasTable } from '../../../core/routing/aliases.js';
import { compileGlob } from '../../../core/routing/glob.js';

describe('aliases', () => {
  it('wildcards with * and ?', () => {
    const t = new AliasTable({
      'claude-sonnet-*': 'anthropic/claude-sonnet-4-5',
      'gpt-4.?': 'openai/gpt-4.1',
    });
    expect(t.resolve('claude-sonnet-4-20250514')).toEqual({
      target: 'anthropic/claude-sonnet-4-5',
      pattern: 'claude-sonnet-*',
    });
    expect(t.resolve('claude-sonnet-')!.target).toBe('anthropic/claude-sonnet-4-5'); // * may be empty
    expect(t.resolve('gpt-4.5')!.target).toBe('openai/gpt-4.1');
    expect(t.resolve('gpt-4.10')).toBeUndefined(); // ? is exactly one character
    expect(t.resolve('gpt-4x1')).toBeUndefined(); // . is literal
    expect(t.resolve('claude-opus-4')).toBeUndefined();
  });

  it('most specific wins: exact, then longest literal prefix, then fewer wildcards', () => {
    const t = new AliasTable([
      { pattern: '*', target: 'fallback' },
      { pattern: 'claude-*', target: 'claude-any' },
      { pattern: 'claude-sonnet-*', target: 'sonnet' },
      { pattern: 'claude-sonnet-4-*', target: 'sonnet-4' },
      { pattern: 'claude-sonnet-4-*-*', target: 'sonnet-4-two-wildcards' },
      { pattern: 'claude-sonnet-4-5', target: 'exact' },
    ]);
    expect(t.resolve('claude-sonnet-4-5')!.target).toBe('exact');
    expect(t.resolve('claude-sonnet-4-6')!.target).toBe('sonnet-4');
    expect(t.resolve('claude-sonnet-4-5-20250929')!.target).toBe('sonnet-4'); // same prefix, fewer wildcards
    expect(t.resolve('claude-sonnet-3')!.target).toBe('sonnet');
    expect(t.resolve('claude-haiku')!.target).toBe('claude-any');
    expect(t.resolve('gpt-4.1')!.target).toBe('fallback');
  });

  it('insertion order breaks a complete tie; order of definition does not matter otherwise', () => {
    const a = new AliasTable([
      { pattern: 'm-?', target: 'first' },
      { pattern: 'm-*', target: 'second' },
    ]);
    const b = new AliasTable([
      { pattern: 'm-*', target: 'second' },
      { pattern: 'm-?', target: 'first' },
    ]);
    // Same prefix and wildcard count; same literal length → the first added.
    expect(a.resolve('m-1')!.target).toBe('first');
    expect(b.resolve('m-1')!.target).toBe('second');
    const c = new AliasTable([
      { pattern: 'claude-*', target: 'broad' },
      { pattern: 'claude-opus-*', target: 'narrow' },
    ]);
    expect(c.resolve('claude-opus-4')!.target).toBe('narrow');
  });

  it('captures can be reused in the target', () => {
    const t = new AliasTable({ 'gpt-*': 'openai/gpt-$1', 'local-?-*': 'ollama/$2:$1' });
    expect(t.resolve('gpt-4.1-mini')!.target).toBe('openai/gpt-4.1-mini');
    expect(t.resolve('local-8-llama3')!.target).toBe('ollama/llama3:8');
  });

  it('case-insensitive; set replaces; delete removes', () => {
    const t = new AliasTable();
    t.set('Fast', 'groq/llama-3.3-70b-versatile');
    expect(t.resolve('FAST')!.target).toBe('groq/llama-3.3-70b-versatile');
    t.set('fast', 'cerebras/llama-3.3-70b');
    expect(t.resolve('fast')!.target).toBe('cerebras/llama-3.3-70b');
    t.set('x-*', 'y');
    expect(t.list()).toEqual([
      { pattern: 'fast', target: 'cerebras/llama-3.3-70b' },
      { pattern: 'x-*', target: 'y' },
    ]);
    expect(t.delete('x-*')).toBe(true);
    expect(t.resolve('x-1')).toBeUndefined();
    expect(() => t.set('', 'a')).toThrow();
    expect(() => t.set('a', '')).toThrow();
  });

  it('exactAliases: the names without wildcards, as written', () => {
    const t = new AliasTable({ Fast: 'groq/llama', 'gpt-*': 'openai/gpt-$1', smart: 'c' });
    expect(t.exactAliases()).toEqual([
      { pattern: 'Fast', target: 'groq/llama' },
      { pattern: 'smart', target: 'c' },
    ]);
    expect(t.resolve('FAST')).toEqual({ target: 'groq/llama', pattern: 'Fast' });
  });

  it('resolveDeep follows chains and stops at cycles', () => {
    const t = new AliasTable({ fast: 'quick', quick: 'groq/llama', a: 'b', b: 'a' });
    expect(t.resolveDeep('fast')).toBe('groq/llama');
    expect(t.resolveDeep('a')).toBe('b');
    expect(t.resolveDeep('plain')).toBe('plain');
  });

  it('glob specificity numbers', () => {
    expect(compileGlob('claude-sonnet-*')).toMatchObject({
      literalPrefix: 14,
      wildcards: 1,
      literalLength: 14,
    });
    expect(compileGlob('a?c*')).toMatchObject({ literalPrefix: 1, wildcards: 2, literalLength: 2 });
    expect(compileGlob('exact')).toMatchObject({ literalPrefix: 5, wildcards: 0 });
  });
});
