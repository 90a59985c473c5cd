import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration, parseRateLimit } from '../../../core/routing/rate-limit-headers.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0); // 04:00 in Los Angeles (PST)

describe('parseDuration', () => {
  it('reads Go-style and protobuf durations', () => {
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1h2m3s')).toBe(3_723_000);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m59.56s')).toBeCloseTo(179_560, 6);
    expect(parseDuration('500us')).toBeCloseTo(0.5, 9);
    expect(parseDuration('7')).toBe(7000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('5x')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('seconds', () => {
    expect(parseRateLimit({ headers: { 'Retry-After': '45' }, status: 429 }, NOW)).toEqual({
      lockUntil: NOW + 45_000,
      reason: 'retry-after',
    });
  });

  it('an HTTP date', () => {
    const r = parseRateLimit({ headers: { 'retry-after': 'Wed, 15 Jan 2025 12:05:00 GMT' } }, NOW);
    expect(r.lockUntil).toBe(Date.UTC(2025, 0, 15, 12, 5, 0));
  });

  it('retry-after-ms wins over retry-after', () => {
    const r = parseRateLimit({ headers: new Headers({ 'retry-after': '1', 'retry-after-ms': '1234' }) }, NOW);
    expect(r.lockUntil).toBe(NOW + 1234);
    expect(r.reason).toBe('retry-after-ms');
  });

  it('a date in the past or garbage locks nothing', () => {
    expect(parseRateLimit({ headers: { 'retry-after': 'Wed, 15 Jan 2025 11:00:00 GMT' } }, NOW)).toEqual({});
    expect(parseRateLimit({ headers: { 'retry-after': 'later' } }, NOW)).toEqual({});
  });
});

describe('OpenAI x-ratelimit-*', () => {
  it('a healthy 200 reports remaining and reset without locking', () => {
    const r = parseRateLimit(
      {
        status: 200,
        headers: {
          'x-ratelimit-limit-requests': '10000',
          'x-ratelimit-limit-tokens': '30000000',
          'x-ratelimit-remaining-requests': '9999',
          'x-ratelimit-remaining-tokens': '29999990',
          'x-ratelimit-reset-requests': '6ms',
          'x-ratelimit-reset-tokens': '0s',
        },
      },
      NOW,
    );
    expect(r).toEqual({
      remaining: { requests: 9999, tokens: 29_999_990 },
      resetAt: { requests: NOW + 6, tokens: NOW },
    });
  });

  it('no requests left locks until the requests reset', () => {
    const r = parseRateLimit(
      {
        status: 429,
        headers: {
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-remaining-tokens': '150000',
          'x-ratelimit-reset-requests': '6m0s',
          'x-ratelimit-reset-tokens': '1.5s',
        },
      },
      NOW,
    );
    expect(r.lockUntil).toBe(NOW + 360_000);
    expect(r.reason).toBe('requests-remaining-0');
    expect(r.resetAt).toEqual({ requests: NOW + 360_000, tokens: NOW + 1500 });
  });

  it('the latest signal wins: Retry-After 2 s does not shorten a 20 s token reset', () => {
    const r = parseRateLimit(
      {
        status: 429,
        headers: {
          'retry-after': '2',
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '20s',
        },
      },
      NOW,
    );
    expect(r.lockUntil).toBe(NOW + 20_000);
    expect(r.reason).toBe('tokens-remaining-0');
  });

  it('insufficient_quota is exhaustion without a reset', () => {
    const r = parseRateLimit(
      {
        status: 429,
        body: JSON.stringify({
          error: {
            message: 'You exceeded your current quota, please check your plan and billing details.',
            type: 'insufficient_quota',
            param: null,
            code: 'insufficient_quota',
          },
        }),
      },
      NOW,
    );
    expect(r).toEqual({ exhausted: true, scope: 'account' });
  });
});

describe('the scope of a limit', () => {
  it('a bare Retry-After or a header bucket at zero says nothing about scope', () => {
    expect(parseRateLimit({ headers: { 'retry-after': '5' }, status: 429 }, NOW).scope).toBeUndefined();
    const r = parseRateLimit(
      { headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' } },
      NOW,
    );
    expect(r.lockUntil).toBe(NOW + 2000);
    expect(r.scope).toBeUndefined();
  });

  it("Anthropic's unified status `rejected` is the subscription's: the account, until the unified reset", () => {
    const reset = Math.floor(NOW / 1000) + 3600;
    const r = parseRateLimit(
      {
        status: 429,
        headers: {
          'anthropic-ratelimit-unified-status': 'rejected',
          'anthropic-ratelimit-unified-reset': String(reset),
          'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        },
      },
      NOW,
    );
    expect(r).toEqual({
      exhausted: true,
      scope: 'account',
      lockUntil: reset * 1000,
      reason: 'subscription window rejected',
    });
    const allowed = parseRateLimit(
      { status: 200, headers: { 'anthropic-ratelimit-unified-status': 'allowed_warning' } },
      NOW,
    );
    expect(allowed).toEqual({});
  });

  it("a ChatGPT plan's usage limit is the account's, until the reset it names", () => {
    const r = parseRateLimit(
      {
        status: 429,
        body: { error: { type: 'usage_limit_reached', resets_in_seconds: 600, plan_type: 'plus' } },
      },
      NOW,
    );
    expect(r).toMatchObject({ exhausted: true, scope: 'account', lockUntil: NOW + 600_000 });
  });
});

describe('Anthropic anthropic-ratelimit-*', () => {
  it('input tokens at zero bind; the lock ends at their RFC 3339 reset exactly', () => {
    const r = parseRateLimit(
      {
        status: 429,
        headers: {
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '42',
          'anthropic-ratelimit-requests-reset': '2025-01-15T12:00:10Z',
          'anthropic-ratelimit-tokens-limit': '90000',
          'anthropic-ratelimit-tokens-remaining': '8000',
          'anthropic-ratelimit-tokens-reset': '2025-01-15T12:00:20Z',
          'anthropic-ratelimit-input-tokens-limit': '40000',
          'anthropic-ratelimit-input-tokens-remaining': '0',
          'anthropic-ratelimit-input-tokens-reset': '2025-01-15T12:00:47.250Z',
          'anthropic-ratelimit-output-tokens-limit': '8000',
          'anthropic-ratelimit-output-tokens-remaining': '8000',
          'anthropic-ratelimit-output-tokens-reset': '2025-01-15T12:00:01Z',
          'retry-after': '48',
        },
      },
      NOW,
    );
    expect(r.remaining).toEqual({ requests: 42, tokens: 0 });
    expect(r.resetAt).toEqual({
      requests: Date.UTC(2025, 0, 15, 12, 0, 10),
      tokens: Date.UTC(2025, 0, 15, 12, 0, 47, 250),
    });
    // Retry-After (48 s) is later than the input-token reset (47.25 s): it wins.
    expect(r.lockUntil).toBe(NOW + 48_000);
    const noRetry = parseRateLimit(
      {
        headers: {
          'anthropic-ratelimit-input-tokens-remaining': '0',
          'anthropic-ratelimit-input-tokens-reset': '2025-01-15T12:00:47.250Z',
        },
      },
      NOW,
    );
    expect(noRetry.lockUntil).toBe(Date.UTC(2025, 0, 15, 12, 0, 47, 250));
  });

  it('offsets in the reset instant are honoured', () => {
    const r = parseRateLimit(
      {
        headers: {
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': '2025-01-15T13:30:00+01:00',
        },
      },
      NOW,
    );
    expect(r.lockUntil).toBe(Date.UTC(2025, 0, 15, 12, 30, 0));
  });
});

const geminiBody = (quotaId: string, retryDelay: string) => ({
  error: {
    code: 429,
    message: 'You exceeded your current quota, please check your plan and billing details.',
    status: 'RESOURCE_EXHAUSTED',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
            quotaId,
            quotaDimensions: { location: 'global', model: 'gemini-2.5-pro' },
            quotaValue: '50',
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [{ description: 'Learn more', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
    ],
  },
});

describe('Gemini error details', () => {
  it('RetryInfo on a per-minute quota: a short lock, not exhausted', () => {
    const r = parseRateLimit(
      { status: 429, body: geminiBody('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', '30s') },
      NOW,
    );
    expect(r).toEqual({ lockUntil: NOW + 30_000, reason: 'retry-info', scope: 'model' });
  });

  it('the real per-model free-tier 429 (fixture) rests that model for its RetryInfo', () => {
    const body = readFileSync(
      path.join(import.meta.dirname, '../../fixtures/errors/gemini-429-per-model-per-minute.json'),
      'utf8',
    );
    expect(parseRateLimit({ status: 429, body }, NOW)).toEqual({
      lockUntil: NOW + 58_000,
      reason: 'retry-info',
      scope: 'model',
    });
  });

  it("a quota kept per project (no model in it) is the account's, even next to a per-model one", () => {
    const body = geminiBody('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', '10s');
    (body.error.details[0] as any).violations.push({
      quotaMetric: 'generativelanguage.googleapis.com/generate_requests',
      quotaId: 'GenerateRequestsPerMinutePerProject',
    });
    expect(parseRateLimit({ status: 429, body }, NOW).scope).toBe('account');
    const regional = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            metadata: { quota_limit: 'ApiRequestsPerMinutePerProjectPerRegion', quota_limit_value: '0' },
          },
        ],
      },
    };
    expect(parseRateLimit({ status: 429, body: regional }, NOW).scope).toBe('account');
  });

  it('a per-day QuotaFailure is exhaustion until midnight Pacific', () => {
    const r = parseRateLimit(
      {
        status: 429,
        body: JSON.stringify([geminiBody('GenerateRequestsPerDayPerProjectPerModel-FreeTier', '12s')]),
      },
      NOW,
    );
    expect(r.exhausted).toBe(true);
    expect(r.lockUntil).toBe(Date.UTC(2025, 0, 16, 8, 0, 0)); // 00:00 PST
    expect(r.reason).toBe('quota-per-day');
    // Per day, but still per model: the account's other models keep serving.
    expect(r.scope).toBe('model');
  });

  it('fractional retry delays and unparseable bodies', () => {
    expect(parseRateLimit({ body: geminiBody('x', '1.5s') }, NOW).lockUntil).toBe(NOW + 1500);
    expect(parseRateLimit({ body: '<html>busy</html>' }, NOW)).toEqual({});
    expect(parseRateLimit({ body: { error: 'nope' } }, NOW)).toEqual({});
  });
});
