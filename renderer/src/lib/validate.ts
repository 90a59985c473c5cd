// Client-side checks that mirror the core's, so a typo is caught before the round trip. The
// core validates again and its message is shown when it refuses.

function ipv4(s: string): boolean {
  const parts = s.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || !p.startsWith('0')))
  );
}

function ipv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.includes(':::')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h ? h.split(':') : []);
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  // An embedded IPv4 address (::ffff:10.0.0.1) counts as two groups and must come last.
  let count = all.length;
  const last = all[all.length - 1];
  if (last?.includes('.')) {
    if (!ipv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** An IPv4 or IPv6 address, optionally with a /prefix (CIDR): 10.0.0.0/8, fd00::/8, ::1. */
export function isIpOrCidr(value: string): boolean {
  const s = value.trim();
  const slash = s.indexOf('/');
  const addr = slash === -1 ? s : s.slice(0, slash);
  const prefix = slash === -1 ? undefined : s.slice(slash + 1);
  const v4 = ipv4(addr);
  const v6 = !v4 && ipv6(addr);
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}

/** A proxy URL the core accepts: http://, https://, socks5:// (or socks5h://) with a host. */
export function isProxyUrl(value: string): boolean {
  const s = value.trim();
  if (!/^(https?|socks5h?):\/\/[^\s/]/i.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone this browser knows ('' is "this machine's"). */
export function isTimeZone(value: string): boolean {
  if (!value) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the browser lists (empty where Intl.supportedValuesOf is missing). */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** A whole number in [min, max] (a number field's text). */
export function intInRange(value: string, min: number, max: number): boolean {
  if (!/^-?\d+$/.test(value.trim())) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/** A host name or address without a port, as settings.allowedHosts takes it (laptop.lan, 192.168.1.20, [fd00::1]). */
export function isHostName(value: string): boolean {
  const s = value.trim();
  if (!s || s.length > 253 || !/^[A-Za-z0-9.\-:[\]]+$/.test(s)) return false;
  // A colon outside brackets is a port (or a bare IPv6 address, which the core takes too).
  if (s.startsWith('[')) return /^\[[0-9A-Fa-f:.]+\]$/.test(s);
  return !s.includes('[') && !s.includes(']') && (!s.includes(':') || s.split(':').length > 2);
}

/** A web origin as settings.corsOrigins takes it: scheme://host[:port], no path. */
export function isOrigin(value: string): boolean {
  return /^https?:\/\/[^/\s]+$/.test(value.trim());
}
