/** Routing building blocks: pure, in-memory, clock-injectable. See docs/routing.md. */
export * from './clock.js';
export * from './glob.js';
export * from './strategies.js';
export * from './circuit-breaker.js';
export * from './backoff.js';
export * from './rate-limit-headers.js';
export * from './lockouts.js';
export * from './limiter.js';
export * from './quota/zoned-time.js';
export * from './quota/windows.js';
export * from './quota/tracker.js';
export * from './quota/presets.js';
export * from './pricing.js';
export * from './budgets.js';
export * from './aliases.js';
export * from './stats.js';
