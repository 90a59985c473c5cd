import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { SettingsPatchSchema, SettingsSchema } from '../../store/repos/settings.js';
import { maskProxyUrl } from '../../util/proxy-url.js';
import { incomingProxy } from './proxy-field.js';
import { StateOut } from './schemas.js';

/** Settings, with the proxy's credentials masked. */
export function settingsRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  const settingsView = () => ({ ...rt.settings, proxy: maskProxyUrl(rt.settings.proxy) });
  return routeGroup('settings', (r) => [
    r.get('/settings', {
      summary: 'All settings with their current values.',
      response: SettingsSchema,
      handler: (c) => c.json(settingsView()),
    }),
    r.patch('/settings', {
      summary: 'Change some settings; unknown keys are refused.',
      body: SettingsPatchSchema,
      response: SettingsSchema,
      errors: {
        400: 'Invalid value (the message names the key, e.g. a bad ipAllowList entry).',
        404: 'activeCombo or globalFallback names no combo.',
        409: 'lanExposure needs a dashboard password first.',
      },
      handler: (c, b) => {
        if (b.activeCombo && !s.combos.get(b.activeCombo))
          throw new ApiError(404, `No combo "${b.activeCombo}".`, 'activeCombo');
        if (b.globalFallback && !s.combos.get(b.globalFallback))
          throw new ApiError(404, `No combo "${b.globalFallback}".`, 'globalFallback');
        if (b.lanExposure === true && s.internal.get('passwordHash') === undefined)
          throw new ApiError(
            409,
            'Set a dashboard password first: anyone on the network could otherwise open the dashboard.',
            'lanExposure',
          );
        s.settings.patch({ ...b, proxy: incomingProxy(b.proxy, rt.settings.proxy, 'proxy') });
        rt.reload('settings');
        return c.json(settingsView());
      },
    }),
  ]);
}

/** The tray's state: active combo, offline mode. */
export function stateRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  return routeGroup('state', (r) => [
    r.get('/state', {
      summary: 'What the tray shows: active combo, offline mode, the combos to choose from.',
      response: StateOut,
      handler: (c) =>
        c.json({
          activeCombo: rt.settings.activeCombo,
          activeComboAlias: rt.settings.activeComboAlias,
          offline: rt.settings.offlineMode,
          combos: rt.combos.map((x) => ({ name: x.name, enabled: x.enabled })),
          restartRequired: rt.restartRequired,
        }),
    }),
    r.put('/state/active-combo', {
      summary: 'Switch the active combo (null: none). Routing changes from the next request.',
      body: z.object({ combo: z.string().nullable() }).strict(),
      response: StateOut.pick({ activeCombo: true }),
      errors: { 404: 'No such combo.', 409: 'The combo is disabled.' },
      handler: (c, b) => {
        if (b.combo !== null) {
          const combo = s.combos.get(b.combo);
          if (!combo) throw new ApiError(404, `No combo "${b.combo}".`, 'combo');
          if (!combo.enabled)
            throw new ApiError(409, `Combo "${b.combo}" is disabled; enable it first.`, 'combo');
        }
        s.settings.patch({ activeCombo: b.combo });
        rt.reload('state');
        return c.json({ activeCombo: rt.settings.activeCombo });
      },
    }),
    r.put('/state/offline', {
      summary: 'Turn offline mode on or off: while on, only local providers are tried.',
      body: z.object({ offline: z.boolean() }).strict(),
      response: StateOut.pick({ offline: true }),
      handler: (c, b) => {
        s.settings.patch({ offlineMode: b.offline });
        rt.reload('state');
        return c.json({ offline: rt.settings.offlineMode });
      },
    }),
  ]);
}
