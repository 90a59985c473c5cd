import { describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalRequest } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const SIGNATURE: string = loadJson('anthropic/anthropic-thinking.json').content[0].signature;
const REDACTED = 'EmwKAhgBEgy3va3pzix/LafPsn4aDFITZGyBBXe+hmUmwWVNgi3qsxU7bQ5CnkKFRTVS3bg4iyPSCXWPRBNyCQ==';

const bashSchema = {
  type: 'object',
  properties: { command: { type: 'string' }, timeout: { type: 'number' } },
  required: ['command'],
};

/** Shaped after what Claude Code 2.1 sends to /v1/messages?beta=true. */
function claudeCodeBody(): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-6',
    max_tokens: 32000,
    stream: true,
    thinking: { type: 'adaptive' },
    output_config: { effort: 'high' },
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
    metadata: { user_id: 'user_7f3a_account_91c2_session_0d4e' },
    system: [
      { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.3.a1b; cc_entrypoint=cli' },
      {
        type: 'text',
        text: "You are Claude Code, Anthropic's official CLI for Claude.",
        cache_control: { type: 'ephemeral' },
      },
      {
        type: 'text',
        text: 'You are an interactive CLI tool that helps users with software engineering tasks.',
        cache_control: { type: 'ephemeral', ttl: '1h' },
      },
    ],
    tools: [
      { name: 'Bash', description: 'Executes a bash command.', input_schema: bashSchema },
      {
        name: 'Read',
        description: 'Reads a file from the local filesystem.',
        input_schema: {
          type: 'object',
          properties: { file_path: { type: 'string' } },
          required: ['file_path'],
        },
      },
      {
        name: 'Edit',
        description: 'Performs exact string replacements in files.',
        input_schema: {
          type: 'object',
          properties: {
            file_path: { type: 'string' },
            old_string: { type: 'string' },
            new_string: { type: 'string' },
          },
          required: ['file_path', 'old_string', 'new_string'],
        },
        cache_control: { type: 'ephemeral' },
      },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\nAs you answer, use the tools.\n</system-reminder>' },
          { type: 'text', text: 'What is in package.json?' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: '925 divided by 5 = 185', signature: SIGNATURE },
          { type: 'text', text: "I'll read it." },
          { type: 'tool_use', id: 'toolu_01A', name: 'Read', input: { file_path: '/repo/package.json' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01A',
            content: [{ type: 'text', text: '{"name":"demo"}' }],
          },
          { type: 'text', text: 'Also list the directory.' },
        ],
      },
      { role: 'system', content: 'Plan mode is active.' },
      {
        role: 'assistant',
        content: [
          { type: 'redacted_thinking', data: REDACTED },
          { type: 'tool_use', id: 'toolu_01B', name: 'Bash', input: { command: 'ls' } },
          { type: 'tool_use', id: 'toolu_01C', name: 'Bash', input: { command: 'pwd' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01B',
            content: 'README.md\npackage.json',
            cache_control: { type: 'ephemeral' },
          },
          { type: 'tool_result', tool_use_id: 'toolu_01C', content: 'permission denied', is_error: true },
        ],
      },
    ],
  };
}

