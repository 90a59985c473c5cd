import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/formats/canonical.js';
import { checkModelName, checkNesting, MAX_MODEL_NAME, MAX_NESTING } from '../../../core/gateway/peek.js';
import { codecFor } from '../../../core/formats/index.js';
import { SseUsageTap } from '../../../core/formats/usage-tap.js';
import { headerSafe } from '../../../core/util/header-safe.js';

/** The GatewayError `fn` throws (undefined when it does not throw). */
function thrown(fn: () => void): GatewayError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof GatewayError) return e;
    throw e;
  }
  return undefined;
}

describe('checkModelName', () => {
  it.each([
    'openai/gpt-4.1',
    'claude-sonnet-4-5',
    'llama3:8b',
    'up/模型',
    'up/é',
    'a b',
    'x'.repeat(MAX_MODEL_NAME),
  ])('accepts %j', (m) => expect(thrown(() => checkModelName(m))).toBeUndefined());

  it.each([
    ['up-chat/openai-text\u202e', 'U+202E'],
    ['up/\u200bgpt', 'U+200B'],
    ['gpt\u0000', 'U+0000'],
    ['gpt\n', 'U+000A'],
    ['gpt\u007f', 'U+007F'],
    ['gpt\u0085', 'U+0085'],
    ['gpt\u2028', 'U+2028'],
    ['\ufeffgpt', 'U+FEFF'],
    ['x\ud800', 'U+D800'],
    ['x\udfffy', 'U+DFFF'],
  ])('refuses %j with a 400 naming %s', (m, cp) => {
    const e = thrown(() => checkModelName(m));
    expect(e?.status).toBe(400);
    expect(e?.kind).toBe('invalid_request');
    expect(e?.param).toBe('model');
    expect(e?.message).toContain(cp);
  });

  it('names a lone surrogate as such', () => {
    expect(thrown(() => checkModelName('x\ud800'))?.message).toContain('lone surrogate');
  });

  it('refuses a name longer than the limit', () => {
    const e = thrown(() => checkModelName('x'.repeat(MAX_MODEL_NAME + 1)));
    expect(e?.status).toBe(400);
    expect(e?.message).toContain(`at most ${MAX_MODEL_NAME}`);
  });
});

describe('checkNesting', () => {
  // Depth counts the body itself: `{}` is 1 level.
  const nested = (levels: number, kind: 'array' | 'object') => {
    const open = kind === 'array' ? '['.repeat(levels - 1) : '{"a":'.repeat(levels - 1);
    const close = kind === 'array' ? ']'.repeat(levels - 1) : '}'.repeat(levels - 1);
    return JSON.parse(`{"x":${open}1${close}}`) as unknown;
  };

  it.each(['array', 'object'] as const)('accepts %s nesting of exactly the limit', (kind) => {
    expect(thrown(() => checkNesting(nested(MAX_NESTING, kind)))).toBeUndefined();
  });

  it.each(['array', 'object'] as const)(
    'refuses %s nesting one level deeper, with a 400 that says so',
    (kind) => {
      const e = thrown(() => checkNesting(nested(MAX_NESTING + 1, kind)));
      expect(e?.status).toBe(400);
      expect(e?.message).toBe(`The request body is nested deeper than ${MAX_NESTING} levels.`);
    },
  );

  it('refuses 100 000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    expect(thrown(() => checkNesting(deep))?.status).toBe(400);
  });

  it('accepts a wide, shallow body (a long conversation)', () => {
    const body = {
      messages: Array.from({ length: 5000 }, (_, i) => ({
        role: 'user',
        content: [{ type: 'text', text: `m${i}` }],
      })),
    };
    expect(thrown(() => checkNesting(body))).toBeUndefined();
  });
});

describe('headerSafe', () => {
  it('leaves printable ASCII alone', () => {
    expect(headerSafe('up-chat/gpt-4.1 (x)')).toBe('up-chat/gpt-4.1 (x)');
    expect(headerSafe('a%b')).toBe('a%b');
  });

  it('%-encodes the rest as UTF-8, and % itself when it does', () => {
    expect(headerSafe('up/模型')).toBe('up/%E6%A8%A1%E5%9E%8B');
    expect(decodeURIComponent(headerSafe('up/模型 100%'))).toBe('up/模型 100%');
    expect(headerSafe('a\r\nX-Injected: 1')).toBe('a%0D%0AX-Injected: 1');
    expect(headerSafe('x\u202e')).toBe('x%E2%80%AE');
  });

  it('never throws, even on a lone surrogate', () => {
    expect(headerSafe('x\ud800')).toBe('x%EF%BF%BD');
  });
});

describe('SseUsageTap.midEvent', () => {
  const tapAfter = (...chunks: string[]) => {
    const tap = new SseUsageTap(codecFor('anthropic').usage);
    for (const c of chunks) tap.push(Buffer.from(c));
    return tap;
  };

  it('is false at an event boundary, in any line ending', () => {
    expect(tapAfter('data: {}\n\n').midEvent).toBe(false);
    expect(tapAfter('data: {}\r\n\r\n').midEvent).toBe(false);
    expect(tapAfter('data: {}\r\r').midEvent).toBe(false);
    expect(tapAfter().midEvent).toBe(false);
  });

  it('is true when the bytes so far stop inside an event', () => {
    expect(tapAfter('data: {}\n\n', 'event: content_block_delta\ndata: {"text":"How are').midEvent).toBe(
      true,
    );
    expect(tapAfter('data: {}\n').midEvent).toBe(true);
  });

  it('is false in dropping mode, which forwards only whole events', () => {
    const tap = new SseUsageTap(codecFor('openai-chat').usage, true);
    tap.push(Buffer.from('data: {"choices":[{"delta":{"content":"hi'));
    expect(tap.midEvent).toBe(false);
  });
});

describe('model names in the config file', () => {
  it('a combo step or an alias that is not printable is refused, as by the API', async () => {
    const { ConfigSchema } = await import('../../../core/config/schema.js');
    expect(
      ConfigSchema.safeParse({ combos: [{ name: 'c', models: ['up/x'] }], aliases: { a: 'up/x' } }).success,
    ).toBe(true);
    for (const bad of [
      { combos: [{ name: 'c', models: ['up/x\ud800'] }] },
      { aliases: { a: 'up/x\u202e' } },
      { aliases: [{ pattern: 'a\u0000', target: 'up/x' }] },
    ]) {
      const r = ConfigSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message).join(' ')).toMatch(/a model name that contains/);
    }
  });
});
