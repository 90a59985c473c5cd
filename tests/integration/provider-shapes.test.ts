import { createVerify, generateKeyPairSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinProvider } from '../../core/providers/registry.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// Each built-in provider whose URL or credential is not the plain `{base}/chat/completions` +
// bearer key, against a fake upstream on 127.0.0.1: the request must arrive at the path the
// provider documents, with its auth header. The base URL is the registry's own with only the
// origin swapped for the fake's, so the path shape under test is the one users get.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = undefined;
  up = undefined;
});

/** The registry's base URL with its origin (scheme + host, placeholders included) replaced. */
function onFake(id: string, fake: string): string {
  const base = builtinProvider(id)!.baseUrl;
  const path = base.indexOf('/', 'https://'.length);
  return path < 0 ? fake : fake + base.slice(path);
}

async function setup(id: string, account: Record<string, unknown>) {
  up = await startReplayUpstream();
  t = await startTestCore();
  const put = await t.api(`/api/providers/${id}`, {
    method: 'PUT',
    body: JSON.stringify({ baseUrl: onFake(id, up.url) }),
  });
  expect(put.status).toBe(200);
  const post = await t.api('/api/connections', {
    method: 'POST',
    body: JSON.stringify({ providerId: id, name: 'main', ...account }),
  });
  expect(post.status, await post.clone().text()).toBe(201);
  return new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
}

