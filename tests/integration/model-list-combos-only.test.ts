// The `modelListCombosOnly` setting: a coding tool's model picker (GET /v1/models, Anthropic's
// shape, /v1beta/models) offers only the names that fall back — the active-combo alias, combos,
// aliases — while every model still answers by name and the dashboard's catalog keeps them all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
  await t.addProvider('a', { format: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', models: ['m1', 'm2'] });
  await t.api('/api/connections', {
    method: 'POST',
    body: JSON.stringify({ providerId: 'a', name: 'k', apiKey: 'sk-test-key-0000000' }),
  });
  await t.api('/api/combos/c', { method: 'PUT', body: JSON.stringify({ models: ['a/m1', 'a/m2'] }) });
  await t.api('/api/aliases', { method: 'PUT', body: JSON.stringify({ pattern: 'fast', target: 'a/m2' }) });
  await t.api('/api/state/active-combo', { method: 'PUT', body: JSON.stringify({ combo: 'c' }) });
});
afterAll(() => t?.close());

const setting = async (on: boolean) => {
  const res = await t.api('/api/settings', {
    method: 'PATCH',
    body: JSON.stringify({ modelListCombosOnly: on }),
  });
  expect(res.status).toBe(200);
};
const ids = async (p: string, headers: Record<string, string> = {}) => {
  const body = (await (await fetch(t.url + p, { headers })).json()) as {
    data?: Array<{ id: string }>;
    models?: Array<{ name: string }>;
  };
  return (body.data?.map((m) => m.id) ?? body.models!.map((m) => m.name.replace(/^models\//, ''))).sort();
};

describe('modelListCombosOnly', () => {
  it('off (the default): the lists hold every provider model too', async () => {
    expect(
      ((await (await t.api('/api/settings')).json()) as { modelListCombosOnly: boolean }).modelListCombosOnly,
    ).toBe(false);
    expect(await ids('/v1/models')).toEqual(['a/m1', 'a/m2', 'auto', 'c', 'fast']);
  });

  it('on: the OpenAI, Anthropic and Gemini lists hold only the names that fall back; models still answer by name', async () => {
    await setting(true);
    try {
      const expected = ['auto', 'c', 'fast'];
      expect(await ids('/v1/models')).toEqual(expected);
      expect(await ids('/v1/models', { 'anthropic-version': '2023-06-01' })).toEqual(expected);
      expect(await ids('/v1beta/models')).toEqual(expected);
      expect((await fetch(`${t.url}/v1beta/models/a/m1`)).status).toBe(200);
      const catalog = (await (await t.api('/api/models/catalog')).json()) as {
        kinds: Record<string, Array<{ id: string }>>;
      };
      expect(catalog.kinds.chat!.map((m) => m.id)).toContain('a/m1');
    } finally {
      await setting(false);
    }
    expect(await ids('/v1/models')).toContain('a/m1');
  });
});
