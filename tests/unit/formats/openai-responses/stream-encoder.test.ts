import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { geminiCodec } from '../../../../core/formats/gemini/index.js';
import { openaiResponsesCodec } from '../../../../core/formats/openai-responses/index.js';
import { fixtureSseMessages, loadChunkLines } from '../../../helpers/fixtures.js';
import { collect, decodeAll, encodeAll, parseSse } from './stream-helpers.js';

const ctx = { model: 'gateway-model', requestId: 'req_abc' };

function geminiToResponses(
  name: string,
  extra: Partial<typeof ctx> & { customTools?: string[] } = {},
): string {
  const events = decodeAll(geminiCodec.createStreamDecoder(), fixtureSseMessages(`gemini/${name}`, 'gemini'));
  return encodeAll(openaiResponsesCodec.createStreamEncoder({ ...ctx, ...extra }), events);
}

function payloads(wire: string): any[] {
  return parseSse(wire).map((m) => {
    const data = JSON.parse(m.data);
    expect(m.event).toBe(data.type);
    return data;
  });
}

describe('Responses stream encoder', () => {
  it('Gemini text stream → exact Responses event sequence', () => {
    const events = payloads(geminiToResponses('google-text.chunks.txt'));
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const completed = events.at(-1).response;
    // A non-OpenAI upstream id is replaced by one minted from the gateway request id.
    expect(completed.id).toBe('resp_reqabc');
    expect(completed.model).toBe('gateway-model');
    expect(completed.status).toBe('completed');
    // thoughtsTokenCount 185 + candidatesTokenCount 23.
    expect(completed.usage).toEqual({
      input_tokens: 9,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 208,
      output_tokens_details: { reasoning_tokens: 185 },
      total_tokens: 217,
    });
    expect(completed.output).toHaveLength(1);
    expect(completed.output[0].content[0].text).toBe(
      'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y',
    );
    expect(events[6].text).toBe(completed.output[0].content[0].text);
  });

  it('round-trips the Gemini tool call and Vertex partialArgs through Responses wire', () => {
    const toolWire = geminiToResponses('google-tool-call.chunks.txt');
    const back = collect(decodeAll(openaiResponsesCodec.createStreamDecoder(), parseSse(toolWire)));
    expect(back.toolCalls).toHaveLength(1);
    expect(back.toolCalls[0]).toMatchObject({ name: 'weather', arguments: '{"location":"San Francisco"}' });
    expect(back.toolCalls[0]!.id).toBe('call_gemini_b36LacjwM668nsEP2tbsgQQ_0');
    expect(back.toolCalls[0]!.itemId).toMatch(/^fc_reqabc/);
    expect(back.finishReason).toBe('tool_calls');
    expect(back.usage).toEqual({
      inputTokens: 29,
      outputTokens: 60,
      cachedInputTokens: 0,
      reasoningTokens: 45,
    });

    const vertexWire = geminiToResponses('google-vertex-stream-tool-call-args.chunks.txt');
    const vertex = collect(decodeAll(openaiResponsesCodec.createStreamDecoder(), parseSse(vertexWire)));
    const args = JSON.parse(vertex.toolCalls[0]!.arguments);
    expect(vertex.toolCalls[0]!.name).toBe('cookRecipe');
    expect(args.recipe.name).toBe('Lasagna');
    expect(args.recipe.ingredients).toHaveLength(10);
    expect(args.recipe.ingredients[0]).toEqual({ amount: '16 oz', name: 'Lasagna noodles' });
    expect(args.recipe.steps[1]).toBe(
      'Cook lasagna noodles according to package directions, drain and set aside.',
    );
    expect(vertex.finishReason).toBe('tool_calls');
  });

  it('Responses capture → canonical → Responses keeps item ids and encrypted_content', () => {
    const events: StreamEvent[] = [
      { type: 'start', id: 'resp_up', model: 'gpt-5', created: 5 },
      { type: 'reasoning-start', id: 'r0', itemId: 'rs_up', origin: 'openai-responses' },
      { type: 'reasoning-delta', id: 'r0', text: 'Plan.' },
      {
        type: 'reasoning-end',
        id: 'r0',
        itemId: 'rs_up',
        encryptedContent: 'gAAAA==',
        origin: 'openai-responses',
      },
      { type: 'tool-call-start', id: 'call_1', name: 'shell', itemId: 'fc_up', origin: 'openai-responses' },
      { type: 'tool-call-delta', id: 'call_1', argumentsDelta: '{"command":' },
      { type: 'tool-call-delta', id: 'call_1', argumentsDelta: '["ls"]}' },
      { type: 'tool-call-end', id: 'call_1', origin: 'openai-responses' },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 20, reasoningTokens: 12 } },
      { type: 'finish', reason: 'tool_calls' },
    ];
    const wire = encodeAll(openaiResponsesCodec.createStreamEncoder(ctx), events);
    const msgs = payloads(wire);
    expect(msgs.map((m) => m.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(msgs[7].item).toEqual({
      id: 'rs_up',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Plan.' }],
      encrypted_content: 'gAAAA==',
    });
    expect(msgs[12].item).toEqual({
      id: 'fc_up',
      type: 'function_call',
      status: 'completed',
      arguments: '{"command":["ls"]}',
      call_id: 'call_1',
      name: 'shell',
    });
    expect(msgs[13].response.id).toBe('resp_up');
    expect(msgs[13].response.output.map((o: any) => o.id)).toEqual(['rs_up', 'fc_up']);
    const again = collect(decodeAll(openaiResponsesCodec.createStreamDecoder(), parseSse(wire)));
    expect(again.reasoningEnds[0]).toMatchObject({ encryptedContent: 'gAAAA==', itemId: 'rs_up' });
    expect(again.finishReason).toBe('tool_calls');
  });

  it('re-encodes the xAI capture with identical text and reasoning', () => {
    const lines = loadChunkLines('openai-responses/xai-reasoning-summary.chunks.txt').map((l) =>
      JSON.parse(l),
    );
    const events = decodeAll(
      openaiResponsesCodec.createStreamDecoder(),
      fixtureSseMessages('openai-responses/xai-reasoning-summary.chunks.txt', 'openai-responses'),
    );
    const wire = encodeAll(openaiResponsesCodec.createStreamEncoder(ctx), events);
    const done = payloads(wire).at(-1).response;
    expect(done.output.map((o: any) => o.type)).toEqual(['reasoning', 'message']);
    expect(done.output[0].id).toBe('rs_bf3b2b34-79d4-a45c-7be8-d1e5f96386c2');
    expect(done.output[0].summary[0].text).toBe(
      lines.find((l) => l.type === 'response.reasoning_summary_text.done').text,
    );
    expect(done.output[1].content[0].text).toBe(
      lines.find((l) => l.type === 'response.output_text.done').text,
    );
    expect(done.usage.input_tokens_details.cached_tokens).toBe(192);
  });

  it('sends a custom tool call as custom_tool_call with the unwrapped input', () => {
    const patch = '*** Begin Patch\n*** Add File: x\n+1\n*** End Patch';
    const wire = encodeAll(
      openaiResponsesCodec.createStreamEncoder({ ...ctx, customTools: ['apply_patch'] }),
      [
        { type: 'start', id: 'x', model: 'm', created: 1 },
        { type: 'tool-call-start', id: 'call_9', name: 'apply_patch' },
        {
          type: 'tool-call-delta',
          id: 'call_9',
          argumentsDelta: JSON.stringify({ input: patch }).slice(0, 10),
        },
        { type: 'tool-call-delta', id: 'call_9', argumentsDelta: JSON.stringify({ input: patch }).slice(10) },
        { type: 'tool-call-end', id: 'call_9' },
        { type: 'finish', reason: 'tool_calls' },
      ],
    );
    const msgs = payloads(wire);
    expect(msgs.map((m) => m.type).slice(2)).toEqual([
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(msgs[5].item).toMatchObject({
      type: 'custom_tool_call',
      call_id: 'call_9',
      name: 'apply_patch',
      input: patch,
    });
  });

  it('ends with response.incomplete on length, and response.failed + error on an error', () => {
    const incomplete = payloads(
      encodeAll(openaiResponsesCodec.createStreamEncoder(ctx), [
        { type: 'start', id: 'x', model: 'm', created: 1 },
        { type: 'text-delta', id: 't', text: 'partial' },
        { type: 'finish', reason: 'length' },
      ]),
    );
    expect(incomplete.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
    // The open text block was closed before the terminal event.
    expect(incomplete.at(-2).type).toBe('response.output_item.done');

    const failed = payloads(
      encodeAll(openaiResponsesCodec.createStreamEncoder(ctx), [
        { type: 'start', id: 'x', model: 'm', created: 1 },
        { type: 'error', error: { status: 429, kind: 'rate_limit', message: 'Too many requests' } },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    expect(failed.map((m) => m.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.failed',
      'error',
    ]);
    expect(failed[2].response.error).toEqual({ code: 'rate_limit_exceeded', message: 'Too many requests' });
    expect(failed[3]).toMatchObject({
      code: 'rate_limit_exceeded',
      message: 'Too many requests',
      sequence_number: 3,
    });
  });
});

describe('the openai SDK reads the encoded stream', () => {
  let server: Server;
  let body = '';
  let client: OpenAI;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    client = new OpenAI({ apiKey: 'test', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('responses.stream() accumulates text and a function call from a Gemini upstream', async () => {
    body = geminiToResponses('google-reasoning.chunks.txt');
    const stream = client.responses.stream({ model: 'gateway-model', input: 'hi' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(
      'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.',
    );
    expect(final.usage?.output_tokens).toBe(285);

    body = geminiToResponses('google-tool-call.chunks.txt');
    const calls = await client.responses
      .stream({ model: 'gateway-model', input: 'weather?' })
      .finalResponse();
    const call = calls.output.find((o) => o.type === 'function_call');
    expect(call).toMatchObject({ name: 'weather', arguments: '{"location":"San Francisco"}' });
  });

  it('responses.create({stream:true}) throws an APIError on an encoded error', async () => {
    body = encodeAll(openaiResponsesCodec.createStreamEncoder(ctx), [
      { type: 'start', id: 'x', model: 'm', created: 1 },
      { type: 'text-delta', id: 't', text: 'Hel' },
      {
        type: 'error',
        error: { status: 429, kind: 'quota_exhausted', message: 'You exceeded your current quota' },
      },
    ]);
    const stream = await client.responses.create({ model: 'gateway-model', input: 'hi', stream: true });
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const event of stream) seen.push(event.type);
    } catch (e) {
      error = e;
    }
    expect(seen).toContain('response.failed');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toBe('You exceeded your current quota');
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('insufficient_quota');
  });
});
