import { describe, expect, it } from 'vitest';
import { expandLogDetail, isRowAttempt, type LogRowColumns } from '../../core/store/log-detail.js';
import type { RequestLogEntry } from '../../core/store/request-log.js';

const entry: RequestLogEntry = {
  id: 'r1',
  ts: 1,
  callerFormat: 'openai-chat',
  requestedModel: 'up/gpt',
  providerId: 'up',
  connectionId: 'c1',
  upstreamModel: 'gpt',
  attempts: 1,
  status: 200,
  stream: false,
  latencyMs: 12.5,
  ttfbMs: 3.25,
};
const attempt = {
  providerId: 'up',
  connectionId: 'c1',
  upstreamModel: 'gpt',
  step: 'up/gpt',
  status: 200,
  latencyMs: 12.4,
  ttfbMs: 3.2,
};
const row = (over: Partial<LogRowColumns> = {}): LogRowColumns => ({
  requested_model: 'up/gpt',
  provider_id: 'up',
  connection_id: 'c1',
  upstream_model: 'gpt',
  status: 200,
  latency_ms: 12.5,
  ttfb_ms: 3.25,
  error: null,
  detail: null,
  ...over,
});

describe('log detail', () => {
  it('leaves out only an attempt the row describes, timings aside', () => {
    expect(isRowAttempt(attempt, entry)).toBe(true);
    expect(isRowAttempt({ ...attempt, status: 503 }, entry)).toBe(false);
    expect(isRowAttempt({ ...attempt, connectionId: 'c2' }, entry)).toBe(false);
    expect(isRowAttempt({ ...attempt, step: 'alias-of-up' }, entry)).toBe(false);
    expect(isRowAttempt({ ...attempt, skipped: 'locked out' }, entry)).toBe(false);
    expect(isRowAttempt({ ...attempt, error: 'stream cut' }, entry)).toBe(false);
  });

  it('rebuilds the route and attempt of a row stored without a detail from its columns', () => {
    expect(expandLogDetail(row())).toEqual({
      steps: ['up/gpt'],
      attempts: [{ ...attempt, latencyMs: 12.5, ttfbMs: 3.25 }],
    });
    expect(
      expandLogDetail(row({ error: 'stream cut', ttfb_ms: null, connection_id: null })).attempts,
    ).toEqual([
      {
        providerId: 'up',
        upstreamModel: 'gpt',
        step: 'up/gpt',
        status: 200,
        latencyMs: 12.5,
        error: 'stream cut',
      },
    ]);
    expect(expandLogDetail(row({ provider_id: null, upstream_model: null }))).toEqual({
      steps: [],
      attempts: [],
    });
  });

  it('returns a stored detail as it was written', () => {
    const stored = { steps: ['a/x', 'b/y'], attempts: [attempt], shared: { via: 'coalesced', from: 'r0' } };
    expect(expandLogDetail(row({ detail: JSON.stringify(stored) }))).toEqual(stored);
  });
});
