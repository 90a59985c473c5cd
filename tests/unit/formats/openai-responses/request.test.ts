import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../../core/formats/canonical.js';
import { geminiCodec, encodeGeminiRequestWithReport } from '../../../../core/formats/gemini/index.js';
import {
  customToolNames,
  encodeResponsesRequestWithReport,
  openaiResponsesCodec,
} from '../../../../core/formats/openai-responses/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const ENCRYPTED = loadJson('openai-responses/openai-reasoning-encrypted-content.json').output[0]
  .encrypted_content as string;

/** Shaped after what Codex CLI 0.169 sends on a follow-up turn with store:false. */
function codexBody(): Record<string, unknown> {
  return {
    model: 'gpt-5-codex',
    instructions: 'You are Codex, a coding agent based on GPT-5.',
    input: [
      {
        type: 'message',
        role: 'developer',
        content: [
          {
            type: 'input_text',
            text: '<permissions instructions>sandbox: workspace-write</permissions instructions>',
          },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: '<environment_context><cwd>/repo</cwd></environment_context>' },
          { type: 'input_text', text: 'List the files and fix the failing test.' },
        ],
      },
      {
        type: 'reasoning',
        id: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e',
        summary: [{ type: 'summary_text', text: '**Listing files**' }],
        content: null,
        encrypted_content: ENCRYPTED,
      },
      {
        type: 'function_call',
        id: 'fc_01166e06cf473fc80169ab66eb3e9c8196a9a7eb80fc0f6cdf',
        name: 'shell',
        arguments: '{"command":["ls","-la"],"workdir":"/repo"}',
        call_id: 'call_heVrRaKZEJbsRvHvaEf5BLUI',
      },
      {
        type: 'function_call_output',
        call_id: 'call_heVrRaKZEJbsRvHvaEf5BLUI',
        output: 'total 8\n-rw-r--r-- a.ts',
      },
      { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'x' } },
      { role: 'user', content: 'Now apply the patch.' },
    ],
    tools: [
      {
        type: 'function',
        name: 'shell',
        description: 'Runs a shell command and returns its output.',
        strict: false,
        parameters: {
          type: 'object',
          properties: { command: { type: 'array', items: { type: 'string' } }, workdir: { type: 'string' } },
          required: ['command'],
          additionalProperties: false,
        },
      },
      {
        type: 'custom',
        name: 'apply_patch',
        description: 'Use the `apply_patch` tool to edit files.',
        format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch hunk+ end_patch' },
      },
      { type: 'web_search' },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: '0199a0b1-session',
    text: { verbosity: 'medium' },
  };
}

