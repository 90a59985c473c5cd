// The start-up sequence and wiring of the desktop shell, run against the fake electron and a
// real core (in this process, on real sockets), exactly as main.ts runs it inside Electron.
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, startCore, type CoreOptions } from '../../../core/index.js';
import { WRAPPED_KEY_FILE } from '../../../electron/key-provider.js';
import { isPortFree } from '../../../electron/port.js';
import { Prefs } from '../../../electron/prefs.js';
import { runShell, type Shell, type ShellOptions } from '../../../electron/shell.js';
import { tempDir } from '../../helpers/core.js';
import { internalsOf } from '../../../core/server/core-view.js';
import {
  createFakeElectron,
  memoryPrefsBackend,
  type FakeElectron,
  type FakeImage,
} from '../../helpers/fake-electron.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freePort(): Promise<number> {
  for (;;) {
    const p = 30_000 + Math.floor(Math.random() * 20_000);
    if ((await isPortFree(p)) && (await isPortFree(p + 1))) return p;
  }
}

async function launch(over: Partial<ShellOptions<FakeImage>> = {}, setup?: (fx: FakeElectron) => void) {
  const fx = createFakeElectron();
  fx.app.userData = tempDir('omniroute-shell-');
  cleanups.push(() => rmSync(fx.app.userData, { recursive: true, force: true }));
  setup?.(fx);
  const startSpy = vi.fn((o: CoreOptions) => startCore(o));
  const prefs = new Prefs(memoryPrefsBackend());
  const r = await runShell<FakeImage>({
    electron: fx.electron,
    argv: ['electron', '.'],
    platform: 'linux',
    env: {},
    execPath: '/usr/bin/electron',
    appRoot: '/repo',
    resourcesPath: '/repo/resources',
    electronVersion: '41.7.1',
    modulesAbi: '145',
    openPrefs: async () => prefs,
    autoLaunch: () => ({ enable: async () => {}, disable: async () => {}, isEnabled: async () => false }),
    startCore: startSpy,
    preferredPort: await freePort(),
    probe: async () => true,
    logger: createLogger('silent'),
    ...over,
  });
  if (r.status === 'running') {
    const shell = r.shell;
    cleanups.push(async () => {
      if (!fx.app.quitted) fx.app.quit();
      await shell.stopped;
    });
  }
  return { fx, r, startSpy, prefs };
}

function running(r: Awaited<ReturnType<typeof launch>>['r']): Shell<FakeImage> {
  if (r.status !== 'running') throw new Error(`shell did not start: ${JSON.stringify(r)}`);
  return r.shell;
}

