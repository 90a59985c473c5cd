import { describe, expect, it } from 'vitest';
import {
  callerLoginFor,
  forwardedLoginHeaders,
  LOGINS,
  redactLogin,
  withoutOauthBeta,
} from '../../../core/providers/login/index.js';

// The vendors' quota signals as SUBSCRIPTIONS.md lists them (verified against the real CLIs).

const NOW = Date.parse('2026-12-06T12:00:00Z');
const s = (ms: number) => String(Math.floor(ms / 1000));
const header = (h: Record<string, string>) => (n: string) => h[n];

describe('Claude Code login', () => {
  const kind = LOGINS.anthropic;
  it('is the sk-ant-oat token with the OAuth beta, nothing else', () => {
    const ok = {
      authorization: 'Bearer sk-ant-oat01-abc',
      'anthropic-beta': 'claude-code-20250219, oauth-2025-04-20',
    };
    expect(kind.credential(header(ok))).toMatchObject({
      secret: 'sk-ant-oat01-abc',
      label: 'Claude Code login',
    });
    expect(kind.credential(header({ ...ok, 'anthropic-beta': 'claude-code-20250219' }))).toBeUndefined();
    expect(kind.credential(header({ ...ok, authorization: 'Bearer sk-ant-api03-key' }))).toBeUndefined();
    expect(
      kind.credential(header({ 'x-api-key': 'sk-ant-oat01-abc', 'anthropic-beta': 'oauth-2025-04-20' })),
    ).toBeUndefined();
  });

  it('reads each unified window: utilization fraction → %, reset in unix seconds, status', () => {
    const r = kind.readPlan(
      {
        status: 200,
        headers: {
          'anthropic-ratelimit-unified-status': 'allowed_warning',
          'anthropic-ratelimit-unified-5h-utilization': '0.8512',
          'anthropic-ratelimit-unified-5h-reset': s(NOW + 3600_000),
          'anthropic-ratelimit-unified-5h-status': 'allowed_warning',
          'anthropic-ratelimit-unified-7d_opus-utilization': '0.1',
          'anthropic-ratelimit-unified-7d_opus-reset': s(NOW + 86_400_000),
          'anthropic-ratelimit-unified-overage-status': 'rejected',
        },
      },
      NOW,
    );
    expect(r.exhaustedUntil).toBeUndefined();
    expect(r.windows).toEqual([
      {
        id: '5h',
        label: '5 h',
        usedPct: 85.12,
        resetsAt: NOW + 3600_000,
        status: 'allowed_warning',
        windowMs: 5 * 3600_000,
      },
      {
        id: '7d_opus',
        label: 'weekly Opus',
        usedPct: 10,
        resetsAt: NOW + 86_400_000,
        windowMs: 7 * 86_400_000,
      },
      { id: 'overage', label: 'extra usage', usedPct: 100, status: 'rejected' },
    ]);
  });

  it('exhausted = 429 with a rejected status; waits for the latest reset of the rejected windows', () => {
    const headers = {
      'anthropic-ratelimit-unified-status': 'rejected',
      'anthropic-ratelimit-unified-reset': s(NOW + 3600_000),
      'anthropic-ratelimit-unified-representative-claim': 'seven_day',
      'anthropic-ratelimit-unified-5h-status': 'rejected',
      'anthropic-ratelimit-unified-5h-reset': s(NOW + 3600_000),
      'anthropic-ratelimit-unified-7d-status': 'rejected',
      'anthropic-ratelimit-unified-7d-reset': s(NOW + 2 * 86_400_000),
    };
    const r = kind.readPlan({ status: 429, headers }, NOW);
    expect(r.exhaustedUntil).toBe(NOW + 2 * 86_400_000);
    expect(r.reason).toContain('seven_day');
    // The same headers on a 200 are information, not exhaustion; a bare 429 is a rate limit.
    expect(kind.readPlan({ status: 200, headers }, NOW).exhaustedUntil).toBeUndefined();
    expect(
      kind.readPlan({ status: 429, headers: { 'retry-after': '30' } }, NOW).exhaustedUntil,
    ).toBeUndefined();
  });

  it('the OAuth beta flag never reaches an API-key step', () => {
    expect(
      withoutOauthBeta('claude-code-20250219,oauth-2025-04-20,fine-grained-tool-streaming-2025-05-14'),
    ).toBe('claude-code-20250219,fine-grained-tool-streaming-2025-05-14');
    expect(withoutOauthBeta('prompt-caching-2024-07-31')).toBe('prompt-caching-2024-07-31');
  });
});

