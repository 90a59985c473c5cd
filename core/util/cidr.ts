import { isIPv4, isIPv6 } from 'node:net';

// Addresses and ranges are compared as 16 bytes: IPv4 lives in the IPv4-mapped block
// (::ffff:0:0/96), so "10.0.0.0/8" and a peer seen as "::ffff:10.1.2.3" compare equal.

/** An address as the socket reports it, in the form lists are written in: IPv4-mapped IPv6 as IPv4, no zone, no brackets. */
export function normalizeAddress(addr: string): string {
  let a = addr.startsWith('[') && addr.endsWith(']') ? addr.slice(1, -1) : addr;
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  if (a.length > 7 && a.charCodeAt(0) === 58 /* : */ && /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a))
    a = a.slice(7);
  return a.toLowerCase();
}

function v4Bytes(s: string, out: Uint8Array): void {
  out[10] = 0xff;
  out[11] = 0xff;
  const parts = s.split('.');
  for (let i = 0; i < 4; i++) out[12 + i] = Number(parts[i]);
}

/** 16 bytes, or undefined when `s` is not an IP literal. */
export function parseIp(s: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  if (isIPv4(s)) {
    v4Bytes(s, out);
    return out;
  }
  if (!isIPv6(s)) return undefined;
  let text = s;
  // A dotted tail ("::ffff:1.2.3.4") is two 16-bit groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const p = tail.split('.').map(Number);
    const hex = (n: number) => n.toString(16);
    text = `${text.slice(0, lastColon + 1)}${hex((p[0]! << 8) | p[1]!)}:${hex((p[2]! << 8) | p[3]!)}`;
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const dbl = text.indexOf('::');
  let words: number[];
  if (dbl >= 0) {
    const head = groups(text.slice(0, dbl));
    const rest = groups(text.slice(dbl + 2));
    words = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  } else words = groups(text);
  if (words.length !== 8) return undefined;
  for (let i = 0; i < 8; i++) {
    out[i * 2] = words[i]! >> 8;
    out[i * 2 + 1] = words[i]! & 0xff;
  }
  return out;
}

export interface IpRange {
  bytes: Uint8Array;
  /** Leading bits that must match, out of 128. */
  bits: number;
}

/** "10.0.0.0/8", "fd00::/8", "192.168.1.5", "::1"; undefined when it is none of these. */
export function parseIpRange(entry: string): IpRange | undefined {
  const slash = entry.indexOf('/');
  const addr = normalizeAddress(slash < 0 ? entry.trim() : entry.slice(0, slash).trim());
  const bytes = parseIp(addr);
  if (!bytes) return undefined;
  const v4 = isIPv4(addr);
  const max = v4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = entry.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined;
    prefix = Number(p);
  }
  return { bytes, bits: v4 ? 96 + prefix : prefix };
}

function inRange(addr: Uint8Array, r: IpRange): boolean {
  const full = r.bits >> 3;
  for (let i = 0; i < full; i++) if (addr[i] !== r.bytes[i]) return false;
  const rem = r.bits & 7;
  if (rem === 0) return true;
  const mask = (0xff << (8 - rem)) & 0xff;
  return (addr[full]! & mask) === (r.bytes[full]! & mask);
}

/** A list of addresses and CIDR ranges, parsed once. Entries that do not parse are ignored (validate first). */
export class IpMatcher {
  private readonly ranges: IpRange[];

  constructor(entries: readonly string[]) {
    this.ranges = entries.map(parseIpRange).filter((r): r is IpRange => r !== undefined);
  }

  get size(): number {
    return this.ranges.length;
  }

  /** `addr` as the socket reports it (normalised here). False for anything that is not an IP. */
  has(addr: string): boolean {
    if (this.ranges.length === 0) return false;
    const bytes = parseIp(normalizeAddress(addr));
    if (!bytes) return false;
    for (const r of this.ranges) if (inRange(bytes, r)) return true;
    return false;
  }
}

const LOOPBACK = new IpMatcher(['127.0.0.0/8', '::1']);

/** 127.0.0.0/8 and ::1, in any spelling (IPv4-mapped too). */
export function isLoopbackAddress(addr: string): boolean {
  return LOOPBACK.has(addr);
}
