import { z } from 'zod';
import { QUOTA_PRESETS } from '../../routing/quota/presets.js';
import type { Router } from '../../routing/router.js';
import type { ResponseCache } from '../../gateway/response-cache.js';
import type { Runtime } from '../../runtime/runtime.js';
import { routeGroup, type ApiRoute } from './route-table.js';
import { ClearedOut, HealthOut, QuotaOut, StorageOut } from './schemas.js';

// The answers are typed by their schemas' input: a field the core renames breaks this file's
// type-check, not the dashboard that reads the schema's output.
type Health = z.input<typeof HealthOut>;

/** The database on disk and the request log's share of it, with the limits that prune it. */
function storageReport(rt: Runtime): z.input<typeof StorageOut> {
  const retention = rt.store.logRetention;
  const last = retention.lastReport;
  return {
    ...retention.stats(),
    maxBytes: rt.settings.logMaxDbMb * 1024 * 1024,
    retentionDays: rt.settings.logRetentionDays,
    lastPrune: last
      ? {
          at: last.at,
          deletedByAge: last.deletedByAge,
          slimmed: last.slimmed,
          deletedBySize: last.deletedBySize,
        }
      : null,
  };
}

/** Routing state is kept per `<connection id>[#<model>]` key; the report names the account. */
function connectionOf(rt: Runtime, key: string) {
  const id = key.split('#')[0];
  return rt.connections.find((c) => c.id === id);
}

function healthReport(rt: Runtime, router: Router, cache?: ResponseCache): Health {
  return {
    breakers: router.breaker.snapshot().map((b) => {
      const conn = connectionOf(rt, b.key);
      return {
        providerId: conn?.providerId ?? b.key,
        connectionId: conn?.id,
        state: router.breaker.state(b.key),
        failures: b.consecutiveFailures,
        openedAt: b.openedAt,
        retryAt: b.retryAt,
      };
    }),
    lockouts: router.lockouts.snapshot().map((l) => {
      const conn = connectionOf(rt, l.key);
      const model = l.key.includes('#') ? l.key.slice(l.key.indexOf('#') + 1) : undefined;
      return {
        providerId: conn?.providerId,
        connectionId: conn?.id ?? l.key,
        model,
        until: l.until,
        reason: l.reason,
      };
    }),
    rateLimits: [],
    latency: router.latency.snapshot().map((l) => ({
      providerId: l.key,
      count: l.latency.count,
      p50: l.latency.p50,
      p95: l.latency.p95,
      p99: l.latency.p99,
      ttfbP50: l.ttfb.count ? l.ttfb.p50 : undefined,
    })),
    cache: cache?.stats() ?? { entries: 0, hits: 0, misses: 0, bytes: 0 },
    storage: storageReport(rt),
  };
}

function quotaReport(rt: Runtime, router: Router): z.input<typeof QuotaOut> {
  return router.quota.connections().map((id) => {
    const conn = rt.connections.find((x) => x.id === id);
    return {
      connectionId: id,
      providerId: conn?.providerId,
      connectionName: conn?.name,
      exhausted: router.quota.exhausted(id),
      windows: router.quota.status(id).map((w) => ({
        id: w.window.id,
        label: w.window.id,
        kind: w.window.kind,
        unit: w.window.unit,
        used: w.used,
        limit: w.limit,
        remaining: w.remaining,
        remainingPct: w.remainingPct,
        level: w.level,
        resetsAt: w.resetsAt,
        availableAt: w.availableAt,
      })),
    };
  });
}

/** What the Health page and the tray read: breakers, lockouts, latency; quota per account. */
export function healthRoutes(rt: Runtime, router: Router, cache?: ResponseCache): ApiRoute[] {
  return [
    ...routeGroup('health', (r) => [
      r.get('/health', {
        summary:
          'Circuit breakers, lockouts (rate limits, refused keys, exhausted quotas), latency percentiles per provider, the response cache, and `storage`: the database size on disk (file + WAL), request-log rows, the oldest row and the limits that prune them.',
        response: HealthOut,
        handler: (c) => c.json(healthReport(rt, router, cache)),
      }),
      r.post('/health/reset', {
        summary:
          'Close circuit breakers and clear lockouts — for one provider or account, or all when the body is empty.',
        body: z.object({ providerId: z.string().optional(), connectionId: z.string().optional() }).strict(),
        response: ClearedOut,
        handler: (c, b) => c.json({ ok: true, cleared: router.reset(b) }),
      }),
      r.post('/cache/clear', {
        summary: 'Empty the response cache (answers to identical temperature-0 requests).',
        response: ClearedOut,
        handler: (c) => c.json({ ok: true, cleared: cache?.clear() ?? 0 }),
      }),
    ]),
    ...routeGroup('quota', (r) => [
      r.get('/quota', {
        summary: 'Quota windows per account: used, limit, remaining and the reset instant.',
        response: QuotaOut,
        handler: (c) => c.json(quotaReport(rt, router)),
      }),
      r.get('/quota/plans', {
        summary:
          "The plans behind callers' own logins (Claude Code, Codex, Gemini CLI): each window's use and reset exactly as the vendor reported it, and a forecast of when it runs out at the current pace.",
        handler: (c) => c.json(router.plans.list()),
      }),
      r.get('/quota/presets', {
        summary: 'Quota presets of known subscriptions (windows and default limits, editable per account).',
        handler: (c) => c.json(QUOTA_PRESETS),
      }),
    ]),
  ];
}
