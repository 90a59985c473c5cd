import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

// Runs in the browser (addInitScript); the root tsconfig has no DOM lib.
declare const window: {
  localStorage: { setItem(k: string, v: string): void };
  scrollTo(x: number, y: number): void;
};

export const CHROMIUM = process.env.OMNIROUTE_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DASHBOARD_DIR = path.join(ROOT, 'dist', 'renderer');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');

/**
 * A browser suite: skipped where Chromium is missing, except in CI, where a missing browser is a
 * failure (CI installs it) rather than a suite that silently ran nothing.
 */
export function chromiumSuite(name: string, body: () => void): void {
  if (!hasChromium) {
    if (process.env.CI)
      describe(name, () => {
        it('needs /usr/bin/chromium (CI installs it: apt-get install chromium)', () => {
          throw new Error(
            'Chromium is missing at /usr/bin/chromium; the browser tests cannot run in CI without it.',
          );
        });
      });
    else console.warn(`[e2e] /usr/bin/chromium not found: skipping "${name}" locally.`);
  }
  describe.skipIf(!hasChromium)(name, body);
}

/** Chromium, once the built dashboard the tests serve is there. */
export function launchForDashboard(): Promise<Browser> {
  if (!existsSync(path.join(DASHBOARD_DIR, 'index.html')))
    throw new Error('dist/renderer is not built (tests/setup/build-core.ts builds it)');
  return launch();
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Saves tests/e2e/screenshots/<name>.png (full page). */
  shot(name: string): Promise<void>;
  /** Fails when any request left this machine. */
  assertLocalOnly(): void;
}

export async function openSession(
  browser: Browser,
  opts: {
    skipOnboarding?: boolean;
    locale?: string;
    colorScheme?: 'light' | 'dark';
    /** A one-time link (core.dashboardLink()): opened first, as a user opens the printed one. */
    signIn?: string;
  } = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
  });
  if (opts.skipOnboarding) {
    await context.addInitScript(() => window.localStorage.setItem('omniroute.onboarding', 'done'));
  }
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (opts.signIn) {
    await page.goto(opts.signIn);
    await page.waitForSelector('html[data-ready="1"]');
  }
  return {
    context,
    page,
    requests,
    errors,
    async shot(name) {
      // From the top, so the sticky sidebar is where a reader expects it in a full-page image.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    assertLocalOnly() {
      const foreign = requests.filter((u) => {
        const url = new URL(u);
        if (url.protocol === 'data:' || url.protocol === 'about:' || url.protocol === 'blob:') return false;
        return !LOCAL_HOSTS.has(url.hostname);
      });
      if (foreign.length) throw new Error(`requests left 127.0.0.1:\n${foreign.join('\n')}`);
      if (requests.length === 0) throw new Error('no request was recorded: the network guard is not working');
    },
  };
}

/** A test's end: it fails when a request left 127.0.0.1 or the page logged an error; closes the context. */
export async function endSession(session: Session | undefined): Promise<void> {
  try {
    session?.assertLocalOnly();
    expect(session?.errors ?? []).toEqual([]);
  } finally {
    await session?.context.close();
  }
}
