import { systemClock, type Clock } from './clock.js';

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface ProviderLatency {
  key: string;
  latency: Percentiles;
  /** Time to first byte, over the samples that had one (streams). */
  ttfb: Percentiles;
}

/** A fixed-size ring of the latest samples with their times: O(1) to record. */
class Ring {
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private next = 0;
  private size = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  push(value: number, at: number): void {
    this.values[this.next] = value;
    this.times[this.next] = at;
    this.next = (this.next + 1) % this.values.length;
    if (this.size < this.values.length) this.size++;
  }

  since(cutoff: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.times[i]! > cutoff) out.push(this.values[i]!);
    return out;
  }
}

/** Nearest-rank percentile: an observed value, never an interpolated one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function summarize(values: number[]): Percentiles {
  const sorted = values.sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * Latency per provider (or connection) over the last `capacity` samples no older than
 * `windowMs`: recording is O(1) on the hot path; the sort happens only when someone reads.
 */
export class LatencyStats {
  private readonly latency = new Map<string, Ring>();
  private readonly ttfb = new Map<string, Ring>();
  private readonly now: Clock;
  private readonly capacity: number;
  private readonly windowMs: number;

  constructor(options: { now?: Clock; capacity?: number; windowMs?: number } = {}) {
    this.now = options.now ?? systemClock;
    this.capacity = Math.max(1, options.capacity ?? 1024);
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  record(key: string, sample: { latencyMs: number; ttfbMs?: number }, atMs: number = this.now()): void {
    if (Number.isFinite(sample.latencyMs) && sample.latencyMs >= 0)
      this.ring(this.latency, key).push(sample.latencyMs, atMs);
    if (sample.ttfbMs !== undefined && Number.isFinite(sample.ttfbMs) && sample.ttfbMs >= 0) {
      this.ring(this.ttfb, key).push(sample.ttfbMs, atMs);
    }
  }

  get(key: string): ProviderLatency {
    const cutoff = this.now() - this.windowMs;
    return {
      key,
      latency: summarize(this.latency.get(key)?.since(cutoff) ?? []),
      ttfb: summarize(this.ttfb.get(key)?.since(cutoff) ?? []),
    };
  }

  snapshot(): ProviderLatency[] {
    return [...new Set([...this.latency.keys(), ...this.ttfb.keys()])].sort().map((k) => this.get(k));
  }

  private ring(map: Map<string, Ring>, key: string): Ring {
    let r = map.get(key);
    if (!r) {
      r = new Ring(this.capacity);
      map.set(key, r);
    }
    return r;
  }
}
