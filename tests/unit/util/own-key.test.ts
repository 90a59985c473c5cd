import { describe, expect, it } from 'vitest';
import { readJsonc } from '../../../core/cli-tools/edit/jsonc.js';
import { readDotenv } from '../../../core/cli-tools/edit/dotenv.js';
import { openApiToJsonSchema } from '../../../core/formats/gemini/decode-request.js';

// Text we copy into objects (a caller's Gemini schema, a tool's settings or .env file) may name
// the key `__proto__`: it must stay a key, never become the copy's prototype.
describe('copies of untrusted text keep __proto__ as a plain key', () => {
  it('a Gemini tool schema', () => {
    const out = openApiToJsonSchema(
      JSON.parse('{"type":"OBJECT","properties":{"__proto__":{"type":"STRING"},"a":{"type":"STRING"}}}'),
    ) as { properties: Record<string, unknown> };
    expect(Object.getPrototypeOf(out.properties)).toBe(Object.prototype);
    expect(Object.keys(out.properties)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(out)).toContain('"__proto__":{"type":"string"}');
  });

  it("a coding tool's JSONC settings file", () => {
    const v = readJsonc('{ "__proto__": { "polluted": true }, "model": "x" }') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(v.polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__', 'model']);
  });

  it('a .env file', () => {
    const v = readDotenv('__proto__=evil\nOPENAI_BASE_URL=http://127.0.0.1:20128/v1\n');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'OPENAI_BASE_URL']);
  });
});
