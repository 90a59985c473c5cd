// Interleaved A/B (not a test): c=32 passthrough against the fake upstream, for the bare proxy,
// this checkout's gateway and, optionally, other checkouts' builds (e.g. a `git worktree` of an
// older commit, built with `node scripts/build.mjs --core-only`). Rounds alternate the order so
// the drift of a shared machine spreads evenly; the median of each is printed, with the
// server's CPU per request from /proc, which is steadier than req/s here.
//   node tests/bench/ab.mjs [other-checkout ...]   (AB_ROUNDS=6, AB_SECONDS=3, AB_STREAM=1, AB_EVENTS=1,
//   AB_LOGIN=1: Claude Code's own login passed through on /v1/messages instead of a keyed chat call)
import autocannon from 'autocannon';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { children, cpuSeconds, portOf, root, start } from './procs.mjs';
import { median, pairedRatios } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.AB_ROUNDS ?? 6);
const SECONDS = Number(process.env.AB_SECONDS ?? 3);
// AB_EVENTS=1: the stream of 20 small events, each its own read (upstream.mjs).
const events = process.env.AB_EVENTS === '1';
const stream = events || process.env.AB_STREAM === '1';
const login = process.env.AB_LOGIN === '1';

try {
  const upstream = start([path.join(here, 'upstream.mjs'), '0']);
  const U = await portOf(upstream);
  const variants = [
    { name: 'bare proxy', args: [path.join(here, 'bare-proxy.mjs'), '0', `http://127.0.0.1:${U}`] },
    { name: 'this checkout', bin: path.join(root, 'bin', 'omniroute.mjs') },
    ...process.argv.slice(2).map((dir) => ({ name: dir, bin: path.resolve(dir, 'bin', 'omniroute.mjs') })),
  ];
  for (const v of variants) {
    if (v.bin) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'omniroute-ab-'));
      const cfg = path.join(dir, 'ab.yaml');
      writeFileSync(
        cfg,
        `providers:\n  - id: bench-chat\n    format: openai-chat\n    baseUrl: http://127.0.0.1:${U}/v1\n    accounts:\n      - apiKey: bench-key-1\n` +
          `  - id: bench-login\n    login: anthropic\n    baseUrl: http://127.0.0.1:${U}\n`,
      );
      v.args = [v.bin, 'serve', '--port', '0', '--data-dir', dir, '--config', cfg, '--log-level', 'warn'];
    }
    v.proc = start(v.args);
    v.port = await portOf(v.proc);
    v.rps = [];
    v.cpu = [];
  }
  const body = JSON.stringify({
    model: login
      ? 'bench-login/claude-sonnet-4-6'
      : events
        ? 'bench-chat/bench-events'
        : 'bench-chat/gpt-4.1-nano',
    messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
    max_tokens: 64,
    stream,
  });
  const run = (port, duration) =>
    autocannon({
      url: `http://127.0.0.1:${port}${login ? '/v1/messages?beta=true' : '/v1/chat/completions'}`,
      method: 'POST',
      // What Claude Code on its own login sends (the token is a fake: the bench upstream takes any).
      headers: login
        ? {
            'content-type': 'application/json',
            authorization: 'Bearer sk-ant-oat01-bench-login-token',
            'anthropic-beta': 'claude-code-20250219,oauth-2025-04-20',
            'anthropic-version': '2023-06-01',
          }
        : { 'content-type': 'application/json' },
      body,
      connections: 32,
      duration,
    });
  for (const v of variants) await run(v.port, 2); // warm-up: JIT, pools, the lazily loaded engine
  for (let i = 0; i < ROUNDS; i++) {
    for (const v of i % 2 ? [...variants].reverse() : variants) {
      const c0 = cpuSeconds(v.proc.pid);
      const r = await run(v.port, SECONDS);
      v.rps.push(r.requests.average);
      v.cpu.push(((cpuSeconds(v.proc.pid) - c0) * 1e6) / r.requests.total);
    }
  }
  // Each round's own ratio: the bare proxy ran beside it, under the same load from neighbours.
  for (const v of variants) v.ratio = pairedRatios(v.rps, variants[0].rps);
  const bare = median(variants[0].rps);
  console.log(
    `c=32 ${login ? 'login ' : ''}${events ? '20-small-event stream' : stream ? 'stream' : 'JSON'} passthrough, ${ROUNDS} interleaved rounds of ${SECONDS} s (medians)`,
  );
  for (const v of variants) {
    const rps = median(v.rps);
    console.log(
      `${v.name.padEnd(24)} ${String(Math.round(rps)).padStart(6)} req/s (${(rps / bare).toFixed(2)} of bare; ` +
        `per round ${median(v.ratio).toFixed(2)} [${v.ratio.map((x) => x.toFixed(2)).join(' ')}])  ` +
        `${String(Math.round(median(v.cpu))).padStart(4)} µs CPU/req  [${v.cpu.map(Math.round).join(' ')}]`,
    );
  }
} finally {
  for (const c of children) c.kill('SIGKILL');
}