const ask = (client: OpenAI, model: string) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('provider URL and auth shapes', () => {
  it('Azure OpenAI: the deployment in the path, api-version in the query, the key in `api-key`', async () => {
    const client = await setup('azure', { apiKey: 'azure-key-123', fields: { resource: 'contoso' } });
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const answer = await ask(client, 'azure/my-gpt41');
    expect(answer.choices[0]!.message.content).toBeTruthy();
    const req = up!.requests[0]!;
    expect(req.path).toBe('/openai/deployments/my-gpt41/chat/completions?api-version=2024-10-21');
    expect(req.headers['api-key']).toBe('azure-key-123');
    expect(req.headers.authorization).toBeUndefined();
  });

  it("Azure OpenAI: an account's own api-version wins over the default", async () => {
    const client = await setup('azure', {
      apiKey: 'k',
      fields: { resource: 'contoso', apiVersion: '2025-04-01-preview' },
    });
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    await ask(client, 'azure/gpt-4.1');
    expect(up!.requests[0]!.path).toBe(
      '/openai/deployments/gpt-4.1/chat/completions?api-version=2025-04-01-preview',
    );
  });

  it('Cloudflare Workers AI: the account id in the path, by its own id and the `cf/` prefix', async () => {
    const client = await setup('cloudflare', { apiKey: 'cf-token', fields: { accountId: 'abc123' } });
    up!.queue(
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    await ask(client, 'cloudflare/@cf/openai/gpt-oss-120b');
    await ask(client, 'cf/@cf/openai/gpt-oss-120b');
    for (const req of up!.requests) {
      expect(req.path).toBe('/client/v4/accounts/abc123/ai/v1/chat/completions');
      expect(req.headers.authorization).toBe('Bearer cf-token');
      expect(req.json.model).toBe('@cf/openai/gpt-oss-120b');
    }
  });

  it('an account without a required field is refused when it is added, with the field named', async () => {
    up = await startReplayUpstream();
    t = await startTestCore();
    const res = await t.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({ providerId: 'cloudflare', name: 'a', apiKey: 'k' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('accountId') } });
    const bad = await t.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({
        providerId: 'cloudflare',
        name: 'a',
        apiKey: 'k',
        fields: { accountId: 'x/../y' },
      }),
    });
    expect(bad.status).toBe(400);
  });

  it('account fields come from the config file too, and a missing one is a config error naming it', async () => {
    up = await startReplayUpstream();
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const dir = tempDir();
    try {
      const file = path.join(dir, 'omniroute.yaml');
      const base = onFake('cloudflare', up.url);
      writeFileSync(
        file,
        `providers:\n  - id: cloudflare\n    baseUrl: ${base}\n    accounts:\n      - apiKey: cf-token\n        fields: { accountId: fromfile42 }\n`,
      );
      t = await startTestCore({ dataDir: dir, configFile: file });
      await ask(
        new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 }),
        'cf/@cf/openai/gpt-oss-120b',
      );
      expect(up.requests[0]!.path).toBe('/client/v4/accounts/fromfile42/ai/v1/chat/completions');
      const exported = await (await t.api('/api/export')).text();
      expect(exported).toContain('fromfile42');
      await t.close();
      t = undefined;

      writeFileSync(file, `providers:\n  - id: cloudflare\n    accounts:\n      - apiKey: cf-token\n`);
      await expect(startTestCore({ dataDir: dir, configFile: file })).rejects.toThrow(/accountId/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GitHub Models: /inference/chat/completions with the token and the API version header', async () => {
    const client = await setup('github-models', { apiKey: 'github_pat_test' });
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    await ask(client, 'gh/openai/gpt-4.1');
    const req = up!.requests[0]!;
    expect(req.path).toBe('/inference/chat/completions');
    expect(req.headers.authorization).toBe('Bearer github_pat_test');
    expect(req.headers['x-github-api-version']).toBe('2022-11-28');
    expect(req.json.model).toBe('openai/gpt-4.1');
  });

  it('FriendliAI Serverless: /serverless/v1/chat/completions with the access token as bearer', async () => {
    const client = await setup('friendli', { apiKey: 'flp_test' });
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    await ask(client, 'friendli/zai-org/GLM-5.1');
    const req = up!.requests[0]!;
    expect(req.path).toBe('/serverless/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer flp_test');
    expect(req.json.model).toBe('zai-org/GLM-5.1');
  });

  it('the built-in prefixes (`gh/`) can be turned off: then only the id routes there', async () => {
    const client = await setup('github-models', { apiKey: 'github_pat_test' });
    up!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    await ask(client, 'gh/openai/gpt-4.1');
    expect(up!.requests).toHaveLength(1);
    const patch = await t!.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ builtinPrefixes: false }),
    });
    expect(patch.status).toBe(200);
    const refused = await ask(client, 'gh/openai/gpt-4.1').then(
      () => undefined,
      (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
    );
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect(up!.requests).toHaveLength(1);
    await ask(client, 'github-models/openai/gpt-4.1');
    expect(up!.requests).toHaveLength(2);
    const providers = (await (await t!.api('/api/providers')).json()) as Array<{
      id: string;
      prefixes: string[];
    }>;
    expect(providers.find((p) => p.id === 'github-models')!.prefixes).toEqual(['github-models']);
  });

  it('Amazon Bedrock: the OpenAI-compatible endpoint, the API key as bearer (the region-in-host is in tests/unit/providers/upstream-url.test.ts)', async () => {
    const client = await setup('bedrock', { apiKey: 'bedrock-api-key', fields: { region: 'eu-west-1' } });
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    await ask(client, 'bedrock/openai.gpt-oss-120b-1:0');
    const req = up!.requests[0]!;
    expect(req.path).toBe('/openai/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer bedrock-api-key');
  });

  it('Vertex AI: a service-account key becomes a signed JWT, an access token, and a Gemini call on the project path', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    up = await startReplayUpstream();
    const tokenCalls: string[] = [];
    up.setDefault((req) => {
      if (req.path === '/token') {
        tokenCalls.push(req.body);
        return {
          kind: 'error',
          status: 200,
          body: { access_token: `ya29.test-${tokenCalls.length}`, expires_in: 3600 },
        };
      }
      return { kind: 'fixture', file: 'gemini/google-text.json' };
    });
    t = await startTestCore();
    const key = {
      type: 'service_account',
      project_id: 'my-proj',
      private_key_id: 'kid-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: 'robot@my-proj.iam.gserviceaccount.com',
      token_uri: `${up.url}/token`,
    };
    await t.api('/api/providers/vertex', {
      method: 'PUT',
      body: JSON.stringify({ baseUrl: onFake('vertex', up.url) }),
    });
    const post = await t.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({
        providerId: 'vertex',
        name: 'sa',
        apiKey: JSON.stringify(key),
        fields: { project: 'my-proj', location: 'us-central1' },
      }),
    });
    expect(post.status).toBe(201);
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const answer = await ask(client, 'vertex/gemini-2.5-flash');
    expect(answer.choices[0]!.message.content).toBeTruthy();
    await ask(client, 'vertex/gemini-2.5-flash');

    // One exchange for two requests: the token is kept until shortly before it expires.
    expect(tokenCalls).toHaveLength(1);
    const form = new URLSearchParams(tokenCalls[0]);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [h, c, sig] = form.get('assertion')!.split('.');
    const header = JSON.parse(Buffer.from(h!, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(c!, 'base64url').toString());
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-1' });
    expect(claims).toMatchObject({
      iss: key.client_email,
      aud: key.token_uri,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(
      createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, Buffer.from(sig!, 'base64url')),
    ).toBe(true);

    const calls = up.requests.filter((r) => r.path !== '/token');
    expect(calls).toHaveLength(2);
    for (const r of calls) {
      expect(r.path).toBe(
        '/v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
      );
      expect(r.headers.authorization).toBe('Bearer ya29.test-1');
      // The key itself never travels to the model endpoint.
      expect(JSON.stringify(r.headers)).not.toContain('BEGIN PRIVATE KEY');
    }
  });

  it('Vertex AI: a token with less than five minutes left is exchanged again before it is used', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    up = await startReplayUpstream();
    let n = 0;
    up.setDefault((req) =>
      req.path === '/token'
        ? // 60 s of life: inside the refresh margin, so every request needs a new one.
          { kind: 'error', status: 200, body: { access_token: `ya29.short-${++n}`, expires_in: 60 } }
        : { kind: 'fixture', file: 'gemini/google-text.json' },
    );
    t = await startTestCore();
    await t.api('/api/providers/vertex', {
      method: 'PUT',
      body: JSON.stringify({ baseUrl: onFake('vertex', up.url) }),
    });
    await t.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({
        providerId: 'vertex',
        name: 'sa',
        apiKey: JSON.stringify({
          client_email: 'r@p.iam.gserviceaccount.com',
          private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          token_uri: `${up.url}/token`,
        }),
        fields: { project: 'p' },
      }),
    });
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    await ask(client, 'vertex/gemini-2.5-flash');
    await ask(client, 'vertex/gemini-2.5-flash');
    const calls = up.requests.filter((r) => r.path !== '/token');
    expect(up.requests.filter((r) => r.path === '/token')).toHaveLength(2);
    expect(calls.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.short-1', 'Bearer ya29.short-2']);
  });

  it('Vertex AI: a token the API refuses (401) is exchanged again once and the request retried', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    up = await startReplayUpstream();
    let n = 0;
    let calls = 0;
    up.setDefault((req) => {
      if (req.path === '/token')
        return { kind: 'error', status: 200, body: { access_token: `ya29.t-${++n}`, expires_in: 3600 } };
      return ++calls === 1
        ? {
            kind: 'error',
            status: 401,
            body: { error: { code: 401, message: 'revoked', status: 'UNAUTHENTICATED' } },
          }
        : { kind: 'fixture', file: 'gemini/google-text.json' };
    });
    t = await startTestCore();
    await t.api('/api/providers/vertex', {
      method: 'PUT',
      body: JSON.stringify({ baseUrl: onFake('vertex', up.url) }),
    });
    await t.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({
        providerId: 'vertex',
        name: 'sa',
        apiKey: JSON.stringify({
          client_email: 'r2@p.iam.gserviceaccount.com',
          private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          token_uri: `${up.url}/token`,
        }),
        fields: { project: 'p' },
      }),
    });
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const answer = await ask(client, 'vertex/gemini-2.5-flash');
    expect(answer.choices[0]!.message.content).toBeTruthy();
    const model = up.requests.filter((r) => r.path !== '/token');
    expect(model.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.t-1', 'Bearer ya29.t-2']);
  });

  it("Vertex AI: a refused key is the caller's clear error, never the key", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    up = await startReplayUpstream();
    up.setDefault(() => ({
      kind: 'error',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    }));
    t = await startTestCore();
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await t.api('/api/providers/vertex', {
      method: 'PUT',
      body: JSON.stringify({ baseUrl: onFake('vertex', up.url) }),
    });
    await t.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({
        providerId: 'vertex',
        name: 'sa',
        apiKey: JSON.stringify({ client_email: 'x@y', private_key: pem, token_uri: `${up.url}/token` }),
        fields: { project: 'p' },
      }),
    });
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const err = (await ask(client, 'vertex/gemini-2.5-flash').then(
      () => undefined,
      (e: unknown) => e,
    )) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.message).toContain('invalid_grant');
    expect(err.message).not.toContain('PRIVATE KEY');
    // Only the token endpoint was called: no model call without a token.
    expect(up.requests.every((r) => r.path === '/token')).toBe(true);
  });
});
