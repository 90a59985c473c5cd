import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
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

/**
 * The built dashboard: `dist/renderer` under the package root, found by walking up from this
 * module (dist/core/server when compiled, core/server from sources) — never the renderer's
 * source folder, whose index.html is not servable.
 */
export function findDashboardDir(explicit?: string): string | undefined {
  if (explicit) return existsSync(path.join(explicit, 'index.html')) ? explicit : undefined;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) {
      const built = path.join(dir, 'dist', 'renderer');
      return existsSync(path.join(built, 'index.html')) ? built : undefined;
    }
    dir = path.dirname(dir);
  }
  return undefined;
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

const gzip = promisify(gzipCb);
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);

/**
 * The file under `root` a request path names: undefined when its %-encoding is malformed, null when
 * it points outside `root`. Containment is by whole path segments: `startsWith(root)` would also
 * accept a sibling folder whose name begins with root's (`renderer-x`).
 */
export function assetPath(root: string, requestPath: string): string | undefined | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + (decoded.startsWith('/') ? '' : '/') + decoded);
  const rel = path.relative(root, file);
  if (path.isAbsolute(rel) || rel === '..' || rel.startsWith('..' + path.sep)) return null;
  return file;
}

export function mountDashboard(app: Hono<AppEnv>, dir: string | undefined): void {
  const root = dir ? path.resolve(dir) : undefined;
  // Built assets never change while the server runs: compress each once, keep it in memory.
  const gzipped = new Map<string, Promise<Buffer>>();
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/v1') || p.startsWith('/api/') || p === '/api' || p === '/health') return next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!root) return c.html(PLACEHOLDER);
    let file = assetPath(root, p);
    if (file === undefined) return c.text('Bad request: the path is not valid percent-encoding.', 400);
    if (file === null) return c.text('Not found', 404);
    // Client-side routes fall back to index.html; real assets are served as they are.
    if (!path.extname(file) || !existsSync(file)) file = path.join(root, 'index.html');
    try {
      const ext = path.extname(file);
      const type = TYPES[ext] ?? 'application/octet-stream';
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      c.header('Vary', 'Accept-Encoding');
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        let z = gzipped.get(file);
        if (!z) {
          z = readFile(file).then((b) => gzip(b, { level: 9 }));
          gzipped.set(file, z);
          z.catch(() => gzipped.delete(file));
        }
        return c.body(new Uint8Array(await z), 200, { 'Content-Type': type, 'Content-Encoding': 'gzip' });
      }
      return c.body(new Uint8Array(await readFile(file)), 200, { 'Content-Type': type });
    } catch {
      return c.text('Not found', 404);
    }
  });
}
