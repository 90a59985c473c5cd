import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';

// Gemini model discovery as @google/genai does it: models.get (GET /v1beta/models/{model}) and
// the models.list() pager (pageSize / pageToken / nextPageToken).

let t: TestCore;
let dir: string;
let ai: GoogleGenAI;

beforeAll(async () => {
  dir = tempDir();
  const file = path.join(dir, 'omniroute.yaml');
  writeFileSync(
    file,
    `providers:\n  - id: g\n    format: gemini\n    baseUrl: http://127.0.0.1:9/v1beta\n    models: [gemini-a, gemini-b, gemini-c]\n` +
      `    accounts:\n      - apiKey: k1\n` +
      `combos:\n  - name: team\n    models: [g/gemini-a, g/gemini-b]\n`,
  );
  t = await startTestCore({ dataDir: dir, configFile: file });
  ai = new GoogleGenAI({ apiKey: 'sk-test', httpOptions: { baseUrl: t.url } });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ALL = ['models/team', 'models/g/gemini-a', 'models/g/gemini-b', 'models/g/gemini-c'];

describe('GET /v1beta/models/{model}', () => {
  it.each([
    ['g/gemini-b', 'models/g/gemini-b'],
    ['models/g/gemini-c', 'models/g/gemini-c'],
    ['team', 'models/team'],
    ['gemini-a', 'models/gemini-a'], // a bare id an active provider lists: the gateway routes it
  ])('models.get(%s) answers a Model', async (model, name) => {
    const m = await ai.models.get({ model });
    expect(m.name).toBe(name);
    expect(m.displayName).toBe(name.slice('models/'.length));
    expect(m.supportedActions).toEqual(['generateContent', 'streamGenerateContent', 'countTokens']);
  });

  it('a %-encoded provider prefix is the same model', async () => {
    const res = await fetch(`${t.url}/v1beta/models/g%2Fgemini-a`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      name: 'models/g/gemini-a',
      displayName: 'g/gemini-a',
      supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
    });
  });

  it.each(['nope/gemini-a', 'gemini-z', 'g/gemini-a:generateContent'])(
    'a model nobody serves (%s) is 404 NOT_FOUND in Gemini’s error shape',
    async (model) => {
      const err = await ai.models.get({ model }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(404);
      const res = await fetch(`${t.url}/v1beta/models/${model}`);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: number; status: string; message: string } };
      expect(body.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
      expect(body.error.message).toContain(`models/${model}`);
    },
  );
});

describe('GET /v1beta/models paging', () => {
  it('models.list() follows nextPageToken across pages of pageSize', async () => {
    const pager = await ai.models.list({ config: { pageSize: 3 } });
    expect(pager.page.map((m) => m.name)).toEqual(ALL.slice(0, 3));
    expect(pager.hasNextPage()).toBe(true);
    const names: string[] = [];
    for await (const m of pager) names.push(m.name!);
    expect(names).toEqual(ALL);
  });

  it('pageSize 1 walks the list one model at a time; the last page has no token', async () => {
    const names: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const q = new URLSearchParams({ pageSize: '1', ...(token ? { pageToken: token } : {}) });
      const body = (await (await fetch(`${t.url}/v1beta/models?${q}`)).json()) as any;
      expect(body.models).toHaveLength(1);
      names.push(body.models[0].name);
      token = body.nextPageToken;
      if (!token) break;
    }
    expect(names).toEqual(ALL);
  });

  it('without pageSize every model is on one page (clients that do not page lose nothing)', async () => {
    const body = (await (await fetch(`${t.url}/v1beta/models`)).json()) as any;
    expect(body.models.map((m: any) => m.name)).toEqual(ALL);
    expect(body.nextPageToken).toBeUndefined();
  });

  it.each([
    ['pageSize=-1', 'pageSize'],
    ['pageSize=abc', 'pageSize'],
    ['pageToken=bm90LWEtdG9rZW4', 'pageToken'],
  ])('a bad %s is 400 INVALID_ARGUMENT', async (query, field) => {
    const res = await fetch(`${t.url}/v1beta/models?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error.message).toContain(field);
  });
});

// Last: once a gateway key exists, every request must carry one.
describe('a gateway key restricted to some models', () => {
  it('models.get answers what generateContent would: 403 PERMISSION_DENIED for the others', async () => {
    const created = (await (
      await t.api('/api/keys', {
        method: 'POST',
        body: JSON.stringify({ name: 'only-a', models: ['g/gemini-a'] }),
      })
    ).json()) as { key: string };
    const scoped = new GoogleGenAI({ apiKey: created.key, httpOptions: { baseUrl: t.url } });
    expect((await scoped.models.get({ model: 'g/gemini-a' })).name).toBe('models/g/gemini-a');
    const err = await scoped.models.get({ model: 'g/gemini-b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
    const res = await fetch(`${t.url}/v1beta/models/g/gemini-b`, {
      headers: { 'x-goog-api-key': created.key },
    });
    expect(((await res.json()) as any).error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
  });
});
