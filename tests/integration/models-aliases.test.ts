import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';

// Exact model aliases show up in the model lists (OpenAI, Anthropic and Gemini shapes), so an
// agent that picks a model from GET /v1/models can pick an alias; wildcard patterns and aliases
// that lead nowhere servable are not listed.

let t: TestCore | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  t = undefined;
  dir = undefined;
});

async function setup() {
  dir = tempDir();
  const file = path.join(dir, 'omniroute.yaml');
  writeFileSync(
    file,
    `providers:\n  - id: a\n    format: openai-chat\n    baseUrl: http://127.0.0.1:9/v1\n    models: [m1, m2]\n` +
      `    accounts:\n      - apiKey: k1\n` +
      `combos:\n  - name: c\n    models: [a/m1, a/m2]\n`,
  );
  t = await startTestCore({ dataDir: dir, configFile: file });
  return t;
}

async function putAlias(pattern: string, target: string) {
  const res = await t!.api('/api/aliases', { method: 'PUT', body: JSON.stringify({ pattern, target }) });
  expect(res.status).toBe(200);
}

const openaiList = async () =>
  ((await (await fetch(`${t!.url}/v1/models`)).json()) as { data: Array<Record<string, unknown>> }).data;

describe('aliases in the model lists', () => {
  it('lists exact aliases in every shape, not patterns and not aliases that lead nowhere', async () => {
    await setup();
    await putAlias('fast', 'a/m1');
    await putAlias('Smart', 'c'); // an alias of a combo; listed as written
    await putAlias('chain', 'fast'); // an alias of an alias
    await putAlias('gpt-*', 'a/m-$1'); // a pattern: not a name a client can pick
    await putAlias('ghost', 'nowhere/x'); // no such provider: would only answer 404

    const data = await openaiList();
    expect(data.map((m) => m.id)).toEqual(['c', 'fast', 'Smart', 'chain', 'a/m1', 'a/m2']);
    const created = data[0]!.created;
    expect(data.find((m) => m.id === 'fast')).toEqual({
      id: 'fast',
      object: 'model',
      created,
      owned_by: 'omniroute-alias',
      kind: 'chat',
    });
    expect(data.find((m) => m.id === 'c')).toMatchObject({ owned_by: 'omniroute' });

    const anthropic = (await (
      await fetch(`${t!.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })
    ).json()) as any;
    expect(anthropic.data.map((m: any) => m.id)).toEqual(['c', 'fast', 'Smart', 'chain', 'a/m1', 'a/m2']);
    expect(anthropic.data[1]).toMatchObject({ type: 'model', id: 'fast', display_name: 'fast' });

    const gemini = (await (await fetch(`${t!.url}/v1beta/models`)).json()) as any;
    expect(gemini.models.map((m: any) => m.name)).toEqual([
      'models/c',
      'models/fast',
      'models/Smart',
      'models/chain',
      'models/a/m1',
      'models/a/m2',
    ]);
    expect(gemini.models[1]).toMatchObject({ displayName: 'fast' });
  });

  it('follows changes: removed aliases go, a disabled combo takes its aliases along, an alias shadows a combo of the same name', async () => {
    await setup();
    await putAlias('fast', 'a/m1');
    await putAlias('smart', 'c');
    expect((await openaiList()).map((m) => m.id)).toEqual(['c', 'fast', 'smart', 'a/m1', 'a/m2']);

    expect((await t!.api('/api/aliases?pattern=fast', { method: 'DELETE' })).status).toBe(200);
    const disabled = await t!.api('/api/combos/c', {
      method: 'PUT',
      body: JSON.stringify({ models: ['a/m1', 'a/m2'], enabled: false }),
    });
    expect(disabled.status).toBe(200);
    expect((await openaiList()).map((m) => m.id)).toEqual(['a/m1', 'a/m2']);

    // Aliases apply before combo lookup (case-insensitively): "C" answers for "c" now (and for
    // "smart", which led to "c"). Listed in the order they were added.
    await t!.api('/api/combos/c', { method: 'PUT', body: JSON.stringify({ models: ['a/m1'] }) });
    await putAlias('C', 'a/m2');
    const data = await openaiList();
    expect(data.map((m) => [m.id, m.owned_by])).toEqual([
      ['smart', 'omniroute-alias'],
      ['C', 'omniroute-alias'],
      ['a/m1', 'a'],
      ['a/m2', 'a'],
    ]);
  });

  it('the active-combo alias is not shadowed by an alias of the same name', async () => {
    await setup();
    const res = await t!.api('/api/state/active-combo', {
      method: 'PUT',
      body: JSON.stringify({ combo: 'c' }),
    });
    expect(res.status).toBe(200);
    await putAlias('auto', 'a/m1'); // never applied: the active-combo alias is checked first
    await putAlias('fast', 'auto'); // an alias of the active combo
    const data = await openaiList();
    expect(data.map((m) => [m.id, m.owned_by])).toEqual([
      ['auto', 'omniroute'],
      ['c', 'omniroute'],
      ['fast', 'omniroute-alias'],
      ['a/m1', 'a'],
      ['a/m2', 'a'],
    ]);
  });
});
