/**
 * Injectable time and randomness. Every routing module takes these instead of calling
 * Date.now()/Math.random() so tests can drive them exactly and the lead can share one clock.
 */
export type Clock = () => number;
export type Random = () => number;

export const systemClock: Clock = () => Date.now();
export const systemRandom: Random = () => Math.random();

/**
 * A small seeded PRNG (mulberry32): deterministic sequences for tests and reproducible
 * simulations. Not for anything security related.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Listener sets that never let one faulty listener (the tray, an SSE client) break routing. */
export class Emitter<E> {
  private readonly listeners = new Set<(e: E) => void>();

  on(listener: (e: E) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(e: E): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's bug must not change a routing decision.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
