import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** The built dashboard: dist/renderer next to dist/core, or the repo's dist/renderer from sources. */
export function findDashboardDir(explicit?: string): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    explicit,
    path.resolve(here, '../../renderer'),
    path.resolve(here, '../../dist/renderer'),
  ];
  return candidates.find((d) => d && existsSync(path.join(d, 'index.html')));
}

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>OmniRoute</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>OmniRoute is running</h1>
<p>The gateway answers at <code>/v1</code>. The dashboard has not been built: run <code>npm run build</code>.</p>
<p>Health: <a href="/health">/health</a> · Management API: <a href="/api/openapi.json">/api/openapi.json</a></p>
</body></html>`;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function mountDashboard(app: Hono<AppEnv>, dir: string | undefined): void {
  const root = dir ? path.resolve(dir) : undefined;
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/v1') || p.startsWith('/api/') || p === '/api' || p === '/health') return next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!root) return c.html(PLACEHOLDER);
    let file = path.resolve(root, '.' + decodeURIComponent(p));
    if (!file.startsWith(root)) return c.text('Not found', 404);
    // Client-side routes fall back to index.html; real assets are served as they are.
    if (!path.extname(file) || !existsSync(file)) file = path.join(root, 'index.html');
    try {
      const body = await readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return c.body(body, 200, { 'Content-Type': type });
    } catch {
      return c.text('Not found', 404);
    }
  });
}
