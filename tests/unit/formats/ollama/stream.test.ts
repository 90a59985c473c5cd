import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { codecFor } from '../../../../core/formats/index.js';
import { NdjsonUsageTap } from '../../../../core/formats/usage-tap.js';
import { createNdjsonParser, type SseMessage } from '../../../../core/util/sse.js';
import { loadChunkLines } from '../../../helpers/fixtures.js';

const codec = codecFor('ollama');
const ctx = { model: 'llama3.2', requestId: 'r1' };

function decode(lines: string[]): StreamEvent[] {
  const dec = codec.createStreamDecoder();
  const events = lines.flatMap((data) => dec.push({ data }));
  return [...events, ...dec.end()];
}

const ndjson = (file: string) =>
  loadChunkLines(file)
    .map((l) => `${l}\n`)
    .join('');

describe('ollama stream decoder', () => {
  it('decodes the documented stream: text, then finish with the final counts', () => {
    const events = decode(loadChunkLines('ollama/chat-stream.ndjson'));
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'text-end',
      'usage',
      'finish',
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 26, outputTokens: 282 },
    });
  });

  it('opens, fills and closes each whole tool call at once', () => {
    const events = decode(loadChunkLines('ollama/chat-tools-stream.ndjson'));
    const id = (events[1] as any).id;
    expect(events.slice(1, 4)).toEqual([
      { type: 'tool-call-start', id, name: 'get_weather' },
      { type: 'tool-call-delta', id, argumentsDelta: '{"city":"Tokyo"}' },
      { type: 'tool-call-end', id },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'tool_calls', rawReason: 'stop' });
  });

  it('keeps thinking apart from the answer', () => {
    const events = decode(loadChunkLines('ollama/chat-thinking-stream.ndjson'));
    const reasoning = events.filter((e) => e.type === 'reasoning-delta').map((e: any) => e.text);
    const text = events.filter((e) => e.type === 'text-delta').map((e: any) => e.text);
    expect(reasoning.join('')).toBe("Count the r's: st-r-awbe-r-r-y. That is three.");
    expect(text.join('')).toBe("There are three r's in strawberry.");
  });

  it('turns an error line into an error event, and a stream cut before done into `other`', () => {
    const events = decode(loadChunkLines('ollama/chat-stream-error.ndjson'));
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { status: 500, kind: 'upstream', message: 'an error was encountered while running the model' },
    });
    expect(decode(loadChunkLines('ollama/chat-stream.ndjson').slice(0, 1)).at(-1)).toEqual({
      type: 'finish',
      reason: 'other',
    });
  });
});

describe('ollama stream encoder', () => {
  it('round-trips the documented streams through canonical events', () => {
    for (const file of ['ollama/chat-tools-stream.ndjson', 'ollama/chat-thinking-stream.ndjson']) {
      const enc = codec.createStreamEncoder(ctx);
      let out = '';
      for (const e of decode(loadChunkLines(file))) out += enc.push(e);
      out += enc.end();
      const got = out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      const want = loadChunkLines(file).map((l) => JSON.parse(l));
      // The same messages and counts; durations are Ollama's own and are not known here.
      expect(
        got.map((g) => g.message),
        file,
      ).toEqual(want.map((w) => w.message));
      expect(got.at(-1)).toMatchObject({
        done: true,
        done_reason: 'stop',
        prompt_eval_count: want.at(-1).prompt_eval_count,
        eval_count: want.at(-1).eval_count,
      });
    }
  });

  it('ends a failed stream with one error line', () => {
    const enc = codec.createStreamEncoder(ctx);
    let out = enc.push({ type: 'start', id: '', model: 'm', created: 0 });
    out += enc.push({ type: 'text-start', id: 't' });
    out += enc.push({ type: 'text-delta', id: 't', text: 'Hi' });
    out += enc.push({ type: 'error', error: { status: 502, kind: 'upstream', message: 'cut' } });
    out += enc.end();
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toEqual({ error: 'cut' });
    expect(lines).toHaveLength(2);
  });
});

describe('NDJSON framing', () => {
  it('splits lines across any chunking, holding an unterminated last line until flush', () => {
    const text = ndjson('ollama/chat-tools-stream.ndjson').slice(0, -1);
    for (const size of [1, 3, 17, 4096]) {
      const got: SseMessage[] = [];
      const p = createNdjsonParser((m) => got.push(m));
      for (let i = 0; i < text.length; i += size) p.feed(text.slice(i, i + size));
      expect(got).toHaveLength(1);
      p.flush();
      expect(got.map((m) => m.data)).toEqual(loadChunkLines('ollama/chat-tools-stream.ndjson'));
    }
  });

  it('the passthrough tap forwards the bytes as they are and reads the final counts', () => {
    const text = ndjson('ollama/chat-thinking-stream.ndjson');
    for (const size of [1, 7, 64, 4096]) {
      const tap = new NdjsonUsageTap(codec.usage);
      const out: Buffer[] = [];
      const buf = Buffer.from(text);
      for (let i = 0; i < buf.length; i += size) out.push(tap.push(buf.subarray(i, i + size)));
      expect(tap.sawError).toBe(false);
      tap.finish();
      expect(Buffer.concat(out).toString()).toBe(text);
      expect(tap.usage).toEqual({ inputTokens: 18, outputTokens: 24 });
    }
  });

  it('the tap sees an opening error line, and knows when it stopped mid-line', () => {
    const tap = new NdjsonUsageTap(codec.usage);
    tap.push(Buffer.from('{"error":"model not loaded"}\n'));
    expect(tap.sawError).toBe(true);
    const cut = new NdjsonUsageTap(codec.usage);
    cut.push(Buffer.from(loadChunkLines('ollama/chat-stream.ndjson')[0]!.slice(0, 40)));
    expect(cut.sawError).toBe(false);
    expect(cut.midEvent).toBe(true);
    expect(cut.messageEnd).toBe('\n');
  });
});
