import { describe, expect, it } from 'vitest';
import { effectiveProxy, parseNoProxy, readEnvProxies } from '../../../core/gateway/proxy.js';
import { redact } from '../../../core/util/logger.js';
import { isMaskedProxyUrl, maskProxyUrl, unmaskProxyUrl } from '../../../core/util/proxy-url.js';

describe('NO_PROXY', () => {
  const bypass = parseNoProxy(
    'example.com, .corp.internal *.svc  10.0.0.0/8,192.168.1.7 ,api.test:8443,[fd00::1]:9000',
  );
  it.each([
    ['example.com', 443, true],
    ['api.example.com', 443, true],
    ['notexample.com', 443, false],
    ['corp.internal', 80, true],
    ['git.corp.internal', 80, true],
    ['a.b.svc', 80, true],
    ['10.20.30.40', 80, true],
    ['11.0.0.1', 80, false],
    ['192.168.1.7', 80, true],
    ['192.168.1.8', 80, false],
    ['api.test', 8443, true],
    ['api.test', 443, false],
    ['[fd00::1]', 9000, true],
    ['fd00::1', 9001, false],
    ['EXAMPLE.COM', 443, true],
  ])('%s:%s → %s', (host, port, expected) => expect(bypass(host, port)).toBe(expected));

  it('`*` bypasses everything; empty bypasses nothing', () => {
    expect(parseNoProxy('*')('anything.example', 443)).toBe(true);
    expect(parseNoProxy('')('anything.example', 443)).toBe(false);
  });
});

describe('proxy environment variables', () => {
  it('lower case first, scheme-less values are http, unsupported schemes are ignored', () => {
    const env = readEnvProxies({
      http_proxy: 'proxy.corp:3128',
      HTTP_PROXY: 'http://upper:1',
      HTTPS_PROXY: 'https://secure.corp:443',
      ALL_PROXY: 'socks4://old:1080',
    });
    expect(env.http).toBe('http://proxy.corp:3128');
    expect(env.https).toBe('https://secure.corp:443');
    expect(env.all).toBeUndefined();
  });
});

describe('effectiveProxy: connection → provider → global → environment', () => {
  const env = readEnvProxies({
    HTTPS_PROXY: 'http://env-https:1',
    HTTP_PROXY: 'http://env-http:1',
    ALL_PROXY: 'socks5://env-all:1',
    NO_PROXY: 'direct.example',
  });
  const noHttp = readEnvProxies({ ALL_PROXY: 'socks5://env-all:1' });
  const all = { connection: 'http://conn:1', provider: 'http://prov:1', global: 'http://glob:1' };

  it('takes the most specific one that is set', () => {
    expect(effectiveProxy('https://api.example/v1', all, env)).toBe('http://conn:1');
    expect(effectiveProxy('https://api.example/v1', { ...all, connection: undefined }, env)).toBe(
      'http://prov:1',
    );
    expect(effectiveProxy('https://api.example/v1', { global: 'http://glob:1' }, env)).toBe('http://glob:1');
    expect(effectiveProxy('https://api.example/v1', {}, env)).toBe('http://env-https:1');
    expect(effectiveProxy('http://api.example/v1', {}, env)).toBe('http://env-http:1');
    expect(effectiveProxy('http://api.example/v1', {}, noHttp)).toBe('socks5://env-all:1');
  });

  it('NO_PROXY only exempts from the environment, not from what the user configured', () => {
    expect(effectiveProxy('https://direct.example/v1', {}, env)).toBeUndefined();
    expect(effectiveProxy('https://x.direct.example/v1', {}, env)).toBeUndefined();
    expect(effectiveProxy('https://direct.example/v1', { global: 'http://glob:1' }, env)).toBe(
      'http://glob:1',
    );
  });

  it('global and environment proxies never carry loopback traffic; an account or provider proxy does', () => {
    for (const base of ['http://127.0.0.1:11434/v1', 'http://localhost:1234/v1', 'http://[::1]:8080/v1'])
      expect(effectiveProxy(base, { global: 'http://glob:1' }, env), base).toBeUndefined();
    expect(effectiveProxy('http://127.0.0.1:11434/v1', { connection: 'socks5://c:1' }, env)).toBe(
      'socks5://c:1',
    );
    expect(effectiveProxy('http://127.0.0.1:11434/v1', { provider: 'http://p:1' }, env)).toBe('http://p:1');
  });
});

describe('masking proxy credentials', () => {
  it('replaces user:password with *** and leaves credential-less URLs alone', () => {
    expect(maskProxyUrl('http://user:p%40ss@proxy:3128')).toBe('http://***@proxy:3128');
    expect(maskProxyUrl('socks5h://token@proxy:1080')).toBe('socks5h://***@proxy:1080');
    expect(maskProxyUrl('http://proxy:3128/path@x')).toBe('http://proxy:3128/path@x');
    expect(maskProxyUrl('http://proxy:3128')).toBe('http://proxy:3128');
    expect(maskProxyUrl(null)).toBeNull();
    expect(isMaskedProxyUrl('http://***@proxy:3128')).toBe(true);
  });
  it('the logger scrubs credentials from any URL that still reaches it', () => {
    const line = redact('via socks5h://user:hunter2-canary@10.0.0.1:1080 and http://tok-canary@proxy:3128');
    expect(line).not.toContain('hunter2-canary');
    expect(line).not.toContain('tok-canary');
  });
  it('a masked value sent back keeps the stored one only when it is that one’s mask', () => {
    expect(unmaskProxyUrl('http://***@proxy:3128', 'http://u:p@proxy:3128')).toBe('http://u:p@proxy:3128');
    expect(unmaskProxyUrl('http://***@other:3128', 'http://u:p@proxy:3128')).toBeUndefined();
    expect(unmaskProxyUrl('http://new:pw@proxy:3128', 'http://u:p@proxy:3128')).toBe(
      'http://new:pw@proxy:3128',
    );
    expect(unmaskProxyUrl(null, 'http://u:p@proxy:3128')).toBeNull();
  });
});
