// The real coding agents, installed from npm, answering through the gateway from an upstream of
// another format (replayed from real captures). Heavy (two CLIs, ~300 MB), so not part of
// `npm test`: run `npm run test:agents`. Installs the agents into .agents/ on first use.
//   Claude Code (`claude -p`, Anthropic Messages)  → gateway → openai-chat upstream
//   Codex CLI (`codex exec`, OpenAI Responses)     → gateway → anthropic upstream
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installAgents } from './install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const agentsDir = process.env.OMNIROUTE_AGENTS_DIR ?? path.join(root, '.agents');
const AGENTS = { '@anthropic-ai/claude-code': '2.1', '@openai/codex': '0.169' };

const bin = installAgents(agentsDir, AGENTS, ['claude', 'codex']);

const fx = path.join(root, 'tests', 'fixtures', 'upstream');
const lines = (f) =>
  readFileSync(path.join(fx, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
const frames = (f, named) =>
  lines(f)
    .map((l) => (named ? `event: ${JSON.parse(l).type}\n` : '') + `data: ${l}\n\n`)
    .join('');
const textOf = {
  openai: lines('openai-chat/openai-text.chunks.txt')
    .map((l) => JSON.parse(l).choices?.[0]?.delta?.content ?? '')
    .join(''),
  anthropic: lines('anthropic/anthropic-text.chunks.txt')
    .map((l) => JSON.parse(l).delta?.text ?? '')
    .join(''),
};

// One fake upstream for both: OpenAI chat and Anthropic routes, streamed or not.
const seen = [];
const POLICIES = Boolean(process.env.OMNIROUTE_AGENTS_POLICIES);
/** Upstream calls whose body lacks the global system prompt (must stay 0 with POLICIES). */
let withoutPrompt = 0;
const upstream = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    let tools = 0;
    try {
      tools = JSON.parse(body).tools?.length ?? 0;
    } catch {}
    seen.push(`${req.method} ${req.url} (${tools} tools)`);
    if (POLICIES && !body.includes('Answer briefly.')) withoutPrompt++;
    const stream = /"stream":\s*true/.test(body);
    if (req.url.startsWith('/v1/chat/completions')) {
      if (stream)
        res
          .writeHead(200, { 'content-type': 'text/event-stream' })
          .end(frames('openai-chat/openai-text.chunks.txt', false) + 'data: [DONE]\n\n');
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(readFileSync(path.join(fx, 'openai-chat/openai-text.json')));
    } else if (req.url.startsWith('/v1/messages')) {
      if (stream)
        res
          .writeHead(200, { 'content-type': 'text/event-stream' })
          .end(frames('anthropic/anthropic-text.chunks.txt', true));
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(readFileSync(path.join(fx, 'anthropic/anthropic-text.json')));
    } else res.writeHead(404).end();
  });
});
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const U = `http://127.0.0.1:${upstream.address().port}`;

spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--core-only', '--quiet'], {
  stdio: 'inherit',
});
const { startCore, createLogger } = await import(
  pathToFileURL(path.join(root, 'dist', 'core', 'index.js')).href
);
// The management API needs a credential, even from this machine.
const ADMIN_TOKEN = `agents-admin-${Date.now()}`;
const core = await startCore({
  dataDir: mkdtempSync(path.join(os.tmpdir(), 'omniroute-agents-')),
  port: 0,
  logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
  adminToken: ADMIN_TOKEN,
});
const api = (p, method, body) =>
  fetch(core.url + p, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  }).then((r) => r.json());
await api('/api/providers/oc', 'PUT', { format: 'openai-chat', baseUrl: `${U}/v1` });
await api('/api/connections', 'POST', { providerId: 'oc', name: 'a', apiKey: 'upstream-key-1' });
await api('/api/providers/an', 'PUT', { format: 'anthropic', baseUrl: `${U}/v1` });
await api('/api/connections', 'POST', { providerId: 'an', name: 'a', apiKey: 'upstream-key-2' });
const { key } = await api('/api/keys', 'POST', { name: 'agents' });
await api('/api/settings', 'PATCH', {
  requireApiKey: true,
  // OMNIROUTE_AGENTS_POLICIES=1: the same runs with a global system prompt and a custom thinking
  // budget, which edit the agents' own bodies on the way (docs/shared-answers-and-policies.md).
  ...(POLICIES
    ? { systemPrompt: 'Answer briefly.', thinkingMode: 'custom', thinkingBudgetTokens: 2048 }
    : {}),
});

function run(cmd, args, env, timeoutMs = 120_000) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(t);
      resolve({ code, out, err });
    });
  });
}

const results = [];
const home = mkdtempSync(path.join(os.tmpdir(), 'agents-home-'));

{
  seen.length = 0;
  withoutPrompt = 0;
  const model = 'oc/gpt-4.1-nano';
  const r = await run(bin('claude'), ['-p', 'Say hello in one short sentence.'], {
    HOME: home,
    ANTHROPIC_BASE_URL: core.url,
    ANTHROPIC_API_KEY: key,
    ANTHROPIC_MODEL: model,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
    ANTHROPIC_DEFAULT_SONNET_MODEL: model,
    ANTHROPIC_DEFAULT_OPUS_MODEL: model,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  });
  const ok = r.code === 0 && r.out.trim().includes(textOf.openai.trim().slice(0, 60)) && withoutPrompt === 0;
  results.push({
    agent: 'Claude Code (claude -p) → openai-chat upstream',
    ok,
    code: r.code,
    upstreamCalls: [...seen],
    out: r.out.trim().slice(0, 200),
    err: r.err.trim().slice(-600),
  });
}
{
  seen.length = 0;
  withoutPrompt = 0;
  const codexHome = mkdtempSync(path.join(os.tmpdir(), 'codex-home-'));
  const r = await run(
    bin('codex'),
    [
      'exec',
      '--skip-git-repo-check',
      '--disable',
      'plugins',
      '-c',
      'model_provider="omni"',
      '-c',
      `model_providers.omni={name="OmniRoute", base_url="${core.url}/v1", env_key="OMNI_API_KEY", wire_api="responses"}`,
      '-c',
      'model="an/claude-sonnet-4-5"',
      'Say hello in one short sentence.',
    ],
    { HOME: home, CODEX_HOME: codexHome, OMNI_API_KEY: key },
  );
  const ok = r.code === 0 && r.out.includes(textOf.anthropic.trim().slice(0, 60)) && withoutPrompt === 0;
  results.push({
    agent: 'Codex CLI (codex exec) → anthropic upstream',
    ok,
    code: r.code,
    upstreamCalls: [...seen],
    out: r.out.trim().slice(0, 200),
    err: r.err.trim().slice(-600),
  });
}

await core.stop(1000);
upstream.close();
for (const r of results) {
  console.log(
    `${r.ok ? 'PASS' : 'FAIL'}  ${r.agent}  (exit ${r.code}; upstream saw: ${r.upstreamCalls.join(', ')})`,
  );
  if (!r.ok) console.log(`  stdout: ${r.out}\n  stderr: ${r.err}`);
}
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
