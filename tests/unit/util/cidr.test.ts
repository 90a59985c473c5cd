import { describe, expect, it } from 'vitest';
import {
  IpMatcher,
  isLoopbackAddress,
  normalizeAddress,
  parseIp,
  parseIpRange,
} from '../../../core/util/cidr.js';

const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : undefined);

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', '00000000000000000000ffff01020304'],
    ['::ffff:1.2.3.4', '00000000000000000000ffff01020304'],
    ['::1', '00000000000000000000000000000001'],
    ['::', '00000000000000000000000000000000'],
    ['1::', '00010000000000000000000000000000'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['2001:db8::8a2e:370:7334', '20010db80000000000008a2e03707334'],
    ['64:ff9b::10.0.0.1', '0064ff9b00000000000000000a000001'],
  ])('%s', (s, expected) => expect(hex(parseIp(s))).toBe(expected));

  it('refuses what is not an address', () => {
    for (const s of ['', 'localhost', '1.2.3', '256.1.1.1', '1:2:3:4:5:6:7:8:9', '::g', '10.0.0.0/8'])
      expect(parseIp(s), s).toBeUndefined();
  });
});

describe('normalizeAddress', () => {
  it('turns IPv4-mapped IPv6 into IPv4 and drops zones and brackets', () => {
    expect(normalizeAddress('::ffff:192.168.1.9')).toBe('192.168.1.9');
    expect(normalizeAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('[::1]')).toBe('::1');
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
  });
});

describe('parseIpRange', () => {
  it('accepts addresses and CIDR ranges of both families', () => {
    expect(parseIpRange('10.0.0.0/8')?.bits).toBe(104);
    expect(parseIpRange('192.168.1.5')?.bits).toBe(128);
    expect(parseIpRange('fd00::/8')?.bits).toBe(8);
    expect(parseIpRange('::/0')?.bits).toBe(0);
    expect(parseIpRange(' 10.0.0.1 / 32 ')?.bits).toBe(128);
  });
  it('refuses bad prefixes and names', () => {
    for (const s of ['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', 'example.com', '*'])
      expect(parseIpRange(s), s).toBeUndefined();
  });
});

describe('IpMatcher', () => {
  const m = new IpMatcher(['10.0.0.0/8', '2001:db8::/32', '192.168.1.5', 'fe80::/10', '172.16.0.0/12']);
  it.each([
    ['10.3.4.5', true],
    ['::ffff:10.3.4.5', true],
    ['11.0.0.1', false],
    ['9.255.255.255', false],
    ['2001:db8:1::1', true],
    ['2001:db9::1', false],
    ['192.168.1.5', true],
    ['192.168.1.6', false],
    ['fe80::1%eth0', true],
    ['febf::1', true],
    ['fec0::1', false],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    ['not-an-ip', false],
  ])('%s → %s', (addr, expected) => expect(m.has(addr)).toBe(expected));

  it('keeps the families apart: 0.0.0.0/0 is every IPv4 address, not every address', () => {
    expect(new IpMatcher(['0.0.0.0/0']).has('8.8.8.8')).toBe(true);
    expect(new IpMatcher(['0.0.0.0/0']).has('2001::1')).toBe(false);
    expect(new IpMatcher(['::/0']).has('2001::1')).toBe(true);
  });

  it('masks host bits written into a range', () => {
    expect(new IpMatcher(['10.1.2.3/8']).has('10.200.0.1')).toBe(true);
  });

  it('is empty for an empty list', () => {
    expect(new IpMatcher([]).has('10.0.0.1')).toBe(false);
    expect(new IpMatcher([]).size).toBe(0);
  });
});

describe('isLoopbackAddress', () => {
  it('is 127.0.0.0/8 and ::1 in any spelling', () => {
    for (const a of [
      '127.0.0.1',
      '127.0.0.2',
      '127.255.255.254',
      '::1',
      '::ffff:127.0.0.1',
      '0:0:0:0:0:0:0:1',
    ])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['128.0.0.1', '10.0.0.1', '::2', '::', 'localhost'])
      expect(isLoopbackAddress(a), a).toBe(false);
  });
});
