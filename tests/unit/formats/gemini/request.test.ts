import { describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalRequest } from '../../../../core/formats/canonical.js';
import { encodeGeminiRequestWithReport, geminiCodec } from '../../../../core/formats/gemini/index.js';
import { openaiResponsesCodec } from '../../../../core/formats/openai-responses/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const toolCall = loadJson('gemini/google-tool-call.json');
const SIG: string = toolCall.candidates[0].content.parts[0].thoughtSignature;
const TEXT_SIG: string = loadJson('gemini/google-text.json').candidates[0].content.parts[0].thoughtSignature;

/** A gemini-cli style follow-up: the model's call (as captured) answered by the client. */
function geminiBody(): Record<string, unknown> {
  return {
    systemInstruction: { parts: [{ text: 'You are a weather bot.' }, { text: 'Be brief.' }] },
    contents: [
      {
        role: 'user',
        parts: [
          { text: 'What is the weather here?' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
      toolCall.candidates[0].content,
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'weather', response: { result: 'Sunny, 18°C' } } }],
      },
      {
        role: 'model',
        parts: [{ text: 'It is sunny.' }, { text: '', thoughtSignature: TEXT_SIG }],
      },
      { role: 'user', parts: [{ text: 'And tomorrow?' }] },
    ],
    tools: [
      {
        functionDeclarations: [
          {
            name: 'weather',
            description: 'Get the weather',
            parameters: {
              type: 'OBJECT',
              properties: { location: { type: 'STRING', nullable: true } },
              required: ['location'],
            },
          },
        ],
      },
      { googleSearch: {} },
    ],
    toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] } },
    generationConfig: {
      temperature: 0.5,
      topK: 40,
      maxOutputTokens: 1024,
      stopSequences: ['END'],
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
      responseModalities: ['TEXT'],
    },
    safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
  };
}