describe('Codex ChatGPT login', () => {
  const kind = LOGINS.chatgpt;
  it('needs the bearer and the account id; the account id names the login across token refreshes', () => {
    const a = callerLoginFor(
      'openai-responses',
      false,
      header({ authorization: 'Bearer tok-1', 'chatgpt-account-id': 'acct-9' }),
    );
    const b = callerLoginFor(
      'openai-responses',
      false,
      header({ authorization: 'Bearer tok-2', 'chatgpt-account-id': 'acct-9' }),
    );
    expect(a!.identity).toBe(b!.identity);
    expect(a!.identity).toMatch(/^[0-9a-f]{16}$/);
    expect(a!.identity).not.toContain('acct');
    expect(
      callerLoginFor('openai-responses', false, header({ authorization: 'Bearer tok-1' })),
    ).toBeUndefined();
    expect(
      callerLoginFor(
        'openai-chat',
        false,
        header({ authorization: 'Bearer tok-1', 'chatgpt-account-id': 'acct-9' }),
      ),
    ).toBeUndefined();
  });

  it('reads primary and secondary windows; usage_limit_reached is exhausted until resets_at', () => {
    const headers = {
      'x-codex-primary-used-percent': '97',
      'x-codex-primary-window-minutes': '300',
      'x-codex-primary-reset-after-seconds': '600',
      'x-codex-secondary-used-percent': '41.5',
      'x-codex-secondary-window-minutes': '10080',
      'x-codex-secondary-reset-at': s(NOW + 4 * 86_400_000),
    };
    const ok = kind.readPlan({ status: 200, headers }, NOW);
    expect(ok.windows).toEqual([
      { id: 'primary', label: '5 h', usedPct: 97, resetsAt: NOW + 600_000, windowMs: 300 * 60_000 },
      {
        id: 'secondary',
        label: 'weekly',
        usedPct: 41.5,
        resetsAt: NOW + 4 * 86_400_000,
        windowMs: 10_080 * 60_000,
      },
    ]);
    const body = JSON.stringify({
      error: {
        type: 'usage_limit_reached',
        resets_at: Math.floor((NOW + 7200_000) / 1000),
        plan_type: 'pro',
      },
    });
    const out = kind.readPlan({ status: 429, headers, body }, NOW);
    expect(out.exhaustedUntil).toBe(NOW + 7200_000);
    expect(out.reason).toContain('pro');
    expect(
      kind.readPlan({ status: 429, headers, body: { error: { type: 'rate_limit_exceeded' } } }, NOW)
        .exhaustedUntil,
    ).toBeUndefined();
  });

  it('forwards /v1/responses and /v1/models to the Codex backend', () => {
    expect(kind.upstreamUrl('https://chatgpt.com/backend-api/codex/', '/v1/responses')).toBe(
      'https://chatgpt.com/backend-api/codex/responses',
    );
    expect(
      kind.upstreamUrl('https://chatgpt.com/backend-api/codex', '/v1/models?client_version=0.169.0'),
    ).toBe('https://chatgpt.com/backend-api/codex/models?client_version=0.169.0');
  });
});

