import { describe, expect, it } from 'vitest';
import { insertTopLevelField, spliceTopLevelString } from '../../../core/gateway/json-splice.js';

// Passthrough edits the caller's bytes instead of re-serialising them; the result must parse
// to what a parse-edit-stringify would give.

describe('insertTopLevelField', () => {
  const cases = [
    '{"model":"a","stream":true}',
    '  \n{ "model" : "a", "messages": [{"role":"user","content":"{\\"x\\":1}"}] }\n',
    '{}',
    '{ \n }',
  ];
  for (const raw of cases) {
    it(`adds the member first, keeping the rest: ${JSON.stringify(raw).slice(0, 40)}`, () => {
      const out = insertTopLevelField(raw, 'stream_options', '{"include_usage":true}');
      expect(JSON.parse(out!)).toEqual({ stream_options: { include_usage: true }, ...JSON.parse(raw) });
      expect(out!.endsWith(raw.slice(raw.indexOf('{') + 1))).toBe(true);
    });
  }
  it('refuses a body that is not an object', () => {
    expect(insertTopLevelField('[1]', 'k', '1')).toBeUndefined();
    expect(insertTopLevelField('  "s"', 'k', '1')).toBeUndefined();
  });
});

describe('spliceTopLevelString', () => {
  it('replaces only the top-level key, not a nested one of the same name', () => {
    const raw = '{"messages":[{"model":"inner"}],"model":"ds/chat","x":1}';
    const out = spliceTopLevelString(raw, 'model', 'deepseek-chat')!;
    expect(JSON.parse(out)).toEqual({ messages: [{ model: 'inner' }], model: 'deepseek-chat', x: 1 });
  });
  it('is undefined when there is no top-level string of that name', () => {
    expect(spliceTopLevelString('{"messages":[{"model":"inner"}]}', 'model', 'x')).toBeUndefined();
  });
});