describe('Gemini request decode', () => {
  it('decodes history, tools, toolConfig and generationConfig', () => {
    const req = geminiCodec.decodeRequest(geminiBody(), { model: 'gemini-3-pro-preview', stream: true });
    expect(req.model).toBe('gemini-3-pro-preview');
    expect(req.stream).toBe(true);
    expect(req.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(req.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'You are a weather bot.' },
        { type: 'text', text: 'Be brief.' },
      ],
    });
    expect(req.messages[1]!.content[1]).toEqual({
      type: 'image',
      source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
    });
    expect(req.messages[2]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'tool-call',
          id: 'call_gemini_h_1_0',
          name: 'weather',
          arguments: '{"location":"San Francisco"}',
          thoughtSignature: SIG,
          origin: 'gemini',
        },
      ],
    });
    expect(req.messages[3]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_gemini_h_1_0',
          name: 'weather',
          content: [{ type: 'text', text: 'Sunny, 18°C' }],
        },
      ],
    });
    expect(req.messages[4]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'It is sunny.' },
        { type: 'reasoning', text: '', thoughtSignature: TEXT_SIG, origin: 'gemini' },
      ],
    });
    expect(req.tools).toEqual([
      {
        type: 'function',
        name: 'weather',
        description: 'Get the weather',
        parameters: {
          type: 'object',
          properties: { location: { type: ['string', 'null'] } },
          required: ['location'],
        },
      },
      { type: 'hosted', kind: 'googleSearch', format: 'gemini', raw: { googleSearch: {} } },
    ]);
    expect(req.toolChoice).toEqual({ type: 'tool', name: 'weather' });
    expect(req).toMatchObject({ temperature: 0.5, topK: 40, maxTokens: 1024, stop: ['END'] });
    expect(req.reasoning).toEqual({ budgetTokens: 2048, includeThoughts: true });
    expect(req.dropped).toEqual(['generationConfig.responseModalities', 'safetySettings']);
  });

  it('matches unnamed functionResponses to parallel calls of the same name in order', () => {
    const req = geminiCodec.decodeRequest(
      {
        contents: [
          { role: 'user', parts: [{ text: 'two cities' }] },
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'weather', args: { location: 'Paris' } }, thoughtSignature: 'S1' },
              { functionCall: { name: 'weather', args: { location: 'Rome' } } },
            ],
          },
          {
            role: 'user',
            parts: [
              { functionResponse: { name: 'weather', response: { temp: 20 } } },
              { functionResponse: { name: 'weather', response: { error: 'no data' } } },
            ],
          },
        ],
      },
      { model: 'gemini-2.5-flash' },
    );
    expect(req.messages[2]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_gemini_h_1_0',
          name: 'weather',
          content: [{ type: 'text', text: '{"temp":20}' }],
        },
        {
          type: 'tool-result',
          toolCallId: 'call_gemini_h_1_1',
          name: 'weather',
          content: [{ type: 'text', text: 'no data' }],
          isError: true,
        },
      ],
    });
    expect(req.stream).toBe(false);
  });

  const invalid: Array<[string, unknown, string]> = [
    ['contents missing', {}, 'contents'],
    ['parts not an array', { contents: [{ role: 'user', parts: 'hi' }] }, 'contents[0].parts'],
    ['bad role', { contents: [{ role: 'assistant', parts: [] }] }, 'contents[0].role'],
    [
      'text not a string',
      { contents: [{ role: 'user', parts: [{ text: 5 }] }] },
      'contents[0].parts[0].text',
    ],
    [
      'functionCall without name',
      { contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] },
      'contents[0].parts[0].functionCall.name',
    ],
    [
      'temperature too high',
      { contents: [], generationConfig: { temperature: 9 } },
      'generationConfig.temperature',
    ],
    [
      'bad mode',
      { contents: [], toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } },
      'toolConfig.functionCallingConfig.mode',
    ],
    [
      'thinkingBudget not an integer',
      { contents: [], generationConfig: { thinkingConfig: { thinkingBudget: 'lots' } } },
      'generationConfig.thinkingConfig.thinkingBudget',
    ],
  ];
  it.each(invalid)('rejects %s with a 400 naming the field', (_name, body, param) => {
    let caught: unknown;
    try {
      geminiCodec.decodeRequest(body, { model: 'gemini-2.5-pro' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect((caught as GatewayError).status).toBe(400);
    expect((caught as GatewayError).param).toBe(param);
    expect((caught as GatewayError).message).toContain(`'${param}'`);
  });

  it('requires the model from the URL', () => {
    expect(() => geminiCodec.decodeRequest({ contents: [] })).toThrow(/Gemini names it in the URL/);
    try {
      geminiCodec.decodeRequest({ contents: [] }, {});
    } catch (e) {
      expect((e as GatewayError).param).toBe('model');
    }
  });
});

describe('Gemini request → canonical → Responses', () => {
  it('carries the tool exchange, image, system prompt and thinking budget', () => {
    const canonical = geminiCodec.decodeRequest(geminiBody(), { model: 'gemini-3-pro-preview' });
    const body = openaiResponsesCodec.encodeRequest(canonical, { model: 'gpt-5', stream: false }) as any;
    expect(body.instructions).toBe('You are a weather bot.\n\nBe brief.');
    expect(body.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is the weather here?' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
        ],
      },
      {
        type: 'function_call',
        call_id: 'call_gemini_h_1_0',
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
      },
      { type: 'function_call_output', call_id: 'call_gemini_h_1_0', output: 'Sunny, 18°C' },
      {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'It is sunny.', annotations: [] }],
      },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And tomorrow?' }] },
    ]);
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'weather',
        description: 'Get the weather',
        parameters: {
          type: 'object',
          properties: { location: { type: ['string', 'null'] } },
          required: ['location'],
        },
        strict: false,
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', name: 'weather' });
    // budget 2048 → medium; includeThoughts → a summary.
    expect(body.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    expect(body.include).toEqual(['reasoning.encrypted_content']);
    expect(body.max_output_tokens).toBe(1024);
    expect(JSON.stringify(body)).not.toContain(SIG);
  });
});

