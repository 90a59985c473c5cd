import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEventMap } from '../../core/index.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import {
  startReplayUpstream,
  type RecordedRequest,
  type ReplayUpstream,
  type Scenario,
} from '../helpers/replay-upstream.js';

// Account strategies per provider, the per-account limiter, live breaker settings, budgets,
// price overrides, aliases and disabled combo steps, end to end: real HTTP into the core,
// upstreams on 127.0.0.1 that replay real captures (tests/fixtures) or inject faults.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = undefined;
  up = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const OK: Scenario = { kind: 'fixture', file: 'openai-chat/openai-text.json' };
const BOOM: Scenario = {
  kind: 'error',
  status: 500,
  body: { error: { message: 'boom', type: 'server_error' } },
};
/** openai-text.json: 16 input and 363 output tokens; gpt-4.1-mini costs $0.40 / $1.60 per million. */
const MINI_COST = (16 * 0.4 + 363 * 1.6) / 1e6;

async function setup(yaml: (base: string) => string, opts: { dataDir?: string } = {}) {
  up ??= await startReplayUpstream();
  const dir = opts.dataDir ?? tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'omniroute.yaml');
  writeFileSync(file, yaml(up.baseUrl('openai-chat')));
  t = await startTestCore({ dataDir: dir, configFile: file });
  return { t, up, dir };
}

/** A provider of our own on the replay upstream, with accounts whose keys are k1, k2, … */
const provider = (id: string, base: string, extra = '', accounts = ['      - apiKey: k1\n']) =>
  `  - id: ${id}\n    format: openai-chat\n    baseUrl: ${base}\n${extra}    accounts:\n${accounts.join('')}`;
const accounts = (n: number, extra: (i: number) => string = () => '') =>
  Array.from({ length: n }, (_, i) => `      - apiKey: k${i + 1}\n        name: a${i + 1}\n${extra(i + 1)}`);

const keyOf = (r: RecordedRequest) => String(r.headers.authorization).replace('Bearer ', '');

