import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS } from '../../core/providers/builtin.js';
import { modelKind } from '../../core/providers/registry.js';
import type { ProviderDefinition } from '../../core/providers/types.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// Every built-in whose URL is its base URL plus the format's path, on one fake upstream: the
// request must arrive under the registry's own path with the provider's auth header. The ones
// with account fields or a token exchange have their own tests (provider-shapes.test.ts), and so
// do the ones without a chat model (tests/integration/endpoints/).

let t: TestCore;
let up: ReplayUpstream;
const plain = BUILTIN_PROVIDERS.filter(
  (p) => !p.accountFields && !p.accessToken && !p.signIn && p.models.some((m) => modelKind(p, m) === 'chat'),
);

/** The registry's base URL on the fake: the origin swapped, the path (the shape under test) kept. */
const onFake = (p: ProviderDefinition) => {
  const u = new URL(p.baseUrl);
  return up.url + u.pathname.replace(/\/+$/, '');
};
const keyOf = (p: ProviderDefinition) => `key-for-${p.id}`;

beforeAll(async () => {
  up = await startReplayUpstream();
  up.setDefault((req) =>
    req.path.endsWith('/messages')
      ? { kind: 'fixture', file: 'anthropic/anthropic-text.json' }
      : req.path.includes(':generateContent')
        ? { kind: 'fixture', file: 'gemini/google-text.json' }
        : req.path.endsWith('/responses')
          ? { kind: 'fixture', file: 'openai-responses/openai-text.json' }
          : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
  );
  t = await startTestCore();
  for (const p of plain)
    await t.addProvider(
      p.id,
      { baseUrl: onFake(p) },
      p.auth === 'none' ? undefined : { name: 'main', apiKey: keyOf(p) },
    );
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

describe('the built-in catalog', () => {
  it('GET /api/providers lists at least 45 built-ins, with auth, model facts and free tiers', async () => {
    const list = (await (await t.api('/api/providers')).json()) as Array<Record<string, any>>;
    const builtins = list.filter((p) => p.builtin);
    expect(builtins.length).toBeGreaterThanOrEqual(45);
    const cf = builtins.find((p) => p.id === 'cloudflare')!;
    expect(cf.freeTier).toMatchObject({
      note: expect.stringContaining('10,000 Neurons'),
      checked: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    });
    expect(cf.accountFields).toEqual([{ key: 'accountId', label: expect.any(String) }]);
    const azure = builtins.find((p) => p.id === 'azure')!;
    expect(azure.auth).toBe('api-key');
    const zai = builtins.find((p) => p.id === 'zai')!;
    expect(zai.modelInfo['glm-4.7-flash']).toEqual({ contextWindow: 200_000, free: true });
    expect(zai.freeTier.source).toContain('docs.z.ai');
    // Functions never leave: the URL builder and the token exchange are code, not data.
    const vertex = builtins.find((p) => p.id === 'vertex')!;
    expect(vertex.buildUrl).toBeUndefined();
    expect(vertex.accessToken).toBeUndefined();
  });

  it('GET /api/prices carries where each catalog price comes from and when it was read', async () => {
    const rows = (await (await t.api('/api/prices')).json()) as Array<Record<string, any>>;
    const row = rows.find((r) => r.providerId === 'deepinfra' && r.model === 'moonshotai/Kimi-K2.6');
    expect(row).toMatchObject({
      inputPerMTok: 0.75,
      outputPerMTok: 3.5,
      source: 'default',
      from: expect.stringContaining('models.dev'),
      checked: '2026-07-02',
    });
  });

  it.each(plain.map((p) => [p.id, p] as const))(
    '%s: the request reaches its documented path with its auth',
    async (_id, p) => {
      const before = up.requests.length;
      const model = `${p.id}/${p.models[0]}`;
      if (p.formats[0] === 'anthropic') {
        const client = new Anthropic({ baseURL: t.url, apiKey: 'unused', maxRetries: 0 });
        await client.messages.create({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
      } else {
        const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
        await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
      }
      const req = up.requests[before]!;
      const base = new URL(p.baseUrl).pathname.replace(/\/+$/, '');
      const tail = {
        'openai-chat': '/chat/completions',
        'openai-responses': '/responses',
        anthropic: '/messages',
        gemini: `/models/${p.models[0]}:generateContent`,
        ollama: '/api/chat',
      }[p.formats.includes('openai-chat') && p.formats[0] !== 'anthropic' ? 'openai-chat' : p.formats[0]!];
      expect(req.path.split('?')[0]).toBe(base + tail);
      const key = keyOf(p);
      switch (p.auth) {
        case 'bearer':
          expect(req.headers.authorization).toBe(`Bearer ${key}`);
          break;
        case 'x-api-key':
          expect(req.headers['x-api-key']).toBe(key);
          break;
        case 'x-goog-api-key':
          expect(req.headers['x-goog-api-key']).toBe(key);
          break;
        case 'none':
          expect(req.headers.authorization).toBeUndefined();
          break;
      }
      // An Anthropic caller's own anthropic-version is passed on over the provider's default.
      if (p.formats[0] !== 'anthropic')
        for (const [h, v] of Object.entries(p.headers ?? {})) expect(req.headers[h.toLowerCase()]).toBe(v);
    },
  );
});