describe('Gemini request encode', () => {
  it('Gemini history round-trips with signatures verbatim and no sentinel', () => {
    const canonical = geminiCodec.decodeRequest(geminiBody(), { model: 'gemini-3-pro-preview' });
    const { body, dropped } = encodeGeminiRequestWithReport(canonical, {
      model: 'gemini-3-pro-preview',
      stream: false,
    });
    const contents = body.contents as any[];
    expect(contents[1]).toEqual(toolCall.candidates[0].content);
    expect(contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'weather', response: { result: 'Sunny, 18°C' } } }],
    });
    expect(contents[3].parts).toEqual([{ text: 'It is sunny.' }, { text: '', thoughtSignature: TEXT_SIG }]);
    expect(JSON.stringify(body)).not.toContain('skip_thought_signature_validator');
    expect((body.tools as any[])[1]).toEqual({ googleSearch: {} });
    expect(body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] },
    });
    expect(body.generationConfig).toEqual({
      temperature: 0.5,
      topK: 40,
      maxOutputTokens: 1024,
      stopSequences: ['END'],
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
    });
    expect(dropped).toEqual([]);
  });

  it('sentinel only on the first call of a foreign parallel batch; names looked up by id', () => {
    const request: CanonicalRequest = {
      model: 'x',
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hmm', signature: 'anthropic-sig', origin: 'anthropic' },
            { type: 'tool-call', id: 'toolu_1', name: 'a', arguments: '{"x":1}', origin: 'anthropic' },
            { type: 'tool-call', id: 'toolu_2', name: 'b', arguments: 'not json' },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'B!' }] }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'toolu_1',
              content: [{ type: 'text', text: 'fail' }],
              isError: true,
            },
          ],
        },
      ],
      responseFormat: {
        type: 'json_schema',
        name: 'o',
        schema: { type: 'object', properties: { a: { type: 'string' } } },
      },
      reasoning: { effort: 'low' },
    };
    const { body, dropped } = encodeGeminiRequestWithReport(request, {
      model: 'gemini-2.5-flash',
      stream: false,
    });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'go' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'a', args: { x: 1 } },
            thoughtSignature: 'skip_thought_signature_validator',
          },
          { functionCall: { name: 'b', args: { arguments: 'not json' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'b', response: { result: 'B!' } } },
          { functionResponse: { name: 'a', response: { error: 'fail' } } },
        ],
      },
    ]);
    expect(body.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object', properties: { a: { type: 'string' } } },
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    expect(dropped).toEqual(['reasoning (origin anthropic)']);
  });

  it.each([
    ['gemini-3-pro-preview', { effort: 'medium' }, { thinkingLevel: 'high', includeThoughts: true }],
    ['gemini-3-pro-preview', { effort: 'minimal', summary: 'none' }, { thinkingLevel: 'low' }],
    ['gemini-2.5-flash', { effort: 'high' }, { thinkingBudget: 24576, includeThoughts: true }],
    ['gemini-2.5-flash', { enabled: false }, { thinkingBudget: 0 }],
    ['gemini-2.5-pro', { effort: 'none' }, { thinkingBudget: 128, includeThoughts: true }],
    ['gemini-2.5-flash', { adaptive: true }, { thinkingBudget: -1, includeThoughts: true }],
  ] as const)('%s %j → thinkingConfig %j', (model, reasoning, expected) => {
    const { body } = encodeGeminiRequestWithReport(
      {
        model: 'x',
        stream: false,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }],
        reasoning: { ...reasoning },
      },
      { model, stream: false },
    );
    expect((body.generationConfig as any).thinkingConfig).toEqual(expected);
  });

  it('refuses a tool result whose call and name are unknown', () => {
    expect(() =>
      geminiCodec.encodeRequest(
        {
          model: 'x',
          stream: false,
          messages: [
            { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_zz', content: [] }] },
          ],
        },
        { model: 'gemini-2.5-pro', stream: false },
      ),
    ).toThrow(/answers no earlier tool call/);
  });
});
