import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { codecFor } from '../../../core/formats/index.js';
import { SseUsageTap, usageFromJsonBytes } from '../../../core/formats/usage-tap.js';
import { FIXTURE_ROOT, loadChunkLines, manifest } from '../../helpers/fixtures.js';

// The tap reads usage off passthrough bytes and, when the gateway asked for usage on the
// caller's behalf, removes OpenAI's usage-only chunk. Built on the real OpenAI capture.

const lines = loadChunkLines('openai-chat/openai-text.chunks.txt');
const sse = (ls: string[], eol = '\n') =>
  ls.map((l) => `data: ${l}${eol}${eol}`).join('') + `data: [DONE]${eol}${eol}`;

function run(text: string, sizes: number, drop: boolean) {
  const tap = new SseUsageTap(codecFor('openai-chat').usage, drop);
  const buf = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += sizes)
    out.push(...[tap.push(Buffer.from(buf.subarray(i, i + sizes)))].flat());
  out.push(tap.flush());
  tap.finish();
  return { text: Buffer.concat(out).toString(), usage: tap.usage };
}

describe('SseUsageTap', () => {
  const full = sse(lines);
  const withoutUsageChunk = sse(lines.slice(0, -1));
  const expectedUsage = { inputTokens: 16, outputTokens: 300, cachedInputTokens: 0, reasoningTokens: 0 };

  it('passes every byte and reads the final usage when nothing is dropped', () => {
    const r = run(full, 4096, false);
    expect(r.text).toBe(full);
    expect(r.usage).toEqual(expectedUsage);
  });

  // Odd sizes put chunk ends inside "[]", inside the blank line and inside the usage event.
  for (const size of [1, 2, 3, 7, 13, 64, 97, 300, 331, 4096, 65_536, 1 << 20]) {
    it(`drops exactly the usage-only chunk and still counts it (chunks of ${size} bytes)`, () => {
      const r = run(full, size, true);
      expect(r.text).toBe(withoutUsageChunk);
      expect(r.usage).toEqual(expectedUsage);
    });
  }

  it('forwards a chunk of whole delta events as it is, even while dropping (no copy, no pieces)', () => {
    const tap = new SseUsageTap(codecFor('openai-chat').usage, true);
    const events = lines.slice(0, -1).map((l) => Buffer.from(`data: ${l}\n\n`));
    for (const e of events) expect(tap.push(e)).toBe(e);
    // The usage-only chunk is still taken out and read.
    expect(tap.push(Buffer.from(`data: ${lines.at(-1)}\n\n`))).toEqual([]);
    tap.finish();
    expect(tap.usage).toEqual(expectedUsage);
  });

  it('recognises the spaced spelling and CRLF framing (Python servers)', () => {
    const spaced = lines.map((l) => l.replace('"choices":[]', '"choices" : []'));
    for (const size of [1, 5, 333, 4096]) {
      const r = run(sse(spaced, '\r\n'), size, true);
      expect(r.text).toBe(sse(spaced.slice(0, -1), '\r\n'));
      expect(r.usage.outputTokens).toBe(300);
    }
  });

  it('sees an error event at the start of a stream in every spelling, and nothing else as one', () => {
    const opens = (text: string) => {
      const tap = new SseUsageTap(codecFor('anthropic').usage);
      tap.push(Buffer.from(text));
      return tap.sawError;
    };
    expect(opens('event: error\ndata: {"type": "error", "error": {"type": "overloaded_error"}}\n\n')).toBe(
      true,
    );
    expect(opens('event:error\ndata: {"message": "no quotes around the word"}\n\n')).toBe(true);
    expect(opens('data: {"error": {"message": "boom"}}\n\n')).toBe(true);
    expect(opens('data:{"type":"error","error":{}}\r\n\r\n')).toBe(true);
    expect(opens(': keep-alive\n\ndata: {"type":  "error"}\n\n')).toBe(true);
    // A well-formed stream that mentions errors only inside its content.
    expect(opens(sse(lines.slice(0, 20)))).toBe(false);
    expect(
      opens('data: {"id":"x","choices":[{"delta":{"content":"event: error data: {\\"error\\""}}]}\n\n'),
    ).toBe(false);
    expect(opens('event: message_start\ndata: {"type":"message_start","message":{"error":null}}\n\n')).toBe(
      false,
    );
    expect(opens('data: {"type":"errors_are_not_this"}\n\n')).toBe(false);
  });

  it('looks for an opening error only while nothing has been forwarded', () => {
    const tap = new SseUsageTap(codecFor('openai-chat').usage);
    tap.push(Buffer.from(sse(lines.slice(0, 2))));
    tap.watchErrors = false;
    tap.push(Buffer.from('data: {"error": {"message": "late"}}\n\n'));
    expect(tap.sawError).toBe(false);
  });

  it('does not drop an empty array that is not the choices', () => {
    const other = lines.map((l) => l.replace('"logprobs":null', '"logprobs":[]'));
    for (const size of [1, 7, 50, 331, 4096]) {
      const r = run(sse(other), size, true);
      expect(r.text).toBe(sse(other.slice(0, -1)));
      expect(r.usage.outputTokens).toBe(300);
    }
  });
});