describe('Responses request decode', () => {
  it('decodes a Codex CLI 0.169 body', () => {
    const req = openaiResponsesCodec.decodeRequest(codexBody());
    expect(req.model).toBe('gpt-5-codex');
    expect(req.stream).toBe(true);
    expect(req.messages.map((m) => m.role)).toEqual([
      'system',
      'system',
      'user',
      'assistant',
      'tool',
      'user',
    ]);
    expect(req.messages[0]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'You are Codex, a coding agent based on GPT-5.' }],
    });
    expect(req.messages[1]).toMatchObject({ role: 'system', developer: true });
    expect(req.messages[2]!.content).toHaveLength(2);
    expect(req.messages[3]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'reasoning',
          text: '**Listing files**',
          encryptedContent: ENCRYPTED,
          itemId: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e',
          origin: 'openai-responses',
        },
        {
          type: 'tool-call',
          id: 'call_heVrRaKZEJbsRvHvaEf5BLUI',
          itemId: 'fc_01166e06cf473fc80169ab66eb3e9c8196a9a7eb80fc0f6cdf',
          name: 'shell',
          arguments: '{"command":["ls","-la"],"workdir":"/repo"}',
          origin: 'openai-responses',
        },
      ],
    });
    expect(req.messages[4]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_heVrRaKZEJbsRvHvaEf5BLUI',
          content: [{ type: 'text', text: 'total 8\n-rw-r--r-- a.ts' }],
        },
      ],
    });
    expect(req.messages[5]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Now apply the patch.' }],
    });
    expect(req.tools).toHaveLength(3);
    expect(req.tools![1]).toMatchObject({
      type: 'function',
      name: 'apply_patch',
      parameters: { type: 'object', required: ['input'], properties: { input: { type: 'string' } } },
    });
    expect((req.tools![1] as any).parameters.properties.input.description).toContain(
      'start: begin_patch hunk+ end_patch',
    );
    expect(req.tools![2]).toEqual({
      type: 'hosted',
      kind: 'web_search',
      format: 'openai-responses',
      raw: { type: 'web_search' },
    });
    expect(req.toolChoice).toBe('auto');
    expect(req.parallelToolCalls).toBe(false);
    expect(req.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    expect(req.dropped).toEqual([
      'input[5]:web_search_call',
      'text.verbosity',
      'store',
      'include',
      'prompt_cache_key',
    ]);
    expect(customToolNames(codexBody())).toEqual(['apply_patch']);
  });

  it('accepts a string input, json_schema text format, tool_choice by name and custom tool history', () => {
    const req = openaiResponsesCodec.decodeRequest({
      model: 'gpt-5',
      input: [
        { type: 'custom_tool_call', call_id: 'call_p', name: 'apply_patch', input: '*** Begin Patch' },
        { type: 'custom_tool_call_output', call_id: 'call_p', output: 'Done!' },
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' },
            { type: 'input_image', file_id: 'file-abc' },
          ],
        },
      ],
      tool_choice: { type: 'function', name: 'shell' },
      text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true } },
      previous_response_id: 'resp_prev',
      max_output_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      user: 'u1',
    });
    expect(req.stream).toBe(false);
    expect(req.messages[0]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'tool-call',
          id: 'call_p',
          name: 'apply_patch',
          arguments: '{"input":"*** Begin Patch"}',
          origin: 'openai-responses',
        },
      ],
    });
    expect(req.messages[2]).toEqual({
      role: 'user',
      content: [
        {
          type: 'image',
          source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
          detail: 'high',
        },
      ],
    });
    expect(req.toolChoice).toEqual({ type: 'tool', name: 'shell' });
    expect(req.responseFormat).toEqual({
      type: 'json_schema',
      name: 'out',
      schema: { type: 'object' },
      strict: true,
    });
    expect(req).toMatchObject({ maxTokens: 100, temperature: 0.2, topP: 0.9, user: 'u1' });
    expect(req.dropped).toEqual(['input[2].content[1].file_id', 'previous_response_id']);
  });

  const invalid: Array<[string, unknown, string]> = [
    ['missing model', { input: 'hi' }, 'model'],
    ['input not string/array', { model: 'm', input: 42 }, 'input'],
    ['bad role', { model: 'm', input: [{ role: 'robot', content: 'x' }] }, 'input[0].role'],
    [
      'call_id not a string',
      { model: 'm', input: [{ type: 'function_call', call_id: 7, name: 'f', arguments: '{}' }] },
      'input[0].call_id',
    ],
    [
      'text part without text',
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_text' }] }] },
      'input[0].content[0].text',
    ],
    ['temperature as string', { model: 'm', input: 'x', temperature: 'hot' }, 'temperature'],
    ['max_output_tokens negative', { model: 'm', input: 'x', max_output_tokens: -1 }, 'max_output_tokens'],
    [
      'function tool without name',
      { model: 'm', input: 'x', tools: [{ type: 'function' }] },
      'tools[0].name',
    ],
    ['bad effort', { model: 'm', input: 'x', reasoning: { effort: 'extreme' } }, 'reasoning.effort'],
    ['item without type or role', { model: 'm', input: [{ content: 'x' }] }, 'input[0].type'],
  ];
  it.each(invalid)('rejects %s with a 400 naming the field', (_name, body, param) => {
    let caught: unknown;
    try {
      openaiResponsesCodec.decodeRequest(body);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    const err = caught as GatewayError;
    expect(err.status).toBe(400);
    expect(err.kind).toBe('invalid_request');
    expect(err.param).toBe(param);
    expect(err.message).toContain(param);
  });

  it('says how to fix a missing model', () => {
    expect(() => openaiResponsesCodec.decodeRequest({ input: 'x' })).toThrow(/'model' is required/);
  });
});

