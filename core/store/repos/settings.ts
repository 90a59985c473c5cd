import { z } from 'zod';
import type { Db } from '../db.js';
import { parseJson } from '../json.js';
import { parseIpRange } from '../../util/cidr.js';
import { STRATEGIES } from './combos.js';
import { ProxyUrl } from '../../util/proxy-url.js';

const ipEntry = z
  .string()
  .min(1)
  .refine((s) => parseIpRange(s) !== undefined, {
    error: (iss) =>
      `"${String(iss.input)}" is not an IP address or CIDR range (e.g. 192.168.1.20, 10.0.0.0/8, fd00::/8)`,
  });

/** Every setting with its default. Unknown keys are refused, so a typo is an error, not a no-op. */
export const SettingsSchema = z
  .object({
    requireApiKey: z.boolean().default(false).describe('Require a gateway API key on /v1 even on loopback.'),
    activeCombo: z
      .string()
      .nullable()
      .default(null)
      .describe('The combo the tray switches; served for `activeComboAlias`.'),
    activeComboAlias: z
      .string()
      .min(1)
      .default('auto')
      .describe('The model name that means "the active combo".'),
    offlineMode: z.boolean().default(false).describe('Only local providers are tried.'),
    builtinPrefixes: z
      .boolean()
      .default(true)
      .describe(
        "Built-in providers also answer to the prefixes people know from other gateways (`ds/` for deepseek, `gh/` for github-models, `or/` for openrouter; docs/providers.md lists them). Off: only each provider's id is a prefix.",
      ),
    bodyLimitMb: z
      .number()
      .positive()
      .max(1024)
      .default(32)
      .describe('Largest request body accepted on /v1, in MB.'),
    uploadLimitMb: z
      .number()
      .positive()
      .max(1024)
      .default(25)
      .describe(
        'Largest file upload (multipart: /v1/audio/transcriptions, /v1/audio/translations, /v1/images/edits) accepted, in MB; larger answers 413. Uploads are spooled to a temporary file, never held in memory.',
      ),
    debugLogging: z.boolean().default(false).describe('Keep request bodies in the request log.'),
    modelListCombosOnly: z
      .boolean()
      .default(false)
      .describe(
        "GET /v1/models (and /v1beta/models) lists only the active-combo alias, combos and aliases, not every provider's models, so a coding tool's model picker offers only names that fall back. Any model can still be requested by name.",
      ),
    breakerFailureThreshold: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe(
        "Consecutive upstream failures (connection errors, timeouts, 5xx) that open an account's circuit.",
      ),
    breakerCoolDownMs: z
      .number()
      .int()
      .min(100)
      .max(3_600_000)
      .default(30_000)
      .describe(
        'How long an open circuit waits before a trial request (doubles on repeated opens, with jitter).',
      ),
    roundRobinStickyFor: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(3)
      .describe('Round-robin: consecutive requests that stay on one account or step before moving on.'),
    proxy: ProxyUrl.nullable()
      .default(null)
      .describe(
        "Global upstream proxy. A connection's or provider's own proxy wins; HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (and NO_PROXY) are used when none is set.",
      ),
    systemPrompt: z
      .string()
      .max(100_000)
      .default('')
      .describe("Added to every request's system prompt (empty: nothing is added)."),
    systemPromptPosition: z
      .enum(['prepend', 'append'])
      .default('prepend')
      .describe("Whether the global system prompt goes before or after the caller's own."),
    thinkingMode: z
      .enum(['passthrough', 'auto', 'custom', 'adaptive'])
      .default('passthrough')
      .describe(
        "passthrough: the caller's reasoning settings as sent; auto: the provider decides (budgets removed); custom: every request gets thinkingBudgetTokens; adaptive: a budget scaled to the request's size.",
      ),
    thinkingBudgetTokens: z
      .number()
      .int()
      .min(0)
      .max(200_000)
      .default(8192)
      .describe('The reasoning budget for thinkingMode custom, and the ceiling for adaptive.'),
    cacheEnabled: z
      .boolean()
      .default(true)
      .describe(
        'Answer identical non-streamed temperature-0 requests from memory. A request with `Cache-Control: no-cache`, `X-OmniRoute-Cache: bypass` or `X-OmniRoute-No-Cache: true` always goes upstream.',
      ),
    cacheTtlSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(300)
      .describe('How long a cached answer is served.'),
    cacheMaxMb: z.number().min(1).max(4096).default(64).describe('Memory the response cache may use.'),
    idempotencyWindowMs: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(5000)
      .describe(
        "A request repeating an Idempotency-Key or X-Request-Id within this window gets the first one's answer instead of a second upstream call (0: off).",
      ),
    ipAllowList: z
      .array(ipEntry)
      .default([])
      .describe('Addresses or CIDR ranges that may connect (empty: any). Loopback is always allowed.'),
    ipDenyList: z
      .array(ipEntry)
      .default([])
      .describe('Addresses or CIDR ranges that are refused, even when also allowed.'),
    lanExposure: z
      .boolean()
      .default(false)
      .describe(
        'Listen on every interface (0.0.0.0) from the next start, so other machines can use the gateway. Gateway keys are then always required.',
      ),
    budgetTimeZone: z
      .string()
      .default('')
      .describe("IANA time zone in which budget days, weeks and months start (empty: this machine's)."),
    allowedHosts: z
      .array(
        z
          .string()
          .min(1)
          .max(253)
          .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address, without port'),
      )
      .default([])
      .describe(
        'Host names the gateway and dashboard answer to besides loopback, `localhost` and the bound address (e.g. a LAN name). Any other Host header is refused: it is a rebound DNS name.',
      ),
    corsOrigins: z
      .array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin: scheme://host[:port], no path'))
      .default([])
      .describe(
        'Web origins whose pages may call /v1 from a browser (CORS). Any other cross-site browser request is refused; coding agents, SDKs and curl are not browsers and are not affected.',
      ),
    logBodyMaxKb: z
      .number()
      .int()
      .min(1)
      .max(10_240)
      .default(256)
      .describe(
        'Most of a request body the request log keeps (debug logging), in KB; the rest is cut with a marker.',
      ),
    logErrorMaxChars: z
      .number()
      .int()
      .min(200)
      .max(100_000)
      .default(4000)
      .describe(
        "Most characters of an error text the request log keeps (the row's and each attempt's); the rest is cut with a marker.",
      ),
    logRetentionDays: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(30)
      .describe(
        'Request-log rows older than this many days are deleted in the background (0: kept forever). Rows a budget or quota window still counts (the last 32 days) keep their numbers but lose error texts and bodies.',
      ),
    logMaxDbMb: z
      .number()
      .int()
      .min(0)
      .max(1_048_576)
      .default(1024)
      .describe(
        'Largest size of the database file and its write-ahead log, in MB; above it, the oldest request-log rows are deleted in the background until it is back under (0: no limit).',
      ),
    firstByteTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(3_600_000)
      .default(45_000)
      .describe(
        "Streamed requests: how long an upstream may take to send its response head before the next combo step is tried. OpenAI and Anthropic streams open at once, so this is short; Gemini and local providers, whose stream opens only when the model has something to say, wait answerTimeoutMs instead. A provider's own timeouts.firstByteMs wins.",
      ),
    answerTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(3_600_000)
      .default(600_000)
      .describe(
        "Non-streamed requests (and streams of Gemini and local providers): how long an upstream may take to answer, since its head comes only with the answer. A provider's own timeouts.answerMs wins.",
      ),
    stallTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(3_600_000)
      .default(300_000)
      .describe(
        "Longest silence between two chunks of an answer that has started; the answer then ends with an error. Reasoning models may think for minutes without sending anything on some wire formats. A provider's own timeouts.stallMs wins.",
      ),
    requestBodyTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(600_000)
      .default(60_000)
      .describe('How long a caller may take to send its request body; then it gets a 408.'),
    maxConnections: z
      .number()
      .int()
      .min(16)
      .max(100_000)
      .default(1024)
      .describe(
        'Most client connections open at once; more are closed as soon as they open. Applies to the next connection.',
      ),
    globalFallback: z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe(
        'A combo tried when a request names a plain model (not a combo) that no provider serves, or whose every route fails before the first byte. null: off (such a request gets its 404 or error). The request log marks the requests it served.',
      ),
    defaultComboStrategy: z
      .enum(STRATEGIES)
      .default('fill-first')
      .describe('The strategy of a combo created or replaced without one.'),
    onboarded: z
      .boolean()
      .default(false)
      .describe("The dashboard's first-run wizard was finished or skipped."),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

/**
 * Some settings, for PATCH and the config file. Not `SettingsSchema.partial()`: zod 4 still
 * applies a default under `.optional()`, so a patch of one key would reset every other key.
 */
export const SettingsPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(SettingsSchema.shape).map(([k, v]) => {
        const inner = v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType);
        return [k, (v.description ? inner.describe(v.description) : inner).optional()];
      }),
    ) as { [K in keyof Settings]: z.ZodOptional<z.ZodType<Settings[K]>> },
  )
  .strict();
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export class SettingsRepo {
  constructor(private readonly db: Db) {}

  all(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as Array<{
      key: string;
      value: string;
    }>;
    const stored: Record<string, unknown> = {};
    for (const r of rows)
      if (Object.hasOwn(DEFAULT_SETTINGS, r.key)) stored[r.key] = parseJson(r.value, undefined);
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  /** Writes the given keys; returns the names that actually changed. */
  patch(patch: Partial<Settings>, now = Date.now()): string[] {
    const current = this.all();
    const changed: string[] = [];
    const stmt = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at',
    );
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) continue;
        if (JSON.stringify(current[k as keyof Settings]) === JSON.stringify(v)) continue;
        stmt.run(k, JSON.stringify(v), now);
        changed.push(k);
      }
    })();
    return changed;
  }
}

/** Internal values that are not user settings (password hash): kept apart from the schema above. */
export class InternalValuesRepo {
  constructor(private readonly db: Db) {}
  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(`_internal.${key}`) as
      { value: string } | undefined;
    return row ? (parseJson<string | undefined>(row.value, undefined) ?? undefined) : undefined;
  }
  set(key: string, value: string | null, now = Date.now()): void {
    if (value === null) {
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(`_internal.${key}`);
      return;
    }
    this.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at',
      )
      .run(`_internal.${key}`, JSON.stringify(value), now);
  }
}
