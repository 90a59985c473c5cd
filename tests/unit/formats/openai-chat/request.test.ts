import { describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalRequest } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { STRUCTURED_OUTPUT_TOOL } from '../../../../core/formats/anthropic/structured-output.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';

const weatherParams = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};
const summarySchema = {
  type: 'object',
  properties: { paris: { type: 'string' }, london: { type: 'string' } },
  required: ['paris', 'london'],
  additionalProperties: false,
};

/** An agent-style OpenAI request: developer prompt, images, parallel tool calls and results, JSON output. */
function openaiBody(): Record<string, unknown> {
  return {
    model: 'gpt-4.1',
    messages: [
      { role: 'developer', content: 'Be terse.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather where these photos were taken?' },
          {
            type: 'image_url',
            image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==', detail: 'high' },
          },
          { type: 'image_url', image_url: { url: 'https://example.com/london.jpg' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'Paris and London.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'call_2',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"London"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'rainy' }] },
      { role: 'user', content: 'Summarise as JSON.' },
    ],
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather',
          parameters: weatherParams,
          strict: true,
        },
      },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'summary', schema: summarySchema, strict: true },
    },
    stop: 'END',
    seed: 42,
    presence_penalty: 0.5,
    frequency_penalty: 0.1,
    temperature: 0.2,
    top_p: 0.9,
    max_completion_tokens: 1000,
    user: 'u-1',
    logprobs: true,
    stream: false,
  };
}

