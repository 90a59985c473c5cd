import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { SESSION_COOKIE, type AdminAuth } from '../auth/admin.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { ApiError, route, type ApiRoute } from './route-table.js';

const Status = z.object({
  loginRequired: z.boolean(),
  passwordSet: z.boolean(),
  authenticated: z.boolean(),
  exposed: z.boolean(),
});

export function authRoutes(rt: Runtime, auth: AdminAuth): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/auth/status',
      tag: 'auth',
      summary: 'Whether the dashboard must sign in, and whether this caller is signed in.',
      public: true,
      response: Status,
      handler: (c) =>
        c.json({
          loginRequired: auth.loginRequired,
          passwordSet: auth.passwordSet,
          authenticated: auth.check(c) === 'ok',
          exposed: rt.exposed,
        }),
    }),
    route({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with the dashboard password; sets an HttpOnly, SameSite=Strict session cookie.',
      public: true,
      body: z.object({ password: z.string().min(1) }).strict(),
      response: z.object({ ok: z.literal(true) }),
      errors: { 401: 'Wrong password.', 409: 'No password is set.' },
      handler: async (c, b) => {
        const stored = rt.store.internal.get('passwordHash');
        if (!stored)
          throw new ApiError(409, 'No dashboard password is set; set one with PUT /api/auth/password.');
        if (!(await verifyPassword(b.password, stored)))
          throw new ApiError(401, 'Wrong password.', 'password');
        setCookie(c, SESSION_COOKIE, auth.newSession(), {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
          maxAge: 7 * 24 * 3600,
        });
        return c.json({ ok: true });
      },
    }),
    route({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'End this session.',
      response: z.object({ ok: z.literal(true) }),
      handler: (c) => {
        auth.endSession(getCookie(c, SESSION_COOKIE));
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.json({ ok: true });
      },
    }),
    route({
      method: 'put',
      path: '/auth/password',
      tag: 'auth',
      summary: 'Set or change the dashboard password (null removes it). Other sessions are signed out.',
      body: z
        .object({
          password: z.string().min(8, 'at least 8 characters').nullable(),
          current: z.string().optional(),
        })
        .strict(),
      response: z.object({ ok: z.literal(true) }),
      errors: { 401: 'The current password is wrong.' },
      handler: async (c, b) => {
        const stored = rt.store.internal.get('passwordHash');
        if (stored && !(b.current && (await verifyPassword(b.current, stored)))) {
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
        if (b.password !== null) {
          setCookie(c, SESSION_COOKIE, auth.newSession(), {
            httpOnly: true,
            sameSite: 'Strict',
            path: '/',
            maxAge: 7 * 24 * 3600,
          });
        }
        return c.json({ ok: true });
      },
    }),
  ];
}
