import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CoreEvents } from '../../../core/runtime/events.js';
import type { Runtime } from '../../../core/runtime/runtime.js';
import { IpFilter, ipGate } from '../../../core/server/ip-filter.js';

// The filter and the gate with made-up peer addresses (IPv6, IPv4-mapped, remote networks)
// that a test on one machine cannot produce with real sockets.

function fakeRuntime(lists: { ipAllowList?: string[]; ipDenyList?: string[] }) {
  const rt = {
    settings: { ipAllowList: [], ipDenyList: [], ...lists },
    events: new CoreEvents(),
  };
  return {
    rt: rt as unknown as Runtime,
    set(next: { ipAllowList?: string[]; ipDenyList?: string[] }) {
      rt.settings = { ...rt.settings, ...next };
      rt.events.emit('config-changed', { what: 'settings' });
    },
  };
}

function call(gate: ReturnType<typeof ipGate>, remoteAddress: string, url: string) {
  const out: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
  const req = { url, headers: {}, socket: { remoteAddress } } as unknown as IncomingMessage;
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      out.status = status;
      out.headers = headers;
      return this;
    },
    end(body: string) {
      out.body = body;
    },
  } as unknown as ServerResponse;
  const handled = gate(req, res);
  return { handled, ...out, json: out.body ? JSON.parse(out.body) : undefined };
}

describe('IpFilter', () => {
  it('denies by CIDR, with IPv4-mapped IPv6 peers normalised', () => {
    const { rt } = fakeRuntime({ ipDenyList: ['10.0.0.0/8', '2001:db8::/32'] });
    const f = new IpFilter(rt);
    expect(f.allows('10.1.2.3')).toBe(false);
    expect(f.allows('::ffff:10.1.2.3')).toBe(false);
    expect(f.allows('2001:db8::5')).toBe(false);
    expect(f.allows('192.168.0.9')).toBe(true);
    expect(f.allows('::ffff:192.168.0.9')).toBe(true);
  });

  it('an allow list admits only its ranges; deny wins; loopback always passes unless told otherwise', () => {
    const { rt } = fakeRuntime({ ipAllowList: ['192.168.1.0/24', 'fd00::/8'], ipDenyList: ['192.168.1.66'] });
    const f = new IpFilter(rt);
    expect(f.allows('192.168.1.20')).toBe(true);
    expect(f.allows('::ffff:192.168.1.20')).toBe(true);
    expect(f.allows('fd12::1')).toBe(true);
    expect(f.allows('192.168.1.66')).toBe(false);
    expect(f.allows('192.168.2.1')).toBe(false);
    expect(f.allows('127.0.0.1')).toBe(true);
    expect(f.allows('::1')).toBe(true);
    expect(f.allows('::ffff:127.0.0.1')).toBe(true);
    const strict = new IpFilter(rt, { trustLoopback: false });
    expect(strict.allows('127.0.0.1')).toBe(false);
  });

  it('follows config changes (lists parsed again only when they change)', () => {
    const s = fakeRuntime({});
    const f = new IpFilter(s.rt);
    expect(f.allows('203.0.113.9')).toBe(true);
    s.set({ ipDenyList: ['203.0.113.0/24'] });
    expect(f.allows('203.0.113.9')).toBe(false);
    s.set({ ipDenyList: [] });
    expect(f.allows('203.0.113.9')).toBe(true);
  });

  it('no address (socket already gone) passes only when there are no lists', () => {
    expect(new IpFilter(fakeRuntime({}).rt).allows(undefined)).toBe(true);
    expect(new IpFilter(fakeRuntime({ ipDenyList: ['10.0.0.1'] }).rt).allows(undefined)).toBe(false);
  });
});

describe('ipGate', () => {
  const gate = ipGate(new IpFilter(fakeRuntime({ ipDenyList: ['198.51.100.0/24'] }).rt));

  it('passes allowed peers on without writing', () => {
    const r = call(gate, '::ffff:203.0.113.1', '/v1/chat/completions');
    expect(r.handled).toBe(false);
    expect(r.status).toBeUndefined();
  });

  it.each([
    ['/v1/chat/completions', (b: any) => expect(b.error.type).toBe('permission_error')],
    ['/v1/responses?x=1', (b: any) => expect(b.error.type).toBe('permission_error')],
    [
      '/v1/messages',
      (b: any) => expect(b).toMatchObject({ type: 'error', error: { type: 'permission_error' } }),
    ],
    [
      '/v1beta/models/x:generateContent',
      (b: any) => expect(b.error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' }),
    ],
    ['/api/settings', (b: any) => expect(Object.keys(b.error)).toEqual(['message'])],
    ['/', (b: any) => expect(b.error.message).toContain('198.51.100.7')],
  ])('refuses %s with 403 in the right shape', (url, check) => {
    const r = call(gate, '::ffff:198.51.100.7', url);
    expect(r.handled).toBe(true);
    expect(r.status).toBe(403);
    expect(r.headers?.['x-request-id']).toBeTruthy();
    expect(JSON.stringify(r.json)).toContain('198.51.100.7');
    check(r.json);
  });
});
