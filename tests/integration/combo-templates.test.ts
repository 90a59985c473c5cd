import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, TEST_ADMIN_TOKEN, type TestCore } from '../helpers/core.js';
import { initCombos } from '../../core/cli/init.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// Combo templates filled from the user's accounts: "free forever" with keys for three free-tier
// providers builds a combo that serves a request and falls back when its first step answers 429.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = up = undefined;
});

async function setup() {
  up = await startReplayUpstream();
  up.setDefault((req) =>
    req.path.includes(':generateContent')
      ? { kind: 'fixture', file: 'gemini/google-text.json' }
      : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
  );
  t = await startTestCore();
  for (const id of ['groq', 'cerebras'])
    await t.addProvider(id, { baseUrl: up.baseUrl('openai-chat') }, { name: 'k', apiKey: `key-${id}` });
  await t.addProvider('gemini', { baseUrl: up.baseUrl('gemini') }, { name: 'k', apiKey: 'key-gemini' });
  // A paid provider: never in "free forever".
  await t.addProvider('openai', { baseUrl: up.baseUrl('openai-chat') }, { name: 'k', apiKey: 'key-openai' });
}

const templates = async () => (await (await t!.api('/api/combo-templates')).json()) as any[];

describe('combo templates', () => {
  it('"free forever" lists only the free tiers the user has keys for, each step explained', async () => {
    await setup();
    const free = (await templates()).find((x) => x.id === 'free-forever');
    const providers = new Set(free.steps.map((s: any) => s.model.split('/')[0]));
    expect(providers).toEqual(new Set(['groq', 'cerebras', 'gemini']));
    for (const s of free.steps) expect(s.why).toMatch(/free tier/);
    const quality = (await templates()).find((x) => x.id === 'quality-first');
    expect(quality.steps.some((s: any) => s.model.startsWith('openai/'))).toBe(true);
  });

  it('applied, it serves a request, and falls back when the first step answers 429', async () => {
    await setup();
    const res = await t!.api('/api/combo-templates/free-forever/apply', { method: 'POST', body: '{}' });
    expect(res.status).toBe(201);
    const combo = (await res.json()) as { name: string; models: string[] };
    expect(combo.name).toBe('free-forever');
    expect(combo.models.length).toBeGreaterThanOrEqual(3);

    up!.queue({
      kind: 'error',
      status: 429,
      headers: { 'retry-after': '30' },
      body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    });
    const client = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({ model: 'free-forever', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toBeTruthy();
    expect(response.headers.get('x-omniroute-attempts')).toBe('2');
    // The next step that is not resting: which one depends on the 429's lockout scope (the account, or the model).
    const route = response.headers.get('x-omniroute-route')!;
    expect(route).not.toBe(combo.models[0]);
    expect(combo.models.slice(1)).toContain(route);
    expect(up!.requests).toHaveLength(2);
  });

  it('without any free-tier key, "free forever" cannot be applied (409, says what to add)', async () => {
    up = await startReplayUpstream();
    t = await startTestCore();
    await t.addProvider(
      'openai',
      { baseUrl: up.baseUrl('openai-chat') },
      { name: 'k', apiKey: 'key-openai' },
    );
    expect((await templates()).find((x) => x.id === 'free-forever').steps).toEqual([]);
    const res = await t.api('/api/combo-templates/free-forever/apply', { method: 'POST', body: '{}' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.message).toMatch(/Groq/);
    expect((await t.api('/api/combo-templates/nope/apply', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('omniroute init lists the templates with their reasons, and --template creates and activates one', async () => {
    await setup();
    const env = { OMNIROUTE_ADMIN_TOKEN: TEST_ADMIN_TOKEN };
    const port = new URL(t!.url).port;
    const lines: string[] = [];
    expect(await initCombos(['--port', port, '--data-dir', t!.dataDir], (l) => lines.push(l), env)).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('free-forever — Free forever');
    expect(text).toMatch(/1\. (groq|cerebras|gemini)\/\S+ — .*free tier/);

    lines.length = 0;
    await initCombos(
      ['--port', port, '--data-dir', t!.dataDir, '--template', 'free-forever', '--name', 'zero'],
      (l) => lines.push(l),
      env,
    );
    expect(lines[0]).toMatch(/^Combo "zero": /);
    const state = (await (await t!.api('/api/state')).json()) as any;
    expect(state.activeCombo).toBe('zero');
    await expect(
      initCombos(['--port', port, '--data-dir', t!.dataDir, '--template', 'nope'], () => {}, env),
    ).rejects.toThrow(/no template "nope"/);
  });
});