const chat = (model: string, headers: Record<string, string> = {}) =>
  fetch(`${t!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });

async function served(model: string, n: number, parallel = 1): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, n - i) }, async () => {
        const res = await chat(model);
        await res.arrayBuffer();
        expect(res.status).toBe(200);
        return res.headers.get('x-request-id')!;
      }),
    );
    out.push(...batch);
  }
  return out;
}

const count = (xs: string[]) =>
  xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});

async function logDetail(id: string): Promise<any> {
  t!.core.runtime.store.requestLog.flush();
  return (await t!.api(`/api/logs/${id}`)).json();
}

describe('account strategies within a provider', () => {
  it('round-robin stays on an account for roundRobinStickyFor requests; a new value applies to the next request', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('p', b, '    accountStrategy: round-robin\n', accounts(3))}settings:\n  roundRobinStickyFor: 2\n`,
    );
    up!.setDefault(() => OK);
    await served('p/m', 12);
    expect(up!.requests.map(keyOf).join(' ')).toBe('k1 k1 k2 k2 k3 k3 k1 k1 k2 k2 k3 k3');
    up!.requests.length = 0;
    const patched = await t!.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ roundRobinStickyFor: 4 }),
    });
    expect(patched.status).toBe(200);
    await served('p/m', 6);
    // k3 has had 2 of its (now) 4 requests.
    expect(up!.requests.map(keyOf).join(' ')).toBe('k3 k3 k1 k1 k1 k1');
  });

  it('least-used spreads evenly, counting where requests were really served (a fallback moves the count)', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('p', b, '    accountStrategy: least-used\n', accounts(3))}settings:\n  breakerFailureThreshold: 100\n`,
    );
    let calls = 0;
    up!.setDefault(() => (calls++ === 0 ? BOOM : OK));
    await served('p/m', 30);
    const ok = up!.requests.slice(1).map(keyOf);
    expect(keyOf(up!.requests[0]!)).toBe('k1');
    expect(count(ok)).toEqual({ k1: 10, k2: 10, k3: 10 });
    const conns = t!.core.runtime.connections;
    const byId = Object.fromEntries(conns.map((c) => [c.id, c.name]));
    const tally = Object.entries(t!.core.router.servedCounts('accounts:p')).map(([id, n]) => [byId[id], n]);
    expect(Object.fromEntries(tally)).toEqual({ a1: 10, a2: 10, a3: 10 });
  });

  it('weighted: the share of first attempts follows the weights; weight 0 only as a last resort (set over the API)', async () => {
    await setup((b) => `providers:\n${provider('p', b, '', accounts(3))}`);
    const put = await t!.api('/api/providers/p', {
      method: 'PUT',
      body: JSON.stringify({
        format: 'openai-chat',
        baseUrl: up!.baseUrl('openai-chat'),
        accountStrategy: 'weighted',
      }),
    });
    expect(((await put.json()) as any).accountStrategy).toBe('weighted');
    const conns = (await (await t!.api('/api/connections?providerId=p')).json()) as any[];
    const weights: Record<string, number> = { a1: 3, a2: 1, a3: 0 };
    for (const c of conns) {
      const res = await t!.api(`/api/connections/${c.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ weight: weights[c.name] }),
      });
      expect(((await res.json()) as any).weight).toBe(weights[c.name]);
    }
    up!.setDefault(() => OK);
    const n = 400;
    await served('p/m', n, 20);
    const c = count(up!.requests.map(keyOf));
    expect(c.k3).toBeUndefined();
    expect((c.k1 ?? 0) + (c.k2 ?? 0)).toBe(n);
    // 3:1 → 0.75; ± 0.08 is ~3.7 standard deviations at n = 400.
    expect(Math.abs(c.k1! / n - 0.75)).toBeLessThan(0.08);
  });

  it('power-of-two avoids an account that started failing, before its circuit would open', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('p', b, '    accountStrategy: power-of-two\n', accounts(3))}settings:\n  breakerFailureThreshold: 100\n`,
    );
    // k1 is the fastest while it works, so latency alone would keep choosing it.
    let k1Fails = false;
    up!.setDefault((r) => (keyOf(r) !== 'k1' ? ({ ...OK, delayMs: 30 } as Scenario) : k1Fails ? BOOM : OK));
    await served('p/m', 15);
    expect(count(up!.requests.map(keyOf)).k1).toBeGreaterThan(0);
    k1Fails = true;
    up!.requests.length = 0;
    await served('p/m', 45);
    const c = count(up!.requests.map(keyOf));
    // After its first failure k1 loses every comparison to an account without failures.
    expect(c.k1 ?? 0).toBeLessThanOrEqual(1);
    expect((c.k2 ?? 0) + (c.k3 ?? 0)).toBe(45);
    expect(c.k2).toBeGreaterThan(5);
    expect(c.k3).toBeGreaterThan(5);
  });

  it('random: every account leads some requests', async () => {
    await setup((b) => `providers:\n${provider('p', b, '    accountStrategy: random\n', accounts(4))}`);
    up!.setDefault(() => OK);
    await served('p/m', 80, 10);
    const c = count(up!.requests.map(keyOf));
    expect(Object.keys(c).sort()).toEqual(['k1', 'k2', 'k3', 'k4']);
    for (const k of Object.keys(c)) expect(c[k]).toBeLessThan(45);
  });
});

describe('per-account limiter', () => {
  it('rpm: an account at its limit is skipped (the log says why) and the next account serves', async () => {
    await setup(
      (b) =>
        `providers:\n${provider(
          'p',
          b,
          '',
          accounts(2, (i) => (i === 1 ? '        limits: { rpm: 2 }\n' : '')),
        )}`,
    );
    up!.setDefault(() => OK);
    const ids = await served('p/m', 4);
    expect(up!.requests.map(keyOf)).toEqual(['k1', 'k1', 'k2', 'k2']);
    const detail = await logDetail(ids[2]!);
    expect(detail.attemptsDetail[0].skipped).toMatch(/^rate limit \(rpm\) — retry in \d+\.\d s$/);
    expect(detail.attemptsDetail[1]).toMatchObject({ status: 200 });
    const a1 = t!.core.runtime.connections.find((c) => c.name === 'a1')!;
    expect(t!.core.router.limiter.snapshot().find((s) => s.key === a1.id)).toEqual({
      key: a1.id,
      inFlight: 0,
      lastMinute: 2,
    });
  });

  it('maxConcurrent: requests beyond it go to the next account; the slot is free again when they finish', async () => {
    await setup(
      (b) =>
        `providers:\n${provider(
          'p',
          b,
          '',
          accounts(2, (i) => (i === 1 ? '        limits: { maxConcurrent: 1 }\n' : '')),
        )}`,
    );
    up!.setDefault(() => ({ ...OK, delayMs: 500 }) as Scenario);
    await served('p/m', 3, 3);
    expect(count(up!.requests.map(keyOf))).toEqual({ k1: 1, k2: 2 });
    up!.requests.length = 0;
    await served('p/m', 1);
    expect(up!.requests.map(keyOf)).toEqual(['k1']);
    const a1 = t!.core.runtime.connections.find((c) => c.name === 'a1')!;
    expect(t!.core.router.limiter.snapshot().find((s) => s.key === a1.id)?.inFlight).toBe(0);
  });

  it('an attempt the breaker turns away after the limiter said yes does not count against the limit', async () => {
    await setup(
      (b) =>
        `providers:\n${provider(
          'p',
          b,
          '',
          accounts(2, (i) => (i === 1 ? '        limits: { rpm: 100 }\n' : '')),
        )}settings:\n  breakerFailureThreshold: 1\n  breakerCoolDownMs: 200\n`,
    );
    let k1Calls = 0;
    up!.setDefault((r) => (keyOf(r) === 'k1' ? (k1Calls++ === 0 ? BOOM : { ...OK, delayMs: 800 }) : OK));
    await served('p/m', 1); // k1 fails: its circuit opens; k2 serves
    await new Promise((r) => setTimeout(r, 400)); // past the cool-down (200 ms ± 20 %): half-open
    // The first takes k1's only trial slot; the second passes the limiter, then the breaker refuses.
    const probe = served('p/m', 1);
    // Once k1 has it, the trial is in flight (k1 answers 800 ms later).
    await expect.poll(() => up!.requests.length, { timeout: 10_000, interval: 5 }).toBe(3);
    const [second] = await served('p/m', 1);
    await probe;
    expect(up!.requests.map(keyOf)).toEqual(['k1', 'k2', 'k1', 'k2']);
    expect((await logDetail(second!)).attemptsDetail[0].skipped).toBe('circuit open');
    const a1 = t!.core.runtime.connections.find((c) => c.name === 'a1')!;
    expect(t!.core.router.limiter.snapshot().find((s) => s.key === a1.id)).toEqual({
      key: a1.id,
      inFlight: 0,
      lastMinute: 2,
    });
  });
});

describe('breaker settings', () => {
  it('a lower threshold and a shorter cool-down set over PATCH /api/settings apply without a restart', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('flaky', b)}${provider('steady', b)}combos:\n  - name: c\n    models: [flaky/m1, steady/m2]\n`,
    );
    const events: string[] = [];
    t!.core.runtime.events.on('circuit-changed', (e) => events.push(`${e.providerId}:${e.to}`));
    up!.setDefault((r) => (r.json?.model === 'm1' ? BOOM : OK));
    await served('c', 1);
    expect(events).toEqual([]); // 1 failure of the default 5
    const res = await t!.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ breakerFailureThreshold: 2, breakerCoolDownMs: 1000 }),
    });
    expect(res.status).toBe(200);
    await served('c', 1);
    expect(events).toEqual(['flaky:open']);
    const health = (await (await t!.api('/api/health')).json()) as any;
    const b = health.breakers.find((x: any) => x.providerId === 'flaky');
    // 1000 ms ± 20 % jitter, not the default 30 s.
    expect(b.retryAt - b.openedAt).toBeGreaterThanOrEqual(800);
    expect(b.retryAt - b.openedAt).toBeLessThanOrEqual(1200);
    up!.requests.length = 0;
    await served('c', 1);
    expect(up!.requests.map((r) => r.json.model)).toEqual(['m2']);
  });
});

