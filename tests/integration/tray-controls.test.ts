// The tray's controls, over the headless server's /api: the same state the desktop tray
// switches (core.setActiveCombo / core.setOffline) is reachable without Electron.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { CoreEventMap } from '../../core/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(async () => {
  await t.close();
});

const put = (p: string, body: unknown) => t.api(p, { method: 'PUT', body: JSON.stringify(body) });
const post = (p: string, body: unknown) => t.api(p, { method: 'POST', body: JSON.stringify(body) });

function record<K extends keyof CoreEventMap>(event: K): CoreEventMap[K][] {
  const seen: CoreEventMap[K][] = [];
  const off = t.core.runtime.events.on(event, (p) => seen.push(p));
  onTestFinished(off);
  return seen;
}

describe('active combo over /api', () => {
  it('switches core.runtime.settings.activeCombo and emits active-combo-changed', async () => {
    const events = record('active-combo-changed');
    expect(
      (await put('/api/combos/coding', { models: ['openai/gpt-4o', 'ollama/qwen2.5-coder'] })).status,
    ).toBe(200);
    expect((await put('/api/combos/cheap', { models: ['groq/llama-3.3-70b'] })).status).toBe(200);
    expect(t.core.runtime.settings.activeCombo).toBeNull();

    const res = await put('/api/state/active-combo', { combo: 'coding' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ activeCombo: 'coding' });
    expect(t.core.runtime.settings.activeCombo).toBe('coding');
    expect(events).toEqual([{ combo: 'coding' }]);

    await put('/api/state/active-combo', { combo: 'cheap' });
    expect(t.core.runtime.settings.activeCombo).toBe('cheap');
    const state = (await (await t.api('/api/state')).json()) as {
      activeCombo: string;
      combos: Array<{ name: string }>;
    };
    expect(state.activeCombo).toBe('cheap');
    expect(state.combos.map((c) => c.name).sort()).toEqual(['cheap', 'coding']);

    await put('/api/state/active-combo', { combo: null });
    expect(t.core.runtime.settings.activeCombo).toBeNull();
    expect(events).toEqual([{ combo: 'coding' }, { combo: 'cheap' }, { combo: null }]);
  });

  it('refuses unknown and disabled combos without changing anything', async () => {
    const events = record('active-combo-changed');
    await put('/api/state/active-combo', { combo: 'coding' });
    await put('/api/combos/retired', { models: ['openai/gpt-3.5-turbo'], enabled: false });
    expect((await put('/api/state/active-combo', { combo: 'nope' })).status).toBe(404);
    expect((await put('/api/state/active-combo', { combo: 'retired' })).status).toBe(409);
    expect(t.core.runtime.settings.activeCombo).toBe('coding');
    expect(events).toEqual([{ combo: 'coding' }]);
  });

  it('the in-process control the tray uses (core.setActiveCombo) is what /api/state then reports', async () => {
    t.core.setActiveCombo('cheap');
    const state = (await (await t.api('/api/state')).json()) as { activeCombo: string };
    expect(state.activeCombo).toBe('cheap');
  });
});

describe('offline mode over /api', () => {
  it('leaves only local providers eligible while on, and restores the rest when turned off', async () => {
    const events = record('offline-changed');
    expect((await post('/api/connections', { providerId: 'ollama', name: 'local' })).status).toBe(201);
    expect(
      (
        await post('/api/connections', {
          providerId: 'openai',
          name: 'work',
          apiKey: 'sk-test-0123456789abcdef',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put('/api/providers/llamacpp-box', {
          format: 'openai-chat',
          baseUrl: 'http://127.0.0.1:8080/v1',
          models: ['qwen'],
        })
      ).status,
    ).toBe(200);
    const ids = () =>
      t.core.runtime
        .activeProviders()
        .map((p) => p.id)
        .sort();
    const online = ids();
    expect(online).toEqual(expect.arrayContaining(['ollama', 'openai', 'llamacpp-box']));

    const on = await put('/api/state/offline', { offline: true });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ offline: true });
    expect(t.core.runtime.settings.offlineMode).toBe(true);
    expect(ids()).toEqual(['llamacpp-box', 'ollama']);
    expect(t.core.runtime.activeProviders().every((p) => p.local)).toBe(true);
    expect(((await (await t.api('/api/state')).json()) as { offline: boolean }).offline).toBe(true);

    const off = await put('/api/state/offline', { offline: false });
    expect(await off.json()).toEqual({ offline: false });
    expect(ids()).toEqual(online);
    // A change over /api is a manual one (the desktop's watcher never undoes it).
    expect(events).toEqual([
      { offline: true, reason: 'manual' },
      { offline: false, reason: 'manual' },
    ]);
  });

  it('the watcher’s control (core.setOffline(x, "auto")) reports its reason, and repeating a state is a no-op', async () => {
    const events = record('offline-changed');
    t.core.setOffline(true, 'auto');
    t.core.setOffline(true, 'auto');
    t.core.setOffline(false, 'auto');
    expect(events).toEqual([
      { offline: true, reason: 'auto' },
      { offline: false, reason: 'auto' },
    ]);
  });

  it('validates the body', async () => {
    expect((await put('/api/state/offline', { offline: 'yes' })).status).toBe(400);
    expect((await put('/api/state/offline', { offline: true, extra: 1 })).status).toBe(400);
    expect(t.core.runtime.settings.offlineMode).toBe(false);
  });
});
