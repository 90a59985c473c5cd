// The dashboard's client-side checks (renderer/src/lib/validate.ts).
import { describe, expect, it } from 'vitest';
import { intInRange, isIpOrCidr, isProxyUrl, isTimeZone } from '../../../renderer/src/lib/validate.js';

describe('dashboard validation', () => {
  it('accepts IPv4/IPv6 addresses and CIDR ranges', () => {
    for (const ok of [
      '10.0.0.1',
      '10.0.0.0/8',
      '192.168.1.0/24',
      '0.0.0.0/0',
      '255.255.255.255/32',
      '::1',
      '::',
      'fd00::/8',
      '2001:db8::1',
      '2001:db8:0:0:0:0:0:1/128',
      '::ffff:10.0.0.1',
      ' 10.1.2.3 ',
    ])
      expect(isIpOrCidr(ok), ok).toBe(true);
  });

  it('refuses what is not an address or a CIDR range', () => {
    for (const bad of [
      '',
      '10.0.0.0/33',
      '10.0.0',
      '10.0.0.256',
      '010.0.0.1',
      '10.0.0.1/',
      '10.0.0.1/-1',
      'fd00::/129',
      '2001:db8:::1',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      'example.com',
      '10.0.0.0/8x',
    ])
      expect(isIpOrCidr(bad), bad).toBe(false);
  });

  it('proxy URLs: http, https, socks5 with a host', () => {
    for (const ok of ['http://127.0.0.1:8080', 'https://proxy.example:3128', 'socks5://127.0.0.1:1080'])
      expect(isProxyUrl(ok), ok).toBe(true);
    for (const bad of ['', 'ftp://x', '127.0.0.1:8080', 'http://', 'socks4://h:1'])
      expect(isProxyUrl(bad), bad).toBe(false);
  });

  it('time zones and integer ranges', () => {
    expect(isTimeZone('')).toBe(true);
    expect(isTimeZone('Europe/Sofia')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(intInRange('3', 1, 1000)).toBe(true);
    expect(intInRange('0', 1, 1000)).toBe(false);
    expect(intInRange('1.5', 1, 1000)).toBe(false);
    expect(intInRange('', 0, 10)).toBe(false);
  });
});
