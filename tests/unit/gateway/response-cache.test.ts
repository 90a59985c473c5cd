import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../../core/gateway/response-cache.js';

const answer = (n: number) => ({ status: 200, headers: {}, body: Buffer.alloc(n), requestId: `r${n}` });

describe('ResponseCache', () => {
  it('expires entries after their TTL', () => {
    let now = 1000;
    const c = new ResponseCache(() => now);
    c.set('a', answer(10), 5000, 1 << 20);
    expect(c.get('a')).toBeDefined();
    now += 5001;
    expect(c.get('a')).toBeUndefined();
    expect(c.stats()).toMatchObject({ entries: 0, hits: 1, misses: 1, bytes: 0 });
  });

  it('stays within its byte bound, dropping the least recently used first', () => {
    const c = new ResponseCache(() => 0);
    const max = 4 * (1000 + 256);
    c.set('a', answer(1000), 60_000, max);
    c.set('b', answer(1000), 60_000, max);
    c.set('c', answer(1000), 60_000, max);
    c.set('d', answer(1000), 60_000, max);
    c.get('a'); // a is now the most recent
    c.set('e', answer(1000), 60_000, max);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.get('e')).toBeDefined();
    expect(c.stats().bytes).toBeLessThanOrEqual(max);
  });

  it('does not keep an answer larger than a quarter of the bound', () => {
    const c = new ResponseCache(() => 0);
    c.set('big', answer(5000), 60_000, 10_000);
    expect(c.get('big')).toBeUndefined();
  });
});