describe('openai-chat decodeRequest', () => {
  const req = openaiChatCodec.decodeRequest(openaiBody());

  it('maps every field onto canonical', () => {
    expect(req).toMatchObject({
      model: 'gpt-4.1',
      stream: false,
      toolChoice: 'auto',
      parallelToolCalls: false,
      maxTokens: 1000,
      temperature: 0.2,
      topP: 0.9,
      stop: ['END'],
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: 0.1,
      user: 'u-1',
      responseFormat: { type: 'json_schema', name: 'summary', schema: summarySchema, strict: true },
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather',
          parameters: weatherParams,
          strict: true,
        },
      ],
      dropped: ['logprobs'],
    });
    expect(req.messages[0]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'Be terse.' }],
      developer: true,
    });
    expect(req.messages[1]!.content).toEqual([
      { type: 'text', text: 'Weather where these photos were taken?' },
      {
        type: 'image',
        source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' },
        detail: 'high',
      },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/london.jpg' } },
    ]);
    expect(req.messages[2]!.content).toEqual([
      { type: 'reasoning', text: 'Paris and London.' },
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'call_2', name: 'get_weather', arguments: '{"city":"London"}' },
    ]);
    expect(req.messages[4]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_2',
          name: 'get_weather',
          content: [{ type: 'text', text: 'rainy' }],
        },
      ],
    });
  });

  it('→ anthropic body: images, tool_use, merged tool_result turn, structured-output tool, dropped params', () => {
    const request = structuredClone(req);
    const body = anthropicCodec.encodeRequest(request, { model: 'claude-sonnet-4-6', stream: false }) as any;
    expect(body.system).toEqual([{ type: 'text', text: 'Be terse.' }]);
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather where these photos were taken?' },
          {
            type: 'image',
            source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' },
          },
          { type: 'image', source: { type: 'url', url: 'https://example.com/london.jpg' } },
        ],
      },
      {
        role: 'assistant',
        // reasoning_content has no Anthropic signature: it is not sent.
        content: [
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'London' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: 'sunny' }] },
          { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: 'rainy' }] },
          { type: 'text', text: 'Summarise as JSON.' },
        ],
      },
    ]);
    expect(body.tools).toEqual([
      { name: 'get_weather', description: 'Current weather', input_schema: weatherParams },
      {
        name: STRUCTURED_OUTPUT_TOOL,
        description: 'Give the final answer by calling this tool; its input is the answer.',
        input_schema: summarySchema,
      },
    ]);
    // The caller's own tools stay callable, so the structured tool is offered, not forced.
    expect(body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(body).toMatchObject({
      model: 'claude-sonnet-4-6',
      max_tokens: 1000,
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      stream: false,
    });
    for (const key of [
      'seed',
      'presence_penalty',
      'frequency_penalty',
      'logprobs',
      'response_format',
      'user',
    ])
      expect(body[key]).toBeUndefined();
    expect(request.dropped).toEqual(['logprobs', 'seed', 'presence_penalty', 'frequency_penalty']);
    expect(JSON.stringify(body)).not.toContain('Paris and London.');
  });

  it('→ openai-chat body again: reasoning_content echoed, developer sent as system', () => {
    const body = openaiChatCodec.encodeRequest(structuredClone(req), {
      model: 'deepseek-reasoner',
      stream: true,
    }) as any;
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Be terse.' });
    expect(body.messages[1].content[1]).toEqual({
      type: 'image_url',
      image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==', detail: 'high' },
    });
    expect(body.messages[2]).toEqual({
      role: 'assistant',
      content: null,
      reasoning_content: 'Paris and London.',
      tool_calls: (openaiBody().messages as any[])[2].tool_calls,
    });
    expect(body.messages[4]).toEqual({ role: 'tool', tool_call_id: 'call_2', content: 'rainy' });
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'summary', schema: summarySchema, strict: true },
    });
    expect(body).toMatchObject({
      max_tokens: 1000,
      seed: 42,
      stop: ['END'],
      parallel_tool_calls: false,
      tool_choice: 'auto',
    });
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.logprobs).toBeUndefined();
  });

  it('json_object without tools forces the structured-output tool', () => {
    const r = openaiChatCodec.decodeRequest({
      model: 'g',
      messages: [{ role: 'user', content: 'json please' }],
      response_format: { type: 'json_object' },
    });
    const body = anthropicCodec.encodeRequest(r, { model: 'c', stream: false }) as any;
    expect(body.tools).toEqual([
      {
        name: STRUCTURED_OUTPUT_TOOL,
        description: 'Give the final answer by calling this tool; its input is the answer.',
        input_schema: { type: 'object' },
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: STRUCTURED_OUTPUT_TOOL });
  });

  it('reasoning_effort + forced structured output: thinking is dropped (Anthropic forbids both)', () => {
    const r = openaiChatCodec.decodeRequest({
      model: 'g',
      messages: [{ role: 'user', content: 'x' }],
      reasoning_effort: 'high',
      response_format: { type: 'json_schema', json_schema: { name: 'n', schema: summarySchema } },
    });
    expect(r.reasoning).toEqual({ enabled: true, effort: 'high' });
    const body = anthropicCodec.encodeRequest(r, { model: 'c', stream: false }) as any;
    expect(body.thinking).toBeUndefined();
    expect(r.dropped).toEqual(['reasoning']);
  });

  it('reasoning_effort → thinking budget on Anthropic, reasoning_effort + max_completion_tokens on Chat', () => {
    const r = openaiChatCodec.decodeRequest({
      model: 'g',
      messages: [{ role: 'user', content: 'x' }],
      reasoning_effort: 'low',
      max_tokens: 20000,
    });
    expect(
      (anthropicCodec.encodeRequest(structuredClone(r), { model: 'c', stream: false }) as any).thinking,
    ).toEqual({
      type: 'enabled',
      budget_tokens: 4000,
    });
    const chat = openaiChatCodec.encodeRequest(r, { model: 'o4-mini', stream: false }) as any;
    expect(chat.reasoning_effort).toBe('low');
    expect(chat.max_completion_tokens).toBe(20000);
    expect(chat.max_tokens).toBeUndefined();
    expect(chat.stream_options).toBeUndefined();
  });

  it('Anthropic thinking budget → nearest OpenAI effort; max → xhigh', () => {
    const enc = (reasoning: CanonicalRequest['reasoning']) =>
      (
        openaiChatCodec.encodeRequest(
          { model: 'm', stream: false, messages: [], reasoning },
          { model: 'm', stream: false },
        ) as any
      ).reasoning_effort;
    expect(enc({ enabled: true, budgetTokens: 2048 })).toBe('low');
    expect(enc({ enabled: true, budgetTokens: 10000 })).toBe('medium');
    expect(enc({ enabled: true, budgetTokens: 32000 })).toBe('high');
    expect(enc({ enabled: true, adaptive: true, effort: 'max' })).toBe('xhigh');
    expect(enc({ enabled: true, adaptive: true })).toBeUndefined();
    expect(enc({ enabled: false })).toBeUndefined();
  });

  it('tool_choice object, stop array, hosted tools, OpenRouter reasoning object', () => {
    const r = openaiChatCodec.decodeRequest({
      model: 'g',
      messages: [{ role: 'user', content: 'x' }],
      tools: [
        { type: 'function', function: { name: 'f' } },
        { type: 'web_search_preview', search_context_size: 'low' },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      stop: ['a', 'b'],
      reasoning: { effort: 'medium' },
    });
    expect(r.tools).toEqual([
      { type: 'function', name: 'f', parameters: { type: 'object', properties: {} } },
      {
        type: 'hosted',
        kind: 'web_search_preview',
        format: 'openai-chat',
        raw: { type: 'web_search_preview', search_context_size: 'low' },
      },
    ]);
    expect(r.toolChoice).toEqual({ type: 'tool', name: 'f' });
    expect(r.stop).toEqual(['a', 'b']);
    expect(r.reasoning).toEqual({ enabled: true, effort: 'medium' });
    const body = anthropicCodec.encodeRequest(r, { model: 'c', stream: false }) as any;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'f' });
    expect(r.dropped).toEqual(['tools (web_search_preview)', 'reasoning']);
  });

  it('inline <think> in assistant history is reasoning, not text', () => {
    const r = openaiChatCodec.decodeRequest({
      model: 'g',
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: '<think>pondering</think>\n\nDone.' },
      ],
    });
    expect(r.messages[1]!.content).toEqual([
      { type: 'reasoning', text: 'pondering' },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('an Anthropic tool_result with an image: tool message text, image in a user message after it', () => {
    const body = openaiChatCodec.encodeRequest(
      {
        model: 'm',
        stream: false,
        messages: [
          {
            role: 'assistant',
            content: [{ type: 'tool-call', id: 't1', name: 'screenshot', arguments: '{}' }],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool-result',
                toolCallId: 't1',
                content: [
                  { type: 'text', text: 'captured' },
                  { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } },
                ],
              },
              { type: 'text', text: 'what do you see?' },
            ],
          },
        ],
      },
      { model: 'm', stream: false },
    ) as any;
    expect(body.messages.slice(1)).toEqual([
      { role: 'tool', tool_call_id: 't1', content: 'captured' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what do you see?' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } },
        ],
      },
    ]);
  });
});