describe('anthropic decodeRequest: Claude Code 2.1 body', () => {
  const req = anthropicCodec.decodeRequest(claudeCodeBody());

  it('maps system blocks, the role:system message, thinking and effort', () => {
    expect(req.model).toBe('claude-sonnet-4-6');
    expect(req.stream).toBe(true);
    expect(req.maxTokens).toBe(32000);
    expect(req.user).toBe('user_7f3a_account_91c2_session_0d4e');
    expect(req.reasoning).toEqual({ enabled: true, adaptive: true, effort: 'high' });
    expect(req.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.3.a1b; cc_entrypoint=cli' },
        {
          type: 'text',
          text: "You are Claude Code, Anthropic's official CLI for Claude.",
          cacheControl: { type: 'ephemeral' },
        },
        {
          type: 'text',
          text: 'You are an interactive CLI tool that helps users with software engineering tasks.',
          cacheControl: { type: 'ephemeral', ttl: '1h' },
        },
      ],
    });
    expect(req.messages[4]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'Plan mode is active.' }],
    });
    expect(req.dropped).toEqual(['context_management']);
  });

  it('keeps thinking signatures and redacted data byte for byte, origin anthropic', () => {
    expect(req.messages[2]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: '925 divided by 5 = 185', signature: SIGNATURE, origin: 'anthropic' },
        { type: 'text', text: "I'll read it." },
        { type: 'tool-call', id: 'toolu_01A', name: 'Read', arguments: '{"file_path":"/repo/package.json"}' },
      ],
    });
    expect(req.messages[5]!.content[0]).toEqual({
      type: 'reasoning',
      text: '',
      redactedData: REDACTED,
      origin: 'anthropic',
    });
  });

  it('maps tools with cache_control and tool results with is_error and names', () => {
    expect(req.tools).toHaveLength(3);
    expect(req.tools![0]).toEqual({
      type: 'function',
      name: 'Bash',
      description: 'Executes a bash command.',
      parameters: bashSchema,
    });
    expect(req.tools![2]).toMatchObject({ name: 'Edit', cacheControl: { type: 'ephemeral' } });
    expect(req.messages[6]).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_01B',
          name: 'Bash',
          content: [{ type: 'text', text: 'README.md\npackage.json' }],
          cacheControl: { type: 'ephemeral' },
        },
        {
          type: 'tool-result',
          toolCallId: 'toolu_01C',
          name: 'Bash',
          content: [{ type: 'text', text: 'permission denied' }],
          isError: true,
        },
      ],
    });
  });

  it('→ openai-chat body: no signatures, tool messages right after the assistant turn, then text', () => {
    const request = structuredClone(req);
    const body = openaiChatCodec.encodeRequest(request, { model: 'gpt-5.1', stream: true }) as any;
    expect(Object.keys(body).sort()).toEqual(
      [
        'max_completion_tokens',
        'messages',
        'model',
        'reasoning_effort',
        'stream',
        'stream_options',
        'tools',
        'user',
      ].sort(),
    );
    expect(body.reasoning_effort).toBe('high');
    expect(body.max_completion_tokens).toBe(32000);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.messages.map((m: any) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'user',
      'system',
      'assistant',
      'tool',
      'tool',
    ]);
    expect(body.messages[0].content).toBe(
      "x-anthropic-billing-header: cc_version=2.1.3.a1b; cc_entrypoint=cli\n\nYou are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive CLI tool that helps users with software engineering tasks.",
    );
    expect(body.messages[2]).toEqual({
      role: 'assistant',
      content: "I'll read it.",
      tool_calls: [
        {
          id: 'toolu_01A',
          type: 'function',
          function: { name: 'Read', arguments: '{"file_path":"/repo/package.json"}' },
        },
      ],
    });
    expect(body.messages[3]).toEqual({ role: 'tool', tool_call_id: 'toolu_01A', content: '{"name":"demo"}' });
    expect(body.messages[4]).toEqual({ role: 'user', content: 'Also list the directory.' });
    expect(body.messages[6].content).toBeNull();
    expect(body.messages[6].tool_calls.map((c: any) => c.id)).toEqual(['toolu_01B', 'toolu_01C']);
    expect(body.messages[8]).toEqual({
      role: 'tool',
      tool_call_id: 'toolu_01C',
      content: 'permission denied',
    });
    expect(body.tools[2]).toEqual({
      type: 'function',
      function: {
        name: 'Edit',
        description: 'Performs exact string replacements in files.',
        parameters: (claudeCodeBody().tools as any[])[2].input_schema,
      },
    });
    const wire = JSON.stringify(body);
    expect(wire).not.toContain(SIGNATURE);
    expect(wire).not.toContain(REDACTED);
    expect(wire).not.toContain('cache_control');
    expect(wire).not.toContain('925 divided by 5');
  });

  it('→ anthropic body again: signatures and cache_control preserved byte for byte', () => {
    const body = anthropicCodec.encodeRequest(structuredClone(req), {
      model: 'claude-sonnet-4-6',
      stream: true,
    }) as any;
    const original = claudeCodeBody() as any;
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(body.output_config).toEqual({ effort: 'high' });
    expect(body.max_tokens).toBe(32000);
    expect(body.metadata).toEqual({ user_id: 'user_7f3a_account_91c2_session_0d4e' });
    expect(body.context_management).toBeUndefined();
    expect(body.system).toEqual([...original.system, { type: 'text', text: 'Plan mode is active.' }]);
    expect(body.tools).toEqual(original.tools);
    expect(body.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(body.messages[1].content).toEqual(original.messages[1].content);
    expect(body.messages[1].content[0].signature).toBe(SIGNATURE);
    expect(body.messages[3].content).toEqual(original.messages[4].content);
    expect(body.messages[2].content).toEqual(original.messages[2].content);
    expect(body.messages[4].content).toEqual(
      original.messages[5].content.map((b: any) => ({ ...b, content: [{ type: 'text', text: b.content }] })),
    );
  });
});

