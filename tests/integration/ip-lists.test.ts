import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// Linux routes all of 127.0.0.0/8 to loopback, so a client can connect from 127.0.0.2 and
// 127.0.0.3 to a server on 127.0.0.1 and be seen at that address. Loopback always passes
// the lists in a real core; `trustLoopback: false` makes these addresses stand in for
// machines on the network. The real-core default (loopback exempt) is tested at the end.

function from(
  localAddress: string,
  port: number,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress,
        headers: body ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let t: TestCore;
let up: ReplayUpstream;
const patch = (body: unknown) => t.api('/api/settings', { method: 'PATCH', body: JSON.stringify(body) });
const chatBody = JSON.stringify({ model: 'up/m', messages: [{ role: 'user', content: 'x' }] });

beforeAll(async () => {
  up = await startReplayUpstream();
  up.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
  t = await startTestCore({ trustLoopback: false });
  await t.api('/api/providers/up', {
    method: 'PUT',
    body: JSON.stringify({ format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') }),
  });
  await t.api('/api/connections', {
    method: 'POST',
    body: JSON.stringify({ providerId: 'up', name: 'a', apiKey: 'k' }),
  });
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

describe('IP allow and deny lists', () => {
  it('a denied address gets 403 everywhere — gateway fast path (in the caller format), Hono routes, management API', async () => {
    expect((await patch({ ipDenyList: ['127.0.0.2', '10.0.0.0/8'] })).status).toBe(200);
    const port = t.core.port;
    const chat = await from('127.0.0.2', port, 'POST', '/v1/chat/completions', chatBody);
    expect(chat.status).toBe(403);
    expect(chat.json.error).toMatchObject({ type: 'permission_error' });
    expect(chat.json.error.message).toContain('127.0.0.2');
    const anth = await from('127.0.0.2', port, 'POST', '/v1/messages', '{}');
    expect(anth.json).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    const gem = await from('127.0.0.2', port, 'POST', '/v1beta/models/up/m:generateContent', '{}');
    expect(gem.json.error.status).toBe('PERMISSION_DENIED');
    expect((await from('127.0.0.2', port, 'GET', '/v1/models')).status).toBe(403);
    expect((await from('127.0.0.2', port, 'GET', '/health')).status).toBe(403);
    const api = await from('127.0.0.2', port, 'GET', '/api/settings');
    expect(api.status).toBe(403);
    expect(api.json.error.message).toContain('not allowed');
    // Another address is unaffected, and the refused requests never reached the upstream.
    expect((await from('127.0.0.3', port, 'POST', '/v1/chat/completions', chatBody)).status).toBe(200);
    expect(up.requests).toHaveLength(1);
  });

  it('a non-empty allow list admits only its addresses; deny wins over allow', async () => {
    await patch({ ipDenyList: ['127.0.0.4'], ipAllowList: ['127.0.0.1', '127.0.0.4', '127.0.0.0/30'] });
    const port = t.core.port;
    expect((await from('127.0.0.1', port, 'GET', '/v1/models')).status).toBe(200);
    expect((await from('127.0.0.3', port, 'GET', '/v1/models')).status).toBe(200); // in 127.0.0.0/30
    expect((await from('127.0.0.5', port, 'GET', '/v1/models')).status).toBe(403);
    expect((await from('127.0.0.4', port, 'GET', '/v1/models')).status).toBe(403);
    await patch({ ipDenyList: [], ipAllowList: [] });
    expect((await from('127.0.0.5', port, 'GET', '/v1/models')).status).toBe(200);
  });

  it('refuses a bad entry with 400 naming it, and writes nothing', async () => {
    const res = await patch({ ipAllowList: ['10.0.0.0/8', '300.1.1.1', 'example.com'] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error.param).toBe('ipAllowList.1');
    expect(body.error.message).toContain('"300.1.1.1" is not an IP address or CIDR range');
    const bad = await patch({ ipDenyList: ['10.0.0.0/33'] });
    expect(((await bad.json()) as any).error.param).toBe('ipDenyList.0');
    expect(t.core.runtime.settings.ipAllowList).toEqual([]);
    expect(t.core.runtime.settings.ipDenyList).toEqual([]);
  });

  it('in a real core loopback always passes, so nobody locks themselves out', async () => {
    const real = await startTestCore();
    try {
      await real.api('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ ipDenyList: ['127.0.0.0/8', '::1'], ipAllowList: ['192.0.2.1'] }),
      });
      expect((await from('127.0.0.1', real.core.port, 'GET', '/health')).status).toBe(200);
      expect((await from('127.0.0.2', real.core.port, 'GET', '/health')).status).toBe(200);
      expect((await real.api('/api/settings')).status).toBe(200);
    } finally {
      await real.close();
    }
  });
});