describe('Gemini CLI login (Code Assist)', () => {
  const kind = LOGINS['code-assist'];
  const error = (details: unknown[]) => ({
    error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'quota', details },
  });
  it('only on the Code Assist routes', () => {
    expect(callerLoginFor('gemini', true, header({ authorization: 'Bearer ya29.x' }))?.kind).toBe(
      'code-assist',
    );
    expect(callerLoginFor('gemini', false, header({ authorization: 'Bearer ya29.x' }))).toBeUndefined();
  });

  it('QUOTA_EXHAUSTED, a per-day quota id or a retry delay over 300 s is terminal for that model', () => {
    const info = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'QUOTA_EXHAUSTED' };
    const day = kind.readPlan({ status: 429, headers: {}, body: error([info]) }, NOW);
    expect(day.modelOnly).toBe(true);
    // Midnight Pacific after 2026-12-06T12:00Z (04:00 PST) is 2026-12-07T08:00Z.
    expect(day.exhaustedUntil).toBe(Date.parse('2026-12-07T08:00:00Z'));
    const perDay = {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaId: 'RequestsPerDayPerUserPerModel' }],
    };
    expect(
      kind.readPlan({ status: 429, headers: {}, body: error([perDay]) }, NOW).exhaustedUntil,
    ).toBeDefined();
    const long = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3600s' };
    expect(kind.readPlan({ status: 429, headers: {}, body: error([long]) }, NOW).exhaustedUntil).toBe(
      NOW + 3600_000,
    );
    // A short retry delay is an ordinary rate limit: back off, don't skip the login for the day.
    const short = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12.5s' };
    expect(
      kind.readPlan({ status: 429, headers: {}, body: error([short]) }, NOW).exhaustedUntil,
    ).toBeUndefined();
  });
});

describe('what a login step forwards', () => {
  it('the caller’s headers minus hop-by-hop ones, our key, and the encoding (we read the answer)', () => {
    const out = forwardedLoginHeaders({
      authorization: 'Bearer sk-ant-oat01-x',
      'anthropic-beta': 'oauth-2025-04-20',
      'x-omniroute-key': 'omr-key',
      connection: 'keep-alive, x-hop',
      'x-hop': 'gone',
      'keep-alive': 'timeout=5',
      host: '127.0.0.1:20128',
      'content-length': '10',
      'accept-encoding': 'gzip, br',
      'transfer-encoding': 'chunked',
      'user-agent': 'claude-cli/2.1.197',
      'x-stainless-arch': ['x64'],
    });
    expect(out).toEqual({
      authorization: 'Bearer sk-ant-oat01-x',
      'anthropic-beta': 'oauth-2025-04-20',
      'user-agent': 'claude-cli/2.1.197',
      'x-stainless-arch': 'x64',
    });
  });

  it('redacts the credential from any text we keep', () => {
    const login = callerLoginFor(
      'anthropic',
      false,
      header({ authorization: 'Bearer sk-ant-oat01-SECRET', 'anthropic-beta': 'oauth-2025-04-20' }),
    );
    expect(redactLogin('bad token sk-ant-oat01-SECRET (sk-ant-oat01-SECRET)', login)).toBe(
      'bad token [redacted] ([redacted])',
    );
  });
});

describe('where a credential we do not own may go', () => {
  it('only to the vendor’s host over HTTPS, or to this machine', async () => {
    const { credentialTargetProblems } = await import('../../../core/providers/credential-targets.js');
    expect(
      credentialTargetProblems({
        id: 'claude-login',
        login: 'anthropic',
        baseUrl: 'https://api.anthropic.com',
      }),
    ).toEqual([]);
    expect(
      credentialTargetProblems({ id: 'claude-login', login: 'anthropic', baseUrl: 'http://127.0.0.1:9999' }),
    ).toEqual([]);
    expect(credentialTargetProblems({ id: 'claude-login', login: 'anthropic' })).toEqual([]);
    const bad = credentialTargetProblems({
      id: 'claude-login',
      login: 'anthropic',
      baseUrl: 'https://relay.example.com',
    });
    expect(bad).toEqual([
      { field: 'baseUrl', message: expect.stringContaining('https://api.anthropic.com') },
    ]);
    expect(
      credentialTargetProblems({ id: 'x', login: 'anthropic', baseUrl: 'http://api.anthropic.com' }),
    ).toHaveLength(1);
    expect(credentialTargetProblems({ id: 'chatgpt-plan', authUrl: 'https://auth.example.com' })).toEqual([
      { field: 'authUrl', message: expect.stringContaining('https://auth.openai.com') },
    ]);
    expect(
      credentialTargetProblems({
        id: 'chatgpt-plan',
        baseUrl: 'https://api.openai.com/v1',
        authUrl: 'https://auth.openai.com',
      }),
    ).toEqual([]);
    expect(credentialTargetProblems({ id: 'openai', authUrl: 'https://auth.openai.com' })).toHaveLength(1);
    // An API key of the user's own may go where the user says.
    expect(credentialTargetProblems({ id: 'openai', baseUrl: 'https://relay.example.com/v1' })).toEqual([]);
  });
});