describe('budgets', () => {
  const KEY_A = 'sk-budget-key-a-0123456789';
  const KEY_B = 'sk-budget-key-b-0123456789';
  const budgetsYaml = (b: string) =>
    `providers:\n${provider('a', b)}${provider('b', b)}combos:\n  - name: c\n    models: [a/gpt-4.1-mini, b/gpt-4.1-mini]\n` +
    `apiKeys:\n  - name: ci\n    key: ${KEY_A}\n  - name: other\n    key: ${KEY_B}\n` +
    `budgets:\n  - { scope: "key:ci", period: day, limitUsd: 0.0005 }\n  - { scope: "provider:a", period: month, limitUsd: 0.001 }\n`;

  it('a key budget refuses with 429 in the caller format; other keys go on; spend survives a restart', async () => {
    const { dir } = await setup(budgetsYaml);
    up!.setDefault(() => OK);
    const openai = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: KEY_A, maxRetries: 0 });
    const params = { model: 'b/gpt-4.1-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    await openai.chat.completions.create(params);
    const refused = (await openai.chat.completions.create(params).catch((e) => e)) as any;
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect(refused.status).toBe(429);
    expect(refused.error.message).toMatch(
      /^Budget exceeded: the key "ci" daily budget of \$0\.0005 is spent \(\$0\.00059\); it resets at \d{4}-\d\d-\d\dT/,
    );
    const resetsAt = Date.parse(refused.error.message.match(/resets at (\S+)\.$/)[1]);
    expect(resetsAt).toBeGreaterThan(Date.now());
    expect(resetsAt - Date.now()).toBeLessThanOrEqual(25 * 3600_000);
    const anthropic = new Anthropic({ baseURL: t!.url, apiKey: KEY_A, maxRetries: 0 });
    const e2 = (await anthropic.messages
      .create({ model: 'b/gpt-4.1-mini', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e)) as any;
    expect(e2.status).toBe(429);
    expect(e2.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(up!.requests).toHaveLength(1);
    const other = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: KEY_B, maxRetries: 0 });
    await other.chat.completions.create(params);

    const list = (await (await t!.api('/api/budgets')).json()) as any[];
    const keyId = t!.core.runtime.store.apiKeys.findByName('ci')!.id;
    const kb = list.find((x) => x.scope.kind === 'key');
    expect(kb).toMatchObject({
      scope: { kind: 'key', id: keyId },
      period: 'day',
      limitUsd: 0.0005,
      action: 'block',
    });
    expect(kb.spentUsd).toBeCloseTo(MINI_COST, 9);
    expect(Object.keys(kb).sort()).toEqual([
      'action',
      'id',
      'limitUsd',
      'period',
      'resetsAt',
      'scope',
      'spentUsd',
    ]);

    // Restart on the same data directory: spend is rebuilt from the request log.
    await t!.core.stop(1000);
    t = undefined;
    await setup(budgetsYaml, { dataDir: dir });
    const again = (await (await t!.api('/api/budgets')).json()) as any[];
    expect(again.find((x) => x.scope.kind === 'key').spentUsd).toBeCloseTo(MINI_COST, 9);
    const openai2 = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: KEY_A, maxRetries: 0 });
    expect(((await openai2.chat.completions.create(params).catch((e) => e)) as any).status).toBe(429);
    expect(up!.requests).toHaveLength(2);
  });

  it('a provider budget makes requests fall back to the next combo step', async () => {
    await setup(budgetsYaml);
    up!.setDefault(() => OK);
    const exhausted: Array<CoreEventMap['budget-exhausted']> = [];
    t!.core.runtime.events.on('budget-exhausted', (e) => exhausted.push(e));
    const ids = await served('c', 3);
    // Announced once, by the request that crossed the limit (the second one).
    expect(exhausted).toHaveLength(1);
    expect(exhausted[0]).toMatchObject({
      scope: { kind: 'provider', id: 'a' },
      period: 'month',
      limitUsd: 0.001,
    });
    expect(exhausted[0]!.spentUsd).toBeCloseTo(2 * MINI_COST, 9);
    expect(exhausted[0]!.resetsAt).toBeGreaterThan(Date.now());
    expect(up!.requests.map(keyOf)).toHaveLength(3);
    const routes = await Promise.all(ids.map(async (id) => (await logDetail(id)).providerId));
    // $0.00059 per request: the second still fits under $0.001, the third does not.
    expect(routes).toEqual(['a', 'a', 'b']);
    // Over budget counts as unhealthy: "a" moves behind "b" and is not even reached...
    expect((await logDetail(ids[2]!)).attemptsDetail).toMatchObject([{ providerId: 'b', status: 200 }]);
    // ...until "b" fails: then "a" is the last resort, and skipped without a call.
    up!.queue(BOOM);
    const failed = await chat('c');
    expect(failed.status).toBe(500);
    const detail = await logDetail(failed.headers.get('x-request-id')!);
    expect(detail.attemptsDetail).toMatchObject([
      { providerId: 'b', status: 500 },
      { providerId: 'a', status: 0 },
    ]);
    expect(detail.attemptsDetail[1].skipped).toMatch(
      /^over budget \(provider a, monthly \$0\.0012 of \$0\.001, resets \d{4}-\d\d-\d\dT[^)]+\)$/,
    );
    expect(up!.requests.map((r) => r.path)).toHaveLength(4);
    expect(exhausted).toHaveLength(1); // still over, same period: not again
    const list = (await (await t!.api('/api/budgets')).json()) as any[];
    expect(list.find((x) => x.scope.kind === 'provider').spentUsd).toBeCloseTo(2 * MINI_COST, 9);
  });

  it('the budgets API: create, list, change, delete; warn budgets announce once per period', async () => {
    await setup((b) => `providers:\n${provider('a', b)}`);
    up!.setDefault(() => OK);
    const warnings: Array<CoreEventMap['budget-warning']> = [];
    t!.core.runtime.events.on('budget-warning', (e) => warnings.push(e));
    await served('a/gpt-4.1-mini', 1);
    // Created after the spend: it already knows it.
    const created = await t!.api('/api/budgets', {
      method: 'POST',
      body: JSON.stringify({ scope: { kind: 'global' }, period: 'week', limitUsd: 0.001, action: 'warn' }),
    });
    expect(created.status).toBe(201);
    const b = (await created.json()) as any;
    expect(b).toMatchObject({ scope: { kind: 'global' }, period: 'week', limitUsd: 0.001, action: 'warn' });
    expect(b.spentUsd).toBeCloseTo(MINI_COST, 9);
    expect(b.resetsAt).toBeGreaterThan(Date.now());
    const dup = await t!.api('/api/budgets', {
      method: 'POST',
      body: JSON.stringify({ scope: { kind: 'global' }, period: 'week', limitUsd: 5 }),
    });
    expect(dup.status).toBe(409);
    const ghost = await t!.api('/api/budgets', {
      method: 'POST',
      body: JSON.stringify({ scope: { kind: 'key', id: 'key_nope' }, period: 'day', limitUsd: 5 }),
    });
    expect(ghost.status).toBe(404);
    const bad = await t!.api('/api/budgets', {
      method: 'POST',
      body: JSON.stringify({ scope: { kind: 'global' }, period: 'year', limitUsd: 5 }),
    });
    expect(bad.status).toBe(400);

    await served('a/gpt-4.1-mini', 2); // crosses $0.001 at the second request, then stays over
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      budgetId: b.id,
      scope: { kind: 'global' },
      period: 'week',
      limitUsd: 0.001,
    });
    expect(warnings[0]!.spentUsd).toBeCloseTo(2 * MINI_COST, 9);
    expect(up!.requests).toHaveLength(3); // warn never refuses

    // Turned into a block budget: the next request is refused.
    const put = await t!.api(`/api/budgets/${b.id}`, {
      method: 'PUT',
      body: JSON.stringify({ scope: { kind: 'global' }, period: 'week', limitUsd: 0.001, action: 'block' }),
    });
    expect(((await put.json()) as any).action).toBe('block');
    const refused = await chat('a/gpt-4.1-mini');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as any).error).toMatchObject({
      type: 'insufficient_quota',
      message: expect.stringMatching(/^Budget exceeded: the global weekly budget of \$0\.001 is spent/),
    });
    expect((await t!.api(`/api/budgets/${b.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t!.api(`/api/budgets/${b.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await chat('a/gpt-4.1-mini')).status).toBe(200);
    expect(await (await t!.api('/api/budgets')).json()).toEqual([]);
  });
});