describe('desktop shell start-up', () => {
  it('starts the core in-process, shows the dashboard in a locked-down window, and wires the tray to it', async () => {
    const { fx, r, startSpy } = await launch();
    const shell = running(r);
    const core = shell.core;
    expect(startSpy).toHaveBeenCalledTimes(1);
    expect(startSpy.mock.calls[0]![0]).toMatchObject({ dataDir: fx.app.userData });
    expect(startSpy.mock.calls[0]![0]).not.toHaveProperty('host');
    expect(core.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(core.url + '/health')).status).toBe(200);
    expect(existsSync(path.join(fx.app.userData, WRAPPED_KEY_FILE))).toBe(true); // the safeStorage-wrapped key

    const [win] = fx.windows();
    // A one-time sign-in link: its first visit gives the window a session, a second does not.
    expect(win!.loadedUrls).toHaveLength(1);
    const link = win!.loadedUrls[0]!;
    expect(link).toMatch(new RegExp(`^${core.url}/auth/link\\?token=[\\w-]{40,}$`));
    expect((await fetch(core.url + '/api/keys')).status).toBe(401);
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/');
    const session = first.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(core.url + '/api/keys', { headers: { cookie: session } })).status).toBe(200);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    });
    await vi.waitFor(() => expect(win!.visible).toBe(true)); // shown on ready-to-show, never blank

    // Tray: copy endpoint, then a combo appears (config change) and is switched from the menu.
    const tray = fx.trays()[0]!;
    tray.contextMenu!.click('copy-endpoint');
    expect(fx.clipboard.text).toBe(core.url + '/v1');
    expect(tray.contextMenu!.has('combo:coding')).toBe(false);
    internalsOf(core).runtime.store.combos.upsert({
      name: 'coding',
      strategy: 'fill-first',
      models: ['openai/gpt-4o'],
      enabled: true,
    });
    internalsOf(core).runtime.reload('combos');
    tray.contextMenu!.click('combo:coding');
    expect(internalsOf(core).runtime.settings.activeCombo).toBe('coding');
    expect(tray.contextMenu!.item('combo:coding').checked).toBe(true);

    // Manual offline from the tray: the core's offline mode, not owned by the watcher.
    tray.contextMenu!.click('offline');
    expect(internalsOf(core).runtime.settings.offlineMode).toBe(true);
    expect(shell.watcher.ownsOfflineState).toBe(false);
    expect(shell.tray.iconState).toBe('offline');

    // Close hides to the tray; a second launch brings it back.
    win!.close();
    expect(win!.visible).toBe(false);
    expect(win!.destroyed).toBe(false);
    fx.app.launchSecondInstance(['omniroute']);
    expect(win!.visible).toBe(true);
    expect(fx.windows()).toHaveLength(1);

    // Quit from the tray drains and stops the core, closes the database, then quits for real.
    tray.contextMenu!.click('quit');
    expect(fx.app.quitted).toBe(false); // held until the core has stopped
    await shell.stopped;
    expect(fx.app.quitted).toBe(true);
    expect(internalsOf(core).runtime.store.db.open).toBe(false);
    expect(tray.destroyed).toBe(true);
    await expect(fetch(core.url + '/health')).rejects.toThrow();
  });

  it('shows what happened and what to do when better-sqlite3 cannot load — no window, no core', async () => {
    const { fx, r, startSpy } = await launch({
      loadSqlite: () => {
        throw new Error('was compiled against a different Node.js version using NODE_MODULE_VERSION 115');
      },
    });
    expect(r).toMatchObject({ status: 'failed', reason: 'native-module' });
    expect(fx.dialog.errorBoxes).toHaveLength(1);
    expect(fx.dialog.errorBoxes[0]!.title).toBe('OmniRoute cannot start');
    expect(fx.dialog.errorBoxes[0]!.content).toMatch(
      /different runtime[\s\S]*What to do: Run `node scripts\/native\.mjs electron`/,
    );
    expect(fx.windows()).toHaveLength(0);
    expect(fx.trays()).toHaveLength(0);
    expect(startSpy).not.toHaveBeenCalled();
    expect(fx.app.quitted).toBe(true);
  });

  it('a second instance hands over and quits before touching the database or the port', async () => {
    const { fx, r, startSpy } = await launch({}, (f) => (f.app.lockAvailable = false));
    expect(r).toEqual({ status: 'second-instance' });
    expect(fx.app.quitted).toBe(true);
    expect(startSpy).not.toHaveBeenCalled();
    expect(fx.windows()).toHaveLength(0);
  });

  it('started at login (--hidden): tray only, the window is created on demand', async () => {
    const { fx, r } = await launch({ argv: ['omniroute', '--hidden'] });
    const shell = running(r);
    expect(fx.windows()).toHaveLength(0);
    fx.trays()[0]!.contextMenu!.click('open-dashboard');
    expect(fx.windows()).toHaveLength(1);
    expect(fx.windows()[0]!.loadedUrls).toEqual([
      expect.stringMatching(new RegExp(`^${shell.core.url}/auth/link\\?token=`)),
    ]);
  });

  it('takes the next free port when the preferred one is taken, and tells the user', async () => {
    const preferred = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((res) => blocker.listen(preferred, '127.0.0.1', () => res()));
    cleanups.push(() => new Promise<void>((res) => blocker.close(() => res())));
    const { fx, r } = await launch({ preferredPort: preferred });
    const shell = running(r);
    expect(shell.core.port).toBe(preferred + 1);
    expect(shell.portMoved).toBe(true);
    expect(fx.notifications().map((n) => n.options.title)).toContain(`OmniRoute is on port ${preferred + 1}`);
    expect(fx.notifications()[0]!.options.body).toMatch(
      new RegExp(`Port ${preferred} is used by another program`),
    );
  });

  it('goes offline automatically when the network is gone, and notifies once', async () => {
    const { fx, r } = await launch({}, (f) => (f.net.online = false));
    const shell = running(r);
    await vi.waitFor(() => expect(internalsOf(shell.core).runtime.settings.offlineMode).toBe(true));
    expect(shell.watcher.ownsOfflineState).toBe(true);
    expect(fx.trays()[0]!.contextMenu!.item('offline').label).toBe('Offline mode (automatic)');
    expect(fx.notifications().map((n) => n.options.title)).toEqual(['OmniRoute is offline']);
  });

  it('an account that must sign in again is announced once and listed in the tray', async () => {
    const { fx, r } = await launch();
    const rt = internalsOf(running(r).core).runtime;
    const { id } = rt.store.connections.upsert({
      providerId: 'chatgpt-plan',
      name: 'dev@example.com',
      apiKey: '{}',
    });
    rt.reload('connections');
    expect(fx.notifications()).toHaveLength(0);
    rt.store.connections.update(id, { signInState: 'sign-in-again' });
    rt.reload('connections');
    rt.reload('settings'); // another change: no second notice
    expect(fx.notifications().map((n) => n.options.title)).toEqual([
      'ChatGPT plan (Sign in with ChatGPT) · dev@example.com: sign in again',
    ]);
    expect(fx.trays()[0]!.contextMenu!.item(`sign-in:${id}`).label).toBe(
      'Sign in again: ChatGPT plan (Sign in with ChatGPT) · dev@example.com',
    );
  });

  it('notifies when a request fell back, deduplicated per route', async () => {
    const { fx, r } = await launch();
    const ev = internalsOf(running(r).core).runtime.events;
    ev.emit('request-finished', { id: '1', status: 200, route: 'groq/llama-3.3', fallback: true });
    ev.emit('request-finished', { id: '2', status: 200, route: 'groq/llama-3.3', fallback: true });
    ev.emit('request-finished', { id: '3', status: 200, route: 'openai/gpt-4o', fallback: false });
    expect(fx.notifications().map((n) => n.options.body)).toEqual([
      'The first choice failed, so the request was served by groq/llama-3.3.',
    ]);
  });

  it("notifies when no route answered a request: once per model, not for the caller's own errors, and the kind can be turned off", async () => {
    const { fx, r, prefs } = await launch();
    const ev = internalsOf(running(r).core).runtime.events;
    const failed = (id: string, status: number, over: Record<string, unknown> = {}) =>
      ev.emit('request-finished', {
        id,
        status,
        fallback: false,
        entry: {
          id,
          ts: Date.now(),
          callerFormat: 'anthropic',
          requestedModel: 'coder',
          attempts: 2,
          status,
          stream: true,
          error: 'upstream 503: overloaded',
          ...over,
        },
      });
    const titles = () => fx.notifications().map((n) => n.options.title);
    failed('1', 503);
    failed('2', 503); // the agent retrying: the same notice is not repeated
    failed('3', 400, { error: 'messages: required' }); // the caller's own mistake
    failed('4', 429, { attempts: 0, detail: undefined }); // a block budget refused it: nothing was tried
    expect(titles()).toEqual(['Requests for coder are failing']);
    expect(fx.notifications()[0]!.options.body).toBe(
      'No route answered (503: upstream 503: overloaded). Add a fallback step to the combo, or open the dashboard (Logs, Health).',
    );
    // Every route resting (quota, lockouts): nothing was sent, but every step was tried and skipped.
    failed('5', 429, {
      requestedModel: 'auto',
      attempts: 0,
      detail: { steps: ['a/m'], attempts: [{ providerId: 'a', status: 0, skipped: 'quota' }] },
    });
    expect(titles()).toEqual(['Requests for coder are failing', 'Requests for auto are failing']);
    prefs.setNotification('request-failed', false);
    failed('6', 502, { requestedModel: 'other' });
    expect(titles()).toHaveLength(2);
  });

  it('notifies when a budget is reached: once per period, block budgets say requests are refused, and the kind can be turned off', async () => {
    const { fx, r, prefs } = await launch();
    const core = running(r).core;
    const store = internalsOf(core).runtime.store;
    const key = store.apiKeys.create({ name: 'ci' }).record;
    store.budgets.create({ scope: { kind: 'global' }, period: 'day', limitUsd: 1, action: 'warn' });
    store.budgets.create({
      scope: { kind: 'key', id: key.id },
      period: 'week',
      limitUsd: 2,
      action: 'block',
    });
    internalsOf(core).runtime.reload('budgets');
    // What the gateway reports for each finished request: its cost goes to global, provider, key.
    let n = 0;
    const spend = (costUsd: number, apiKeyId?: string) =>
      internalsOf(core).router.finished({
        id: `r${++n}`,
        ts: Date.now(),
        callerFormat: 'openai-chat',
        attempts: 1,
        status: 200,
        stream: false,
        providerId: 'openai',
        costUsd,
        ...(apiKeyId ? { apiKeyId } : {}),
      });
    const shown = () => fx.notifications().map((x) => [x.options.title, x.options.body]);
    const resetsIn = String.raw`it resets in (under a minute|\d+d( \d+h)?|\d+h( \d+m)?|\d+m)`;

    spend(0.6);
    expect(shown()).toEqual([]);
    spend(0.6); // crosses the global warn budget
    expect(shown()).toEqual([
      [
        'Global daily budget reached',
        expect.stringMatching(
          new RegExp(
            String.raw`^\$1\.20 of \$1\.00 spent today\. Requests still go through \(this budget only warns\); ${resetsIn}\.$`,
          ),
        ),
      ],
    ]);
    spend(0.5); // still over, same period: no second notice
    expect(shown()).toHaveLength(1);

    spend(2.5, key.id); // the key's block budget is now exhausted
    expect(shown()).toHaveLength(2);
    expect(shown()[1]).toEqual([
      'Key "ci" weekly budget exhausted',
      expect.stringMatching(
        new RegExp(
          String.raw`^\$2\.50 of \$2\.00 spent this week\. Requests with this key are refused until ${resetsIn}\.$`,
        ),
      ),
    ]);
    expect(internalsOf(core).router.admit({ apiKeyId: key.id, model: 'openai/gpt-4o' })?.status).toBe(429); // what it says
    spend(0.1, key.id);
    expect(shown()).toHaveLength(2);

    // Turned off in the prefs: the core still emits, the shell shows nothing.
    prefs.setNotification('budget', false);
    const emitted: string[] = [];
    internalsOf(core).runtime.events.on('budget-exhausted', (e) => emitted.push(e.budgetId));
    const provider = store.budgets.create({
      scope: { kind: 'provider', id: 'openai' },
      period: 'month',
      limitUsd: 5,
      action: 'block',
    });
    internalsOf(core).runtime.reload('budgets');
    spend(1);
    expect(emitted).toEqual([provider.id]);
    expect(shown()).toHaveLength(2);
  });
});
