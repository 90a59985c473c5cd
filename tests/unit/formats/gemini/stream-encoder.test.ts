import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { geminiCodec } from '../../../../core/formats/gemini/index.js';
import { openaiResponsesCodec } from '../../../../core/formats/openai-responses/index.js';
import { fixtureSseMessages, loadChunkLines } from '../../../helpers/fixtures.js';
import { collect, decodeAll, encodeAll, parseSse } from '../openai-responses/stream-helpers.js';

const ctx = { model: 'gemini-alias', requestId: 'req_g1' };

function responsesToGemini(name: string, jsonArrayStream = false): string {
  const events = decodeAll(
    openaiResponsesCodec.createStreamDecoder(),
    fixtureSseMessages(`openai-responses/${name}`, 'openai-responses'),
  );
  return encodeAll(geminiCodec.createStreamEncoder({ ...ctx, jsonArrayStream }), events);
}

const chunks = (wire: string) => parseSse(wire).map((m) => JSON.parse(m.data));

describe('Gemini stream encoder', () => {
  it('Responses text stream → SSE chunks with the final finishReason and usage', () => {
    const wire = responsesToGemini('openai-text.chunks.txt');
    expect(
      wire.startsWith(
        'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Dummy"}]},"index":0}]',
      ),
    ).toBe(true);
    const out = chunks(wire);
    expect(out.map((c) => c.candidates[0].content.parts.map((p: any) => p.text).join(''))).toEqual([
      'Dummy',
      ' PDF',
      ' file',
      '',
    ]);
    expect(out.at(-1)).toEqual({
      candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, index: 0, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 44, candidatesTokenCount: 4, totalTokenCount: 48 },
      modelVersion: 'gemini-alias',
      responseId: 'resp_051ebd7ab60063870069d4fe8ac1348194bf06d0a4646af05f',
    });
  });

  it('Responses function call → one functionCall part with full args, no signature, decodes back', () => {
    const wire = responsesToGemini('openai-function-call.chunks.txt');
    const out = chunks(wire);
    const calls = out.flatMap((c) => c.candidates[0].content.parts).filter((p: any) => p.functionCall);
    expect(calls).toEqual([
      { functionCall: { name: 'get_weather', args: { location: 'San Francisco, CA', unit: 'fahrenheit' } } },
    ]);
    const back = collect(decodeAll(geminiCodec.createStreamDecoder(), parseSse(wire)));
    expect(back.toolCalls[0]).toMatchObject({
      name: 'get_weather',
      arguments: '{"location":"San Francisco, CA","unit":"fahrenheit"}',
    });
    expect(back.finishReason).toBe('tool_calls');
    expect(back.usage).toEqual({ inputTokens: 467, outputTokens: 26 });

    const azure = collect(
      decodeAll(
        geminiCodec.createStreamDecoder(),
        parseSse(responsesToGemini('azure-function-call.chunks.txt')),
      ),
    );
    expect(azure.toolCalls.map((t) => [t.name, t.arguments])).toEqual([
      ['weather', '{"location":"San Francisco"}'],
    ]);
  });

  it('xAI reasoning summary → thought parts, then the answer; thoughts counted separately', () => {
    const lines = loadChunkLines('openai-responses/xai-reasoning-summary.chunks.txt').map((l) =>
      JSON.parse(l),
    );
    const wire = responsesToGemini('xai-reasoning-summary.chunks.txt');
    const parts = chunks(wire).flatMap((c) => c.candidates[0].content.parts);
    const thoughts = parts
      .filter((p: any) => p.thought)
      .map((p: any) => p.text)
      .join('');
    const answer = parts
      .filter((p: any) => !p.thought)
      .map((p: any) => p.text)
      .join('');
    expect(thoughts).toBe(lines.find((l) => l.type === 'response.reasoning_summary_text.done').text);
    expect(answer).toBe(lines.find((l) => l.type === 'response.output_text.done').text);
    expect(chunks(wire).at(-1).usageMetadata).toEqual({
      promptTokenCount: 216,
      candidatesTokenCount: 600,
      thoughtsTokenCount: 323,
      cachedContentTokenCount: 192,
      totalTokenCount: 1139,
    });
  });

  it('Gemini → Gemini keeps thoughtSignatures byte for byte', () => {
    const name = 'gemini/google-tool-call.chunks.txt';
    const events = decodeAll(geminiCodec.createStreamDecoder(), fixtureSseMessages(name, 'gemini'));
    const out = chunks(encodeAll(geminiCodec.createStreamEncoder(ctx), events));
    const original = JSON.parse(loadChunkLines(name)[0]!).candidates[0].content.parts[0];
    expect(out[0].candidates[0].content.parts[0]).toEqual(original);
    expect(out.at(-1).usageMetadata).toEqual({
      promptTokenCount: 29,
      candidatesTokenCount: 15,
      thoughtsTokenCount: 45,
      totalTokenCount: 89,
    });

    const textName = 'gemini/google-text.chunks.txt';
    const textOut = chunks(
      encodeAll(
        geminiCodec.createStreamEncoder(ctx),
        decodeAll(geminiCodec.createStreamDecoder(), fixtureSseMessages(textName, 'gemini')),
      ),
    );
    const sig = JSON.parse(loadChunkLines(textName).at(-1)!).candidates[0].content.parts[0].thoughtSignature;
    expect(textOut.flatMap((c) => c.candidates[0].content.parts)).toContainEqual({
      text: '',
      thoughtSignature: sig,
    });
  });

  it('writes a JSON array when jsonArrayStream is set', () => {
    const wire = responsesToGemini('openai-text.chunks.txt', true);
    expect(wire.startsWith('[{"candidates"')).toBe(true);
    expect(wire.endsWith('}]')).toBe(true);
    expect(wire).toContain('},\r\n{');
    const arr = JSON.parse(wire);
    expect(arr).toHaveLength(4);
    expect(arr.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(encodeAll(geminiCodec.createStreamEncoder({ ...ctx, jsonArrayStream: true }), [])).toBe('[]');
  });

  it('ends a failed stream with an error object, in SSE and in array mode', () => {
    const events: StreamEvent[] = [
      { type: 'start', id: 'r', model: 'm', created: 1 },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', text: 'Hel' },
      { type: 'error', error: { status: 429, kind: 'rate_limit', message: 'Slow down' } },
      { type: 'finish', reason: 'stop' },
    ];
    const sse = chunks(encodeAll(geminiCodec.createStreamEncoder(ctx), events));
    expect(sse.at(-1)).toEqual({ error: { code: 429, message: 'Slow down', status: 'RESOURCE_EXHAUSTED' } });
    expect(sse).toHaveLength(2);
    const arr = JSON.parse(
      encodeAll(geminiCodec.createStreamEncoder({ ...ctx, jsonArrayStream: true }), events),
    );
    expect(arr[1]).toEqual({ error: { code: 429, message: 'Slow down', status: 'RESOURCE_EXHAUSTED' } });
  });
});

describe('@google/genai reads the encoded stream', () => {
  let server: Server;
  let body = '';
  let ai: GoogleGenAI;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    ai = new GoogleGenAI({ apiKey: 'test', httpOptions: { baseUrl: `http://127.0.0.1:${port}` } });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('generateContentStream yields the text and the function call', async () => {
    body = responsesToGemini('openai-text.chunks.txt');
    let text = '';
    let finish: string | undefined;
    for await (const chunk of await ai.models.generateContentStream({
      model: 'gemini-alias',
      contents: 'hi',
    })) {
      text += chunk.text ?? '';
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(text).toBe('Dummy PDF file');
    expect(finish).toBe('STOP');

    body = responsesToGemini('openai-function-call.chunks.txt');
    const calls: unknown[] = [];
    for await (const chunk of await ai.models.generateContentStream({
      model: 'gemini-alias',
      contents: 'weather',
    })) {
      calls.push(...(chunk.functionCalls ?? []));
    }
    expect(calls).toEqual([
      { name: 'get_weather', args: { location: 'San Francisco, CA', unit: 'fahrenheit' } },
    ]);
  });
});
