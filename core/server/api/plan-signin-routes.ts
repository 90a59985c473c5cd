import type { Hono } from 'hono';
import { z } from 'zod';
import { CALLBACK_PATH } from '../../providers/chatgpt-plan/oauth.js';
import type { ChatGptPlanAccounts } from '../../gateway/plan-accounts.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { AppEnv } from '../env.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';

export const ChatGptSignInStatusOut = z.object({
  state: z.enum(['pending', 'done', 'error']),
  connectionId: z.string().optional(),
  email: z.string().optional(),
  planUsage: z.boolean().optional(),
  firstTime: z.boolean().optional(),
  error: z.string().optional(),
});

/**
 * The callback OpenAI's documentation requires: `http://127.0.0.1:<port>/auth/callback` — the
 * gateway's own port, on loopback even when it listens on every interface.
 */
export function signInOrigin(rt: Runtime): string {
  return `http://127.0.0.1:${rt.bind.port}`;
}

/** POST /api/chatgpt/sign-in: open `url` in a browser; it comes back to `redirectUri`. */
export const ChatGptSignInStartOut = z.object({
  state: z.string(),
  url: z.string(),
  redirectUri: z.string(),
});
/** POST /api/chatgpt/accounts/:id/models: the account's models, discovered again. */
export const ChatGptModelsOut = z.object({ models: z.array(z.string()) });

/** Sign in with ChatGPT: start a sign-in, follow it, and the browser's way back. */
export function planSignInRoutes(rt: Runtime, accounts: ChatGptPlanAccounts): ApiRoute[] {
  /** `id`, when it names a ChatGPT plan account; a 404 otherwise. */
  const planAccount = (id: string) => {
    if (!rt.connections.some((x) => x.id === id && x.providerId === 'chatgpt-plan'))
      throw new ApiError(404, 'No such ChatGPT account.');
    return id;
  };
  return routeGroup('providers', (r) => [
    r.post('/chatgpt/sign-in', {
      summary:
        'Start "Sign in with ChatGPT" (a new chatgpt-plan account, or `connectionId` to sign one in again): open `url` in a browser; it comes back to /auth/callback on this gateway. Follow it with GET /api/chatgpt/sign-in/{state}.',
      body: z.object({ connectionId: z.string().optional() }).strict(),
      response: ChatGptSignInStartOut,
      handler: (c, b) => {
        const origin = signInOrigin(rt);
        const { state, url } = accounts.start(origin, b.connectionId);
        return c.json({ state, url, redirectUri: origin + CALLBACK_PATH });
      },
    }),
    r.get('/chatgpt/sign-in/:state', {
      summary: 'Where a sign-in stands: pending, done (with the account) or error (with why).',
      response: ChatGptSignInStatusOut,
      errors: { 404: 'Unknown or expired sign-in.' },
      handler: (c) => {
        const s = accounts.status(c.req.param('state'));
        if (!s) throw new ApiError(404, 'No sign-in with that state (they expire after 15 minutes).');
        return c.json(s);
      },
    }),
    r.post('/chatgpt/accounts/:id/sign-out', {
      summary:
        "Sign a ChatGPT account out: its refresh token is revoked at OpenAI (the discovery document's revocation endpoint), then the account and its tokens are removed here. `revoked: false` says the remote revocation was not confirmed (disconnect the app in ChatGPT settings to be sure).",
      response: z.object({ revoked: z.boolean(), message: z.string().optional() }),
      errors: { 404: 'No such ChatGPT account.' },
      handler: async (c) => c.json(await accounts.signOut(planAccount(c.req.param('id')))),
    }),
    r.post('/chatgpt/accounts/:id/models', {
      summary: "Discover the account's models again (GET /v1/models on its plan; `visibility: list`).",
      response: ChatGptModelsOut,
      handler: async (c) => c.json({ models: await accounts.discoverModels(planAccount(c.req.param('id'))) }),
    }),
  ]);
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  '<style>body{font:16px system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1d2330}h1{font-size:1.3rem}</style>' +
  `</head><body><h1>${title}</h1>${body}</body></html>`;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The browser's way back from the authorization server (not under /api: it carries no credential). */
export function mountPlanCallback(app: Hono<AppEnv>, accounts: ChatGptPlanAccounts): void {
  app.get(CALLBACK_PATH, async (c) => {
    const status = await accounts.callback(new URL(c.req.url).searchParams);
    c.header('cache-control', 'no-store');
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (status.state !== 'done')
      return c.html(page('Sign-in did not complete', `<p>${esc(status.error ?? 'Unknown error.')}</p>`), 400);
    if (!status.planUsage)
      return c.html(
        page(
          'Signed in — ChatGPT plan usage is off',
          `<p>${esc(status.email ?? 'Your account')} is connected, but plan usage was not allowed, so OmniRoute will not use it. Sign in again from the dashboard and allow it.</p>`,
        ),
      );
    return c.html(
      page(
        status.firstTime ? 'You’re using your ChatGPT plan' : 'Signed in with ChatGPT',
        `<p>${esc(status.email ?? 'Your account')} is connected. Eligible requests through OmniRoute now use your ChatGPT plan; you can manage its usage in <a href="https://chatgpt.com/settings/usage">ChatGPT settings → Usage</a>.</p><p>You can close this tab.</p>`,
      ),
    );
  });
}
