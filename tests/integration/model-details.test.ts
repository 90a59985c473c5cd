// GET /api/models/details: every model of an active provider with its kind, context window,
// free tier and the price the request log bills it at — a price override wins at once, a plan the
// user already pays for carries no price, a model nobody priced has none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinProviders } from '../../core/providers/registry.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

interface Detail {
  id: string;
  providerId: string;
  model: string;
  kind: string;
  contextWindow?: number;
  free?: boolean;
  plan?: boolean;
  price?: { inputPerMTok: number; outputPerMTok: number; source: string; pattern: string };
}

let t: TestCore;
const details = async () => {
  const res = await t.api('/api/models/details');
  expect(res.status).toBe(200);
  return new Map(((await res.json()) as Detail[]).map((d) => [d.id, d]));
};

beforeAll(async () => {
  t = await startTestCore();
  await t.addProvider('openai', {}, { name: 'k', apiKey: 'sk-openai-test-000000' });
  await t.addProvider('fake', { format: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', models: ['m1'] });
  await t.addProvider('claude-login', { login: 'anthropic' });
});
afterAll(() => t?.close());

describe('GET /api/models/details', () => {
  it("lists each active provider's models with the registry's kind and context window, and no inactive provider", async () => {
    const openai = builtinProviders().find((p) => p.id === 'openai')!;
    const all = await details();
    const withWindow = openai.models.find((m) => openai.modelInfo?.[m]?.contextWindow)!;
    expect(all.get(`openai/${withWindow}`)).toMatchObject({
      providerId: 'openai',
      model: withWindow,
      kind: 'chat',
      contextWindow: openai.modelInfo![withWindow]!.contextWindow,
    });
    const image = openai.models.find((m) => openai.modelInfo?.[m]?.kind === 'image')!;
    expect(all.get(`openai/${image}`)?.kind).toBe('image');
    expect([...all.keys()].filter((id) => id.startsWith('openai/')).sort()).toEqual(
      openai.models.map((m) => `openai/${m}`).sort(),
    );
    // groq has neither an account nor a configuration: not active, not listed.
    expect([...all.values()].some((d) => d.providerId === 'groq')).toBe(false);
  });

  it('gives the price the log bills: the default, then an override at once; none for an unknown model or a plan', async () => {
    const before = (await details()).get('openai/gpt-4.1-mini')!;
    expect(before.price).toMatchObject({ source: 'default' });
    expect(before.price!.inputPerMTok).toBeGreaterThan(0);

    const row = { model: 'gpt-4.1-mini', providerId: 'openai', inputPerMTok: 123, outputPerMTok: 456 };
    expect((await t.api('/api/prices', { method: 'PUT', body: JSON.stringify(row) })).status).toBe(200);
    const after = await details();
    expect(after.get('openai/gpt-4.1-mini')!.price).toEqual({
      inputPerMTok: 123,
      outputPerMTok: 456,
      source: 'override',
      pattern: 'openai/gpt-4.1-mini',
    });

    expect(after.get('fake/m1')).toEqual({ id: 'fake/m1', providerId: 'fake', model: 'm1', kind: 'chat' });
    const login = [...after.values()].filter((d) => d.providerId === 'claude-login');
    expect(login.length).toBeGreaterThan(0);
    for (const d of login) {
      expect(d.plan).toBe(true);
      expect(d.price).toBeUndefined();
    }
  });
});
