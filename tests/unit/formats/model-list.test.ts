import { describe, expect, it } from 'vitest';
import { modelListPath, parseModelList } from '../../../core/formats/model-list.js';

// The three answer shapes of `GET {base}/models`, as each vendor's API reference documents them.

describe('parseModelList', () => {
  it('OpenAI and compatible servers: ids, and a context window under the names servers use', () => {
    expect(
      parseModelList('openai-chat', {
        object: 'list',
        data: [
          { id: 'gpt-4.1', object: 'model', owned_by: 'openai' },
          { id: 'llama-3.3-70b-versatile', object: 'model', context_window: 131072 },
          { id: 'm-embed', type: 'embedding', context_length: 8192 },
          { id: 42 },
          null,
        ],
      }),
    ).toEqual([
      { id: 'gpt-4.1' },
      { id: 'llama-3.3-70b-versatile', contextWindow: 131072 },
      { id: 'm-embed', contextWindow: 8192, kind: 'embedding' },
    ]);
    expect(parseModelList('openai-responses', { data: [{ id: 'o3' }] })).toEqual([{ id: 'o3' }]);
  });

  it('Anthropic: data[].id, max_input_tokens', () => {
    expect(
      parseModelList('anthropic', {
        data: [
          {
            type: 'model',
            id: 'claude-sonnet-4-5',
            display_name: 'Claude Sonnet 4.5',
            max_input_tokens: 200000,
          },
        ],
        has_more: false,
      }),
    ).toEqual([{ id: 'claude-sonnet-4-5', kind: 'chat', contextWindow: 200000 }]);
  });

  it('Gemini: models[].name without models/, inputTokenLimit, kind from the generation methods', () => {
    expect(
      parseModelList('gemini', {
        models: [
          {
            name: 'models/gemini-2.5-flash',
            inputTokenLimit: 1048576,
            supportedGenerationMethods: ['generateContent', 'countTokens'],
          },
          {
            name: 'models/text-embedding-004',
            inputTokenLimit: 2048,
            supportedGenerationMethods: ['embedContent'],
          },
        ],
      }),
    ).toEqual([
      { id: 'gemini-2.5-flash', contextWindow: 1048576, kind: 'chat' },
      { id: 'text-embedding-004', contextWindow: 2048, kind: 'embedding' },
    ]);
  });

  it('an answer that is not a list is undefined, not an empty list', () => {
    expect(parseModelList('openai-chat', { error: { message: 'x' } })).toBeUndefined();
    expect(parseModelList('gemini', 'text')).toBeUndefined();
    expect(modelListPath('anthropic')).toBe('/models?limit=1000');
  });
});