describe('reasoning that crossed providers through Claude Code', () => {
  // DeepSeek reasoning streamed to Claude Code as thinking with signature "" comes back in history.
  const body = {
    model: 'deepseek-reasoner',
    messages: [
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Need the weather tool.', signature: '' },
          { type: 'tool_use', id: 'call_00_abc', name: 'weather', input: { location: 'SF' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_00_abc', content: 'sunny' }] },
    ],
  };

  it('an empty signature is plain reasoning (no origin), echoed to Chat as reasoning_content', () => {
    const req = anthropicCodec.decodeRequest(body);
    expect(req.messages[1]!.content[0]).toEqual({ type: 'reasoning', text: 'Need the weather tool.' });
    const chat = openaiChatCodec.encodeRequest(req, { model: 'deepseek-reasoner', stream: false }) as any;
    expect(chat.messages[1]).toEqual({
      role: 'assistant',
      content: null,
      reasoning_content: 'Need the weather tool.',
      tool_calls: [
        {
          id: 'call_00_abc',
          type: 'function',
          function: { name: 'weather', arguments: '{"location":"SF"}' },
        },
      ],
    });
    expect(chat.messages[2]).toEqual({ role: 'tool', tool_call_id: 'call_00_abc', content: 'sunny' });
  });

  it('and is left out when the conversation goes to Anthropic', () => {
    const out = anthropicCodec.encodeRequest(anthropicCodec.decodeRequest(body), {
      model: 'claude',
      stream: false,
    }) as any;
    expect(out.messages[1].content).toEqual([
      { type: 'tool_use', id: 'call_00_abc', name: 'weather', input: { location: 'SF' } },
    ]);
  });
});

describe('anthropic encodeRequest policies', () => {
  const base = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
    model: 'm',
    stream: false,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    ...extra,
  });
  const encode = (r: CanonicalRequest) =>
    anthropicCodec.encodeRequest(r, { model: 'claude-x', stream: false }) as any;

  it('defaults max_tokens (required by the API) to 8192', () => {
    expect(encode(base()).max_tokens).toBe(8192);
  });

  it.each([
    ['minimal', 1024],
    ['low', 4000],
    ['medium', 10000],
    ['high', 16000],
    ['xhigh', 24000],
    ['max', 31999],
  ] as const)('effort %s → budget_tokens %i with max_tokens above it', (effort, budget) => {
    const body = encode(base({ reasoning: { enabled: true, effort } }));
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
    expect(body.max_tokens).toBeGreaterThan(budget);
    expect(body.max_tokens).toBe(Math.max(32000, budget + 4096));
    expect(body.output_config).toBeUndefined();
  });

  it('clamps the budget below max_tokens, and drops thinking when it would fall under 1024', () => {
    expect(encode(base({ maxTokens: 2000, reasoning: { effort: 'high', enabled: true } })).thinking).toEqual({
      type: 'enabled',
      budget_tokens: 1999,
    });
    const r = base({ maxTokens: 1000, reasoning: { effort: 'high', enabled: true } });
    expect(encode(r).thinking).toBeUndefined();
    expect(r.dropped).toContain('reasoning');
  });

  it('reasoning disabled or effort none → thinking disabled', () => {
    expect(encode(base({ reasoning: { enabled: false } })).thinking).toEqual({ type: 'disabled' });
    expect(encode(base({ reasoning: { enabled: false, effort: 'none' } })).thinking).toEqual({
      type: 'disabled',
    });
  });

  it('with thinking on, temperature/top_k are dropped and listed', () => {
    const r = base({
      temperature: 0.2,
      topK: 5,
      topP: 0.99,
      reasoning: { enabled: true, budgetTokens: 2048 },
    });
    const body = encode(r);
    expect(body.temperature).toBeUndefined();
    expect(body.top_k).toBeUndefined();
    expect(body.top_p).toBe(0.99);
    expect(r.dropped).toEqual(['temperature', 'top_k']);
  });

  it('drops thinking when the last assistant tool_use turn has no signed thinking block', () => {
    const r = base({
      reasoning: { enabled: true, budgetTokens: 4000 },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'from deepseek' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: 'ok' }] }],
        },
      ],
    });
    const body = encode(r);
    expect(body.thinking).toBeUndefined();
    expect(r.dropped).toEqual(['reasoning']);
    // The unsigned reasoning itself is never sent, not as thinking and not as text.
    expect(body.messages[1].content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'f', input: {} }]);
  });

  it('never sends a signature that another format issued', () => {
    const body = encode(
      base({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'gemini thought', signature: 'Zm9v', origin: 'gemini' },
              { type: 'reasoning', text: 'r', encryptedContent: 'gAAAA', origin: 'openai-responses' },
              { type: 'text', text: 'answer' },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'more' }] },
        ],
      }),
    );
    expect(body.messages[1].content).toEqual([{ type: 'text', text: 'answer' }]);
  });

  it('hosted tools of another format are dropped; anthropic server tools pass through', () => {
    const r = base({
      tools: [
        {
          type: 'hosted',
          kind: 'web_search_20250305',
          format: 'anthropic',
          raw: { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        },
        { type: 'hosted', kind: 'web_search', format: 'openai-responses', raw: { type: 'web_search' } },
      ],
    });
    expect(encode(r).tools).toEqual([{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }]);
    expect(r.dropped).toEqual(['tools (web_search)']);
  });

  it('tool_choice mapping and disable_parallel_tool_use', () => {
    const tools = [{ type: 'function' as const, name: 'f', parameters: { type: 'object' } }];
    expect(encode(base({ tools, toolChoice: 'required' })).tool_choice).toEqual({ type: 'any' });
    expect(encode(base({ tools, toolChoice: 'none' })).tool_choice).toEqual({ type: 'none' });
    expect(
      encode(base({ tools, toolChoice: { type: 'tool', name: 'f' }, parallelToolCalls: false })).tool_choice,
    ).toEqual({
      type: 'tool',
      name: 'f',
      disable_parallel_tool_use: true,
    });
    expect(encode(base({ tools, parallelToolCalls: false })).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
  });
});