describe('openai-chat decodeRequest validation', () => {
  const valid = () => ({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
  const fail = (body: unknown): GatewayError => {
    try {
      openaiChatCodec.decodeRequest(body);
    } catch (e) {
      return e as GatewayError;
    }
    throw new Error('expected a 400');
  };

  it('stream defaults to false; the model can come from the context', () => {
    expect(openaiChatCodec.decodeRequest(valid()).stream).toBe(false);
    expect(openaiChatCodec.decodeRequest({ messages: valid().messages }, { model: 'from-url' }).model).toBe(
      'from-url',
    );
  });

  it.each([
    [{ messages: [{ role: 'user', content: 'x' }] }, 'model', '`model` is required.'],
    [{ model: 5, messages: [] }, 'model', '`model` must be a string, got number.'],
    [{ model: 'g' }, 'messages', '`messages` is required.'],
    [{ model: 'g', messages: [] }, 'messages', '`messages` must contain at least 1 item.'],
    [{ ...valid(), messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', null],
    [
      { ...valid(), messages: [valid().messages[0], { role: 'user', content: 42 }] },
      'messages[1].content',
      null,
    ],
    [{ ...valid(), messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', null],
    [
      { ...valid(), messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 3 } }] }] },
      'messages[0].content[0].image_url.url',
      '`messages[0].content[0].image_url.url` must be a string, got number.',
    ],
    [
      {
        ...valid(),
        messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', function: {} }] }],
      },
      'messages[0].tool_calls[0].function.name',
      null,
    ],
    [
      { ...valid(), tools: [{ type: 'function', function: { description: 'x' } }] },
      'tools[0].function.name',
      null,
    ],
    [{ ...valid(), stream: 'yes' }, 'stream', '`stream` must be a boolean, got string.'],
    [{ ...valid(), max_tokens: -1 }, 'max_tokens', '`max_tokens` must be greater than 0.'],
    [{ ...valid(), temperature: 'hot' }, 'temperature', null],
    [{ ...valid(), reasoning_effort: 'extreme' }, 'reasoning_effort', null],
    [{ ...valid(), response_format: { type: 'xml' } }, 'response_format.type', null],
    [{ ...valid(), stop: 5 }, 'stop', '`stop` must be a string or an array of strings.'],
  ])('%j → 400 at %s', (body, param, message) => {
    const error = fail(body);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.status).toBe(400);
    expect(error.kind).toBe('invalid_request');
    expect(error.param).toBe(param);
    expect(error.message).toContain(`\`${param}\``);
    if (message) expect(error.message).toBe(message);
  });

  it('a non-object body is a 400 without param', () => {
    const error = fail('hello');
    expect(error.status).toBe(400);
    expect(error.param).toBeUndefined();
    expect(error.message).toBe('The request body must be an object, got string.');
  });

  it('unknown content parts are dropped with their path, not fatal', () => {
    const r = openaiChatCodec.decodeRequest({
      ...valid(),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'input_audio', input_audio: { data: 'x', format: 'wav' } },
            { type: 'text', text: 'transcribe' },
          ],
        },
      ],
      service_tier: 'flex',
    });
    expect(r.messages[0]!.content).toEqual([{ type: 'text', text: 'transcribe' }]);
    expect(r.dropped).toEqual(['messages[0].content[0] (input_audio)', 'service_tier']);
  });
});
