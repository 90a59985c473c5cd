import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPath, mountDashboard } from '../../../core/server/dashboard.js';
import type { AppEnv } from '../../../core/server/env.js';

// The dashboard's static handler: a malformed %-encoding is the caller's 400 (it was a 500), and
// a path is inside the dashboard folder only by whole segments (a sibling `<root>-x` was served).

let base: string;
let root: string;
let app: Hono<AppEnv>;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'omniroute-dash-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>index</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(path.join(base, 'renderer-x'));
  writeFileSync(path.join(base, 'renderer-x', 'secret.txt'), 'SECRET');
  writeFileSync(path.join(base, 'outside.txt'), 'OUTSIDE');
  app = new Hono<AppEnv>();
  mountDashboard(app, root);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('dashboard static handler', () => {
  it('serves an asset and falls back to index.html for client routes', async () => {
    const js = await app.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1)');
    const route = await app.request('/settings/providers');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>index</title>');
  });

  it.each(['/%E0%A4%A', '/%', '/assets/%ZZ.js', '/%C0%AF'])(
    '%s (malformed percent-encoding) → 400',
    async (p) => {
      const res = await app.request(p);
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/at |\.ts:|\.js:/);
    },
  );

  it.each([
    '/..%2frenderer-x%2fsecret.txt',
    '/%2e%2e%2frenderer-x%2fsecret.txt',
    '/assets%2f..%2f..%2frenderer-x%2fsecret.txt',
    '/..%2foutside.txt',
    '/..%5coutside.txt',
  ])('%s cannot leave the dashboard folder', async (p) => {
    const res = await app.request(p);
    const text = await res.text();
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('OUTSIDE');
  });

  it('assetPath compares whole segments', () => {
    expect(assetPath(root, '/..%2frenderer-x%2fsecret.txt')).toBeNull();
    expect(assetPath(root, '/%2e%2e')).toBeNull();
    expect(assetPath(root, '/a%00b')).toBeNull();
    expect(assetPath(root, '/%E0%A4%A')).toBeUndefined();
    expect(assetPath(root, '/..foo.js')).toBe(path.join(root, '..foo.js'));
    expect(assetPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });
});
