import { describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalRequest } from '../../../../core/formats/canonical.js';
import { codecFor } from '../../../../core/formats/index.js';
import { loadChunkLines, loadJson } from '../../../helpers/fixtures.js';
import { Rng } from '../../../integration/fuzz/harness.js';

// The Ollama decoders read untrusted JSON: a caller's body, an upstream's lines. Each documented
// example is mutated (a field replaced by a value of another type, removed, or the body cut) a
// few hundred times with a fixed seed; the request decoder must answer a 400 or a request, the
// stream decoder events, never anything else (a TypeError would be the gateway's 500).

const codec = codecFor('ollama');
const HOSTILE: unknown[] = [null, 0, -1, 1e308, '', 'x', true, [], {}, [null], { __proto__: { a: 1 } }, '{'];

function mutate(rng: Rng, value: unknown, depth = 0): unknown {
  if (depth > 0 && rng.chance(0.15)) return rng.pick(HOSTILE);
  if (Array.isArray(value)) return value.map((v) => mutate(rng, v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!rng.chance(0.1)) out[k] = mutate(rng, v, depth + 1);
    return out;
  }
  return value;
}

const REQUESTS = [
  'ollama/chat-history-tools.request.json',
  'ollama/chat-structured.request.json',
  'ollama/chat-reproducible.request.json',
  'ollama/chat-tools-stream.request.json',
];

describe('ollama decoders on hostile input', () => {
  it('a mutated request is a request or a 400, and encodes again', () => {
    const rng = new Rng(20_261_206);
    let decoded = 0;
    for (let i = 0; i < 400; i++) {
      const body = mutate(rng, loadJson(rng.pick(REQUESTS)));
      let req: CanonicalRequest;
      try {
        req = codec.decodeRequest(body);
      } catch (e) {
        expect(e, JSON.stringify(body)).toBeInstanceOf(GatewayError);
        expect((e as GatewayError).status).toBe(400);
        continue;
      }
      decoded++;
      expect(() => codec.encodeRequest(req, { model: 'm', stream: true })).not.toThrow();
    }
    // Both sides are exercised: the seed gives bodies that decode and bodies that do not.
    expect(decoded).toBeGreaterThan(20);
    expect(decoded).toBeLessThan(380);
  });

  it('mutated stream lines and answers give events or a 502, never a crash', () => {
    const rng = new Rng(7);
    const lines = [
      ...loadChunkLines('ollama/chat-tools-stream.ndjson'),
      ...loadChunkLines('ollama/chat-thinking-stream.ndjson'),
    ];
    for (let i = 0; i < 300; i++) {
      const dec = codec.createStreamDecoder();
      const events = lines.flatMap((l) => {
        const m = mutate(rng, JSON.parse(l));
        return dec.push({ data: rng.chance(0.1) ? l.slice(0, rng.int(l.length)) : JSON.stringify(m) });
      });
      events.push(...dec.end());
      expect(['finish', 'error']).toContain(events.at(-1)!.type);
      const answer = mutate(rng, loadJson('ollama/chat-tools.json'));
      try {
        codec.decodeResponse(answer);
      } catch (e) {
        expect((e as GatewayError).status).toBe(502);
      }
    }
  });
});