describe('usageFromJsonBytes', () => {
  // Every real non-streamed capture: reading usage off the bytes gives what a full parse gives.
  const bodies = manifest().filter((m) => m.file.endsWith('.json') && !m.file.includes('error'));
  it.each(bodies.map((m) => m.file))('%s', (file) => {
    const format = file.split('/')[0] as WireFormat;
    const raw = readFileSync(path.join(FIXTURE_ROOT, file));
    // The response decoder's usage: what a translated answer is counted with.
    const expected = codecFor(format).decodeResponse(JSON.parse(raw.toString())).usage;
    expect(expected).toBeDefined();
    expect(usageFromJsonBytes(codecFor(format).usage, raw)).toEqual(expected);
    // The same body padded past the size where bytes are searched instead of parsed.
    const padded = Buffer.from(raw.toString().replace(/^\s*\{/, `{"pad":"${'x'.repeat(20_000)}",`));
    expect(usageFromJsonBytes(codecFor(format).usage, padded)).toEqual(expected);
  });

  it('parses a small body whole when its usage key is spelled in a way the markers miss', () => {
    const body = Buffer.from('{"choices":[],"usage" :\n {"prompt_tokens": 3, "completion_tokens": 5}}');
    expect(usageFromJsonBytes(codecFor('openai-chat').usage, body)).toMatchObject({
      inputTokens: 3,
      outputTokens: 5,
    });
  });

  it('reads a usage object whose strings hold braces (the brace search overruns; the byte scan decides)', () => {
    const pad = `"pad":"${'x'.repeat(20_000)}"`;
    for (const note of ['{', '}', '}{', '{"a":1}', '\\"}']) {
      const body = `{${pad},"usage":{"prompt_tokens":3,"note":${JSON.stringify(note)},"completion_tokens_details":{"reasoning_tokens":2},"completion_tokens":5},"tail":{"x":"}"}}`;
      expect(JSON.parse(body).usage.note).toBe(note);
      expect(usageFromJsonBytes(codecFor('openai-chat').usage, Buffer.from(body))).toEqual({
        inputTokens: 3,
        outputTokens: 5,
        reasoningTokens: 2,
      });
    }
  });

  it('is not fooled by a usage object quoted inside the answer text', () => {
    const answer = JSON.stringify({
      choices: [{ message: { content: 'try {"usage":{"prompt_tokens":999}}' } }],
      usage: { prompt_tokens: 3, completion_tokens: 5 },
    });
    expect(usageFromJsonBytes(codecFor('openai-chat').usage, Buffer.from(answer))).toMatchObject({
      inputTokens: 3,
      outputTokens: 5,
    });
    const noUsage = JSON.stringify({
      choices: [{ message: { content: 'say "usage":{"prompt_tokens":9}' } }],
    });
    expect(usageFromJsonBytes(codecFor('openai-chat').usage, Buffer.from(noUsage))).toBeUndefined();
  });
});