describe('aliases, price overrides, disabled steps', () => {
  it('aliases with wildcards and captures route the requested model and combo steps', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('a', b)}${provider('b', b)}combos:\n  - name: c\n    models: [smart, b/m2]\n` +
        `aliases:\n  "fast-*": c\n  smart: a/m1\n`,
    );
    up!.setDefault(() => OK);
    const put = await t!.api('/api/aliases', {
      method: 'PUT',
      body: JSON.stringify({ pattern: 'gpt-*', target: 'b/m-$1' }),
    });
    expect(await put.json()).toEqual({ pattern: 'gpt-*', target: 'b/m-$1' });
    const viaCombo = await chat('fast-anything');
    expect(viaCombo.headers.get('x-omniroute-route')).toBe('a/m1');
    const captured = await chat('GPT-4o');
    expect(captured.headers.get('x-omniroute-route')).toBe('b/m-4o');
    expect(up!.requests.map((r) => r.json.model)).toEqual(['m1', 'm-4o']);
    expect(await (await t!.api('/api/aliases')).json()).toEqual([
      { pattern: 'fast-*', target: 'c' },
      { pattern: 'smart', target: 'a/m1' },
      { pattern: 'gpt-*', target: 'b/m-$1' },
    ]);
    expect((await t!.api('/api/aliases?pattern=gpt-*', { method: 'DELETE' })).status).toBe(200);
    expect((await t!.api('/api/aliases?pattern=gpt-*', { method: 'DELETE' })).status).toBe(404);
    expect((await chat('gpt-4o')).status).toBe(404);
    const self = await t!.api('/api/aliases', {
      method: 'PUT',
      body: JSON.stringify({ pattern: 'x', target: 'X' }),
    });
    expect(self.status).toBe(400);
  });

  it('a price override changes the cost recorded for the next request; deleting it restores the default', async () => {
    await setup((b) => `providers:\n${provider('a', b)}`);
    up!.setDefault(() => OK);
    const cost = async () => {
      const [id] = await served('a/gpt-4.1-mini', 1);
      t!.core.runtime.store.requestLog.flush();
      return (
        t!.core.runtime.store.db.prepare('SELECT cost_usd FROM request_log WHERE id = ?').get(id) as any
      ).cost_usd as number;
    };
    expect(await cost()).toBeCloseTo(MINI_COST, 12);
    const row = { model: 'gpt-4.1-mini', providerId: 'a', inputPerMTok: 1000, outputPerMTok: 2000 };
    const put = await t!.api('/api/prices', { method: 'PUT', body: JSON.stringify(row) });
    expect(await put.json()).toEqual({ ...row, source: 'override' });
    expect(await cost()).toBeCloseTo((16 * 1000 + 363 * 2000) / 1e6, 9);
    const prices = (await (await t!.api('/api/prices')).json()) as any[];
    expect(prices).toContainEqual({ ...row, source: 'override' });
    expect(prices).toContainEqual({
      model: 'gpt-4.1-mini*',
      inputPerMTok: 0.4,
      outputPerMTok: 1.6,
      cachedInputPerMTok: 0.1,
      source: 'default',
      from: 'models.dev (github.com/anomalyco/models.dev@f3fc692)',
      checked: '2026-07-02',
    });
    expect(prices).toContainEqual({
      model: '*',
      providerId: 'ollama',
      inputPerMTok: 0,
      outputPerMTok: 0,
      source: 'default',
    });
    expect((await t!.api('/api/prices?model=gpt-4.1-mini', { method: 'DELETE' })).status).toBe(404);
    expect((await t!.api('/api/prices', { method: 'DELETE' })).status).toBe(400);
    expect((await t!.api('/api/prices?model=gpt-4.1-mini&providerId=a', { method: 'DELETE' })).status).toBe(
      200,
    );
    expect(await cost()).toBeCloseTo(MINI_COST, 12);
  });

  it('a disabled combo step is skipped; step weights steer the weighted strategy', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('a', b)}${provider('b', b)}combos:\n  - name: c\n    models: [a/m1, b/m2]\n`,
    );
    up!.setDefault(() => OK);
    const put = await t!.api('/api/combos/c', {
      method: 'PUT',
      body: JSON.stringify({ models: ['a/m1', 'b/m2'], disabledSteps: ['a/m1'] }),
    });
    expect(await put.json()).toMatchObject({ disabledSteps: ['a/m1'] });
    await served('c', 3);
    expect(up!.requests.map((r) => r.json.model)).toEqual(['m2', 'm2', 'm2']);
    up!.requests.length = 0;
    await t!.api('/api/combos/c', {
      method: 'PUT',
      body: JSON.stringify({ strategy: 'weighted', models: ['a/m1', 'b/m2'], weights: { 'a/m1': 0 } }),
    });
    await served('c', 20, 5);
    expect(new Set(up!.requests.map((r) => r.json.model))).toEqual(new Set(['m2']));
    up!.requests.length = 0;
    await t!.api('/api/combos/c', {
      method: 'PUT',
      body: JSON.stringify({ strategy: 'weighted', models: ['a/m1', 'b/m2'], weights: { 'b/m2': 0 } }),
    });
    await served('c', 20, 5);
    expect(new Set(up!.requests.map((r) => r.json.model))).toEqual(new Set(['m1']));
  });
});
