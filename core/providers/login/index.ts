// The coding CLIs whose own login OmniRoute passes through (SUBSCRIPTIONS.md, route 1).
// Adding one: a file here and a line in LOGINS.
import { createHash } from 'node:crypto';
import { anthropicLogin } from './anthropic.js';
import { chatgptLogin } from './chatgpt.js';
import { codeAssistLogin } from './code-assist.js';
import type { CallerLogin, HeaderGetter, LoginKind, LoginKindId } from './types.js';

export * from './types.js';
export { OAUTH_BETA, withoutOauthBeta } from './anthropic.js';
import type { WireFormat } from '../../formats/canonical.js';

export const LOGINS: Record<LoginKindId, LoginKind> = {
  anthropic: anthropicLogin,
  chatgpt: chatgptLogin,
  'code-assist': codeAssistLogin,
};

export function loginKind(id: LoginKindId): LoginKind {
  return LOGINS[id];
}

/** The caller's login of this kind on a request, with its one-way fingerprint; or undefined. */
export function callerLogin(kind: LoginKind, header: HeaderGetter): CallerLogin | undefined {
  const c = kind.credential(header);
  if (!c) return undefined;
  return {
    kind: kind.id,
    secret: c.secret,
    identity: createHash('sha256').update(c.identitySource).digest('hex').slice(0, 16),
    label: c.label,
  };
}

/**
 * The caller's own login on a request of this format, if any login kind could use it: Claude
 * Code's on Anthropic Messages, Codex's on Responses, the Gemini CLI's on Code Assist routes.
 */
export function callerLoginFor(
  format: WireFormat,
  codeAssist: boolean,
  header: HeaderGetter,
): CallerLogin | undefined {
  for (const id in LOGINS) {
    const kind = LOGINS[id as LoginKindId];
    if (kind.format !== format || (kind.id === 'code-assist') !== codeAssist) continue;
    const login = callerLogin(kind, header);
    if (login) return login;
  }
  return undefined;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and what we set ourselves. `accept-encoding` is dropped so
// the answer comes uncompressed: the gateway reads its quota signals, usage and errors.
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'accept-encoding',
  'x-omniroute-key',
]);

/** The caller's headers as its vendor should see them: all but hop-by-hop ones and our key. */
export function forwardedLoginHeaders(
  incoming: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const connectionTokens = String(incoming.connection ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const k in incoming) {
    if (NOT_FORWARDED.has(k) || connectionTokens.includes(k)) continue;
    const v = incoming[k];
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The vendor answer's headers its CLI reads itself (usage warnings), to pass back with the answer. */
export function loginAnswerHeaders(
  kind: LoginKind,
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) {
    const v = headers[k];
    if (v !== undefined && kind.answerHeaders.test(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/**
 * Where a caller's own credential may be sent: its vendor's host (over HTTPS), or this machine
 * (a local fake or debugging proxy). Anything else would hand the login to a third party.
 */
export function credentialTargetProblem(url: string, vendorBaseUrl: string): string | undefined {
  let u: URL;
  let vendor: URL;
  try {
    u = new URL(url);
    vendor = new URL(vendorBaseUrl);
  } catch {
    return 'is not a URL';
  }
  if (LOOPBACK.test(u.hostname)) return undefined;
  if (u.hostname === vendor.hostname && u.protocol === 'https:') return undefined;
  return `must be the vendor's own host (${vendor.origin}) or this machine: the caller's credential is sent there`;
}

/** The text with every occurrence of the caller's credential replaced: for logs and errors. */
export function redactLogin(text: string, login: CallerLogin | undefined): string {
  if (!login || !text || login.secret.length < 8) return text;
  return text.split(login.secret).join('[redacted]');
}
