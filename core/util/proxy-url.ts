import { z } from 'zod';

// Proxy URLs may carry credentials (`http://user:pass@host:port`). They are stored sealed
// (core/store/sealed-proxy.ts), and whatever leaves the process — API responses, exports
// without secrets, log lines — shows `***@` in their place. A masked value sent back unchanged
// (the dashboard's round trip) means "keep what is stored".

/** An upstream proxy URL: the schemes core/gateway/proxy.ts can dial. */
export const ProxyUrl = z
  .string()
  .regex(/^(https?|socks5h?):\/\//, 'a proxy URL: http://, https:// or socks5://');

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

export function maskProxyUrl(url: string): string;
export function maskProxyUrl(url: string | null | undefined): string | null | undefined;
export function maskProxyUrl(url: string | null | undefined): string | null | undefined {
  return url ? url.replace(USERINFO, '$1***@') : url;
}

export function isMaskedProxyUrl(url: string | null | undefined): boolean {
  return typeof url === 'string' && /^[a-z][a-z0-9+.-]*:\/\/\*\*\*@/i.test(url);
}

/**
 * The value to store for an incoming proxy URL: itself, or — when it is the masked form of
 * what is stored — the stored value. `undefined` for a masked value that matches nothing,
 * which callers treat as "leave the stored value alone".
 */
export function unmaskProxyUrl(
  incoming: string | null | undefined,
  current: string | null | undefined,
): string | null | undefined {
  if (!isMaskedProxyUrl(incoming)) return incoming;
  return current && maskProxyUrl(current) === incoming ? current : undefined;
}

/** host:port of a proxy URL, for log lines and error messages (never the credentials). */
export function proxyLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return maskProxyUrl(url);
  }
}

/**
 * What of a proxy URL's credentials may show up in an error text: the password (as written and
 * decoded), the Basic token built from them, and the user name when it is the only credential
 * (`http://token@host`). Empty for a URL without credentials. For redaction (redact-secrets.ts).
 */
export function proxySecrets(url: string | null | undefined): string[] {
  if (!url) return [];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not parseable: whatever sits between `://` and the last `@` of the authority.
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url);
    return m ? [m[1]!, ...m[1]!.split(':').slice(1)] : [];
  }
  if (!u.username && !u.password) return [];
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const user = decode(u.username);
  const pass = decode(u.password);
  const out = new Set<string>([Buffer.from(`${user}:${pass}`).toString('base64'), `${user}:${pass}`]);
  if (pass) out.add(pass).add(u.password);
  else out.add(user).add(u.username);
  return [...out].filter(Boolean);
}
