import type { Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { Runtime } from '../../runtime/runtime.js';
import { peerAddress, SESSION_COOKIE, type AdminAuth } from '../auth/admin.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { DashboardLinks } from '../auth/dashboard-links.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';

export const AuthStatusOut = z.object({
  loginRequired: z.boolean(),
  passwordSet: z.boolean(),
  authenticated: z.boolean(),
  exposed: z.boolean(),
});

const LoginIn = z.union([
  z.object({ password: z.string().min(1).max(1024) }).strict(),
  z.object({ token: z.string().min(1).max(1024) }).strict(),
]);

const PasswordIn = z
  .object({
    password: z.string().min(8, 'at least 8 characters').nullable(),
    current: z.string().optional(),
  })
  .strict();

export function authRoutes(rt: Runtime, auth: AdminAuth, links?: DashboardLinks): ApiRoute[] {
  return routeGroup('auth', (r) => [
    r.post('/auth/link', {
      summary:
        'A new one-time link that signs a browser in to the dashboard (what `omniroute dashboard` prints). Its first visit sets a session cookie; later visits do nothing.',
      response: z.object({ url: z.string() }),
      handler: (c) => {
        if (!links) throw new ApiError(404, 'This server makes no sign-in links.');
        return c.json({ url: links.url(new URL(c.req.url).origin) });
      },
    }),
    r.get('/auth/status', {
      summary: 'Whether the dashboard must sign in, and whether this caller is signed in.',
      public: true,
      response: AuthStatusOut,
      handler: (c) =>
        c.json({
          // Always: being on this machine is not a credential (kept for older dashboards).
          loginRequired: true,
          passwordSet: auth.passwordSet,
          authenticated: auth.check(c).ok,
          exposed: rt.exposed,
        }),
    }),
    r.post('/auth/login', {
      summary:
        'Sign in with the dashboard password or the admin token; sets an HttpOnly, SameSite=Strict session cookie. Failed attempts from one address are slowed down (429 with Retry-After).',
      public: true,
      body: LoginIn,
      response: z.object({ ok: z.literal(true) }),
      errors: {
        401: 'Wrong password or admin token.',
        409: 'No password is set (sign in with the admin token or the link).',
        429: 'Too many failed attempts from this address; see Retry-After.',
      },
      handler: (c, b) => signIn(c, b, rt, auth),
    }),
    r.post('/auth/logout', {
      summary: 'End this session.',
      response: z.object({ ok: z.literal(true) }),
      handler: (c) => {
        auth.endSession(getCookie(c, SESSION_COOKIE));
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.json({ ok: true });
      },
    }),
    r.put('/auth/password', {
      summary: 'Set or change the dashboard password (null removes it). Other sessions are signed out.',
      body: PasswordIn,
      response: z.object({ ok: z.literal(true) }),
      errors: { 401: 'The current password is wrong.' },
      handler: (c, b) => changePassword(c, b, rt, auth),
    }),
  ]);
}

async function signIn(c: Context<AppEnv>, b: z.infer<typeof LoginIn>, rt: Runtime, auth: AdminAuth) {
  const address = peerAddress(c);
  const wait = auth.throttle.retryAfter(address);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    throw new ApiError(429, `Too many failed sign-in attempts from this address; try again in ${wait} s.`);
  }
  if ('token' in b) {
    if (!auth.tokenValid(b.token)) {
      auth.failed(c, 'dashboard sign-in with the admin token');
      throw new ApiError(401, 'That is not the admin token.', 'token');
    }
  } else {
    const stored = rt.store.internal.get('passwordHash');
    if (!stored)
      throw new ApiError(
        409,
        'No dashboard password is set: open the Dashboard link OmniRoute printed at start, or sign in with the admin token (admin.token in the data directory).',
      );
    if (!(await verifyPassword(b.password, stored))) {
      auth.failed(c, 'dashboard sign-in with a password');
      throw new ApiError(401, 'Wrong password.', 'password');
    }
  }
  auth.throttle.succeed(address);
  auth.signIn(c);
  return c.json({ ok: true });
}

async function changePassword(
  c: Context<AppEnv>,
  b: z.infer<typeof PasswordIn>,
  rt: Runtime,
  auth: AdminAuth,
) {
  const stored = rt.store.internal.get('passwordHash');
  if (stored && !(b.current && (await verifyPassword(b.current, stored)))) {
    if (b.current) auth.failed(c, 'password change (wrong current password)');
    throw new ApiError(401, 'Give the current password in "current" to change it.', 'current');
  }
  if (b.password === null && (rt.exposed || rt.settings.lanExposure))
    throw new ApiError(
      400,
      rt.exposed
        ? 'A password is required while the server is reachable from the network.'
        : 'A password is required while lanExposure is on (the next start listens on the network); turn it off first.',
      'password',
    );
  rt.store.internal.set('passwordHash', b.password === null ? null : await hashPassword(b.password));
  auth.endAllSessions();
  // The caller stays signed in (with or without a password, a session is needed).
  auth.signIn(c);
  return c.json({ ok: true });
}