describe('Responses request encode', () => {
  it('re-encodes the Codex body: ids, encrypted_content, instructions and roles byte for byte', () => {
    const canonical = openaiResponsesCodec.decodeRequest(codexBody());
    const { body, dropped } = encodeResponsesRequestWithReport(canonical, {
      model: 'gpt-5.1-codex',
      stream: true,
    });
    const original = codexBody() as any;
    expect(body.model).toBe('gpt-5.1-codex');
    expect(body.instructions).toBe(original.instructions);
    expect(body.store).toBe(false);
    expect(body.include).toEqual(['reasoning.encrypted_content']);
    expect(body.stream).toBe(true);
    expect(body.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    const input = body.input as any[];
    expect(input[0]).toEqual({
      type: 'message',
      role: 'developer',
      content: '<permissions instructions>sandbox: workspace-write</permissions instructions>',
    });
    expect(input[2]).toEqual({
      type: 'reasoning',
      id: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e',
      summary: [{ type: 'summary_text', text: '**Listing files**' }],
      encrypted_content: ENCRYPTED,
    });
    expect(input[3]).toEqual({
      type: 'function_call',
      id: 'fc_01166e06cf473fc80169ab66eb3e9c8196a9a7eb80fc0f6cdf',
      call_id: 'call_heVrRaKZEJbsRvHvaEf5BLUI',
      name: 'shell',
      arguments: '{"command":["ls","-la"],"workdir":"/repo"}',
    });
    expect(input[4]).toEqual({
      type: 'function_call_output',
      call_id: 'call_heVrRaKZEJbsRvHvaEf5BLUI',
      output: 'total 8\n-rw-r--r-- a.ts',
    });
    expect(body.tools).toEqual([
      { ...original.tools[0] },
      {
        type: 'function',
        name: 'apply_patch',
        description: 'Use the `apply_patch` tool to edit files.',
        parameters: canonical.tools![1]!.type === 'function' ? canonical.tools![1]!.parameters : undefined,
        strict: false,
      },
      { type: 'web_search' },
    ]);
    expect(dropped).toEqual([]);
  });

  it('never replays another provider’s reasoning and defaults strict to false', () => {
    const { body, dropped } = encodeResponsesRequestWithReport(
      {
        model: 'x',
        stream: false,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'thinking', signature: 'anthropic-sig', origin: 'anthropic' },
              { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}', origin: 'anthropic' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'ok' }] },
            ],
          },
        ],
        tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }],
        topK: 3,
      },
      { model: 'gpt-4.1', stream: false },
    );
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      { type: 'function_call', call_id: 'toolu_1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'toolu_1', output: 'ok' },
    ]);
    expect(body.tools).toEqual([
      { type: 'function', name: 'f', parameters: { type: 'object' }, strict: false },
    ]);
    expect(body.include).toBeUndefined();
    expect(dropped).toEqual(['reasoning (origin anthropic)', 'topK']);
  });
});

describe('Codex request → Gemini upstream → back', () => {
  it('puts the sentinel on the first functionCall, drops web_search and the OpenAI reasoning', () => {
    const canonical = openaiResponsesCodec.decodeRequest(codexBody());
    const { body, dropped } = encodeGeminiRequestWithReport(canonical, {
      model: 'gemini-3-pro-preview',
      stream: true,
    });
    expect(body.systemInstruction).toEqual({
      parts: [
        { text: 'You are Codex, a coding agent based on GPT-5.' },
        { text: '<permissions instructions>sandbox: workspace-write</permissions instructions>' },
      ],
    });
    const contents = body.contents as any[];
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1].parts).toEqual([
      {
        functionCall: { name: 'shell', args: { command: ['ls', '-la'], workdir: '/repo' } },
        thoughtSignature: 'skip_thought_signature_validator',
      },
    ]);
    // The tool result and the next user message merge into one user turn.
    expect(contents[2].parts).toEqual([
      { functionResponse: { name: 'shell', response: { result: 'total 8\n-rw-r--r-- a.ts' } } },
      { text: 'Now apply the patch.' },
    ]);
    expect((body.tools as any[])[0].functionDeclarations.map((f: any) => f.name)).toEqual([
      'shell',
      'apply_patch',
    ]);
    expect((body.tools as any[])[0].functionDeclarations[0].parametersJsonSchema).toEqual(
      (codexBody() as any).tools[0].parameters,
    );
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(body.generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: 'high', includeThoughts: true },
    });
    expect(dropped).toEqual(['reasoning (origin openai-responses)', 'tools:web_search', 'parallelToolCalls']);

    // Gemini → canonical → Responses again: the call keeps its name and arguments.
    const again = geminiCodec.decodeRequest(body, { model: 'gemini-3-pro-preview' });
    const back = openaiResponsesCodec.encodeRequest(again, { model: 'gpt-5', stream: false }) as any;
    const call = back.input.find((i: any) => i.type === 'function_call');
    const output = back.input.find((i: any) => i.type === 'function_call_output');
    expect(call).toMatchObject({ name: 'shell', arguments: '{"command":["ls","-la"],"workdir":"/repo"}' });
    expect(output).toEqual({
      type: 'function_call_output',
      call_id: call.call_id,
      output: 'total 8\n-rw-r--r-- a.ts',
    });
  });
});