describe('anthropic decodeRequest validation', () => {
  const valid = () => ({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] });
  const fail = (body: unknown): GatewayError => {
    try {
      anthropicCodec.decodeRequest(body);
    } catch (e) {
      return e as GatewayError;
    }
    throw new Error('expected a 400');
  };

  it('accepts a body without max_tokens; stream defaults to false', () => {
    const r = anthropicCodec.decodeRequest(valid());
    expect(r.stream).toBe(false);
    expect(r.maxTokens).toBeUndefined();
    expect(r.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it.each([
    [{ messages: [] }, 'model', '`model` is required.'],
    [{ ...valid(), messages: [{ role: 'bot', content: 'x' }] }, 'messages[0].role', null],
    [{ ...valid(), messages: [{ role: 'user', content: 7 }] }, 'messages[0].content', null],
    [
      { ...valid(), messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] },
      'messages[0].content[0].tool_use_id',
      '`messages[0].content[0].tool_use_id` is required.',
    ],
    [
      {
        ...valid(),
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'x' } }] }],
      },
      'messages[0].content[0].source.media_type',
      null,
    ],
    [{ ...valid(), thinking: { type: 'enabled' } }, 'thinking.budget_tokens', null],
    [
      { ...valid(), system: [{ type: 'text', text: 5 }] },
      'system[0].text',
      '`system[0].text` must be a string, got number.',
    ],
    [{ ...valid(), tools: [{ name: 'a', input_schema: {} }, { name: 'b' }] }, 'tools[1].input_schema', null],
    [{ ...valid(), tool_choice: { type: 'tool' } }, 'tool_choice.name', null],
    [{ ...valid(), max_tokens: 'lots' }, 'max_tokens', '`max_tokens` must be a number, got string.'],
    [{ ...valid(), stop_sequences: 'END' }, 'stop_sequences', null],
  ])('%j → 400 at %s', (body, param, message) => {
    const error = fail(body);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.status).toBe(400);
    expect(error.kind).toBe('invalid_request');
    expect(error.param).toBe(param);
    expect(error.message).toContain(`\`${param}\``);
    if (message) expect(error.message).toBe(message);
  });

  it('tolerates unknown fields and blocks, listing what it could not carry', () => {
    const r = anthropicCodec.decodeRequest({
      ...valid(),
      betas: ['x'],
      container: 'c',
      mcp_servers: [],
      metadata: { user_id: 'u', trace: 't' },
      output_config: { effort: 'low', task_budget: 5 },
      thinking: { type: 'adaptive', display: 'summarized' },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: {} },
            { type: 'text', text: 'read this' },
          ],
        },
      ],
    });
    expect(r.dropped).toEqual([
      'messages[0].content[0] (document)',
      'betas',
      'container',
      'mcp_servers',
      'metadata.trace',
      'output_config.task_budget',
      'thinking.display',
    ]);
    expect(r.reasoning).toEqual({ enabled: true, adaptive: true, effort: 'low' });
    expect(r.user).toBe('u');
  });

  it('thinking enabled/disabled, tool_choice any + disable_parallel_tool_use, output_config.format', () => {
    const r = anthropicCodec.decodeRequest({
      ...valid(),
      thinking: { type: 'enabled', budget_tokens: 5000 },
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: {} } } },
      stop_sequences: ['###'],
      top_k: 3,
    });
    expect(r.reasoning).toEqual({ enabled: true, budgetTokens: 5000 });
    expect(r.toolChoice).toBe('required');
    expect(r.parallelToolCalls).toBe(false);
    expect(r.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object', properties: {} } });
    expect(r.stop).toEqual(['###']);
    expect(r.topK).toBe(3);
    expect(anthropicCodec.decodeRequest({ ...valid(), thinking: { type: 'disabled' } }).reasoning).toEqual({
      enabled: false,
    });
  });
});
