import type { WireFormat } from '../../formats/canonical.js';

/** Where a caller's own login is accepted: Claude Code, Codex (ChatGPT login), Gemini CLI. */
export const LOGIN_KINDS = ['anthropic', 'chatgpt', 'code-assist'] as const;
export type LoginKindId = (typeof LOGIN_KINDS)[number];

export type HeaderGetter = (name: string) => string | undefined;

/** The caller's vendor credential, as found on one request. Never stored, never logged. */
export interface CallerLogin {
  kind: LoginKindId;
  /** The credential itself: forwarded to the vendor only, and redacted from any text we keep. */
  secret: string;
  /** One-way fingerprint (sha-256, shortened): names the login in quota data and lockouts. */
  identity: string;
  /** What the vendor reveals, for people: "ChatGPT plus · acct-…", "Claude Code login". */
  label: string;
}

/** One quota window of a plan, exactly as the vendor reported it on an answer. */
export interface PlanWindowReading {
  /** Stable per login: `5h`, `7d`, `7d_opus`, `primary`, `gemini-2.5-pro` … */
  id: string;
  label: string;
  /** 0–100. */
  usedPct: number;
  /** Epoch ms of the window's reset, when the vendor says. */
  resetsAt?: number;
  /** Length of the window, when known (forecasts use it before two readings exist). */
  windowMs?: number;
  /** The vendor's own word for the window: allowed, allowed_warning, rejected. */
  status?: string;
}

/** What one answer says about the login's plan. */
export interface PlanReading {
  windows: PlanWindowReading[];
  /**
   * The plan (or, with `modelOnly`, this model of it) is used up: skip the login until then.
   * Set only on the vendor's "exhausted" signals, never on an ordinary rate limit.
   */
  exhaustedUntil?: number;
  modelOnly?: boolean;
  /** Why, in the vendor's terms, for the log and the skip reason. */
  reason?: string;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * One vendor whose coding CLI keeps its own login through OmniRoute. Everything we know of the
 * vendor's login traffic lives in its file: how its credential looks, where it is forwarded,
 * and how its quota signals read.
 */
export interface LoginKind {
  id: LoginKindId;
  /** For people: "Claude Code login". */
  name: string;
  /** The caller's wire format; a request of any other format never carries this login. */
  format: WireFormat;
  defaultBaseUrl: string;
  defaultModels: string[];
  /** The caller's credential on this request, or undefined (then the login step is skipped). */
  credential(header: HeaderGetter): { secret: string; identitySource: string; label: string } | undefined;
  /**
   * Answer headers the caller's CLI reads itself (its own usage warnings): passed back to it on
   * a login step's answer.
   */
  answerHeaders: RegExp;
  /** The vendor's URL for the caller's path and query (`/v1/responses` → `<base>/responses`). */
  upstreamUrl(baseUrl: string, callerUrl: string): string;
  /** Reads the plan's windows and the "exhausted" signal off an answer (any status). */
  readPlan(input: { status: number; headers: HeaderBag; body?: unknown }, nowMs: number): PlanReading;
}

export function headerOf(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function numberOf(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** A percentage for people: 0–100, to a hundredth (0.1 · 100 is not 10 in floating point). */
export function pct(value: number): number {
  return Math.round(Math.max(0, Math.min(100, value)) * 100) / 100;
}

/** The caller's path and query on the vendor's host (`base` may end in a slash). */
export function onVendorBase(base: string, callerUrl: string): string {
  return base.replace(/\/+$/, '') + callerUrl;
}

export function bearerOf(header: HeaderGetter): string | undefined {
  const auth = header('authorization');
  if (!auth) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  return m ? m[1] : undefined;
}

/** The body of an error answer, parsed when it is JSON text. */
export function parsedBody(body: unknown): Record<string, unknown> | undefined {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(b)) b = b[0];
  return typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : undefined;
}
