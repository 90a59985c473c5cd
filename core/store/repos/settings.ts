import { z } from 'zod';
import type { Db } from '../database.js';
import { parseJson } from '../json.js';
import { parseIpRange } from '../../util/cidr.js';

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
    bodyLimitMb: z
      .number()
      .positive()
      .max(1024)
      .default(32)
      .describe('Largest request body accepted on /v1, in MB.'),
    debugLogging: z.boolean().default(false).describe('Keep request bodies in the request log.'),
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
    proxy: z
      .string()
      .regex(/^(https?|socks5h?):\/\//, 'a proxy URL: http://, https:// or socks5://')
      .nullable()
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
        'Answer identical non-streamed temperature-0 requests from memory. A request with `Cache-Control: no-cache` or `X-OmniRoute-Cache: bypass` always goes upstream.',
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
    for (const r of rows) if (r.key in DEFAULT_SETTINGS) stored[r.key] = parseJson(r.value, undefined);
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
