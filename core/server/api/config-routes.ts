import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { SettingsPatchSchema, SettingsSchema } from '../../store/repos/settings.js';
import { STRATEGIES } from '../../store/repos/combos.js';
import { ApiError, route, type ApiRoute } from './route-table.js';
import {
  ApiKeyCreated,
  ApiKeyIn,
  ApiKeyOut,
  ApiKeyPatch,
  ComboIn,
  ComboOut,
  ConnectionIn,
  ConnectionOut,
  ConnectionPatch,
  Ok,
  ProviderIn,
  ProviderOut,
  StateOut,
  StrategiesOut,
} from './schemas.js';
import { builtinProvider } from '../../providers/registry.js';
import { PLAN_ROUTES } from '../../providers/plan-routes.js';
import { credentialTargetProblems } from '../../providers/credential-targets.js';
import { accountFieldProblems } from '../../providers/account-fields.js';
import { maskProxyUrl, unmaskProxyUrl } from '../../util/proxy-url.js';

/** Providers, connections, combos, gateway keys, settings and the tray's state. */
export function configRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  const providerView = (id: string) => {
    const p = rt.provider(id);
    if (!p) throw new ApiError(404, `No provider "${id}". GET /api/providers lists them.`);
    const {
      headers: _h,
      quirks: _q,
      prepareBody: _p,
      buildUrl: _b,
      accessToken: _t,
      discovered,
      ...rest
    } = p;
    // Discovered models apart: a client that PUTs `models` back must not make them permanent.
    const found = new Set(discovered);
    return {
      ...rest,
      models: discovered ? p.models.filter((m) => !found.has(m)) : p.models,
      ...(discovered ? { discoveredModels: discovered } : {}),
      ...(p.proxy ? { proxy: maskProxyUrl(p.proxy) } : {}),
      connections: rt.connectionsFor(p.id).length,
    };
  };
  // Proxy credentials never leave in a response; the masked value sent back means "keep".
  const connectionView = <T extends { proxy?: string }>(rec: T | undefined) =>
    rec?.proxy ? { ...rec, proxy: maskProxyUrl(rec.proxy) } : rec;
  const settingsView = () => ({ ...rt.settings, proxy: maskProxyUrl(rt.settings.proxy) });
  const incomingProxy = <T extends string | null | undefined>(
    value: T,
    current: string | null | undefined,
    param: string,
  ): T => {
    const v = unmaskProxyUrl(value, current);
    if (v === undefined && value !== undefined)
      throw new ApiError(
        400,
        'This proxy URL has *** in place of credentials but is not the stored proxy: give the user name and password again.',
        param,
      );
    return v as T;
  };
  const comboView = (name: string) => {
    const c = s.combos.get(name);
    if (!c) throw new ApiError(404, `No combo "${name}".`);
    return {
      name: c.name,
      strategy: c.strategy,
      models: c.models,
      enabled: c.enabled,
      active: rt.settings.activeCombo === c.name,
      ...(c.disabledSteps ? { disabledSteps: c.disabledSteps } : {}),
      ...(c.weights ? { weights: c.weights } : {}),
    };
  };
  const changed = (what: string) => rt.reload(what);
  const checkFields = (providerId: string, fields: Record<string, string> | undefined) => {
    const problem = accountFieldProblems(builtinProvider(providerId)?.accountFields, fields)[0];
    if (problem) throw new ApiError(400, `fields: ${problem}.`, 'fields');
  };

  return [
    route({
      method: 'get',
      path: '/providers',
      tag: 'providers',
      summary: 'Every provider: built-in catalog and your own, with how many accounts each has.',
      response: z.array(ProviderOut),
      handler: (c) => c.json(rt.providers.map((p) => providerView(p.id))),
    }),
    route({
      method: 'get',
      path: '/plan-routes',
      tag: 'providers',
      summary:
        'Subscription routes: the ones built (login providers) and the ones not built, each with its one-line reason and the route that works instead.',
      handler: (c) => c.json(PLAN_ROUTES),
    }),
    route({
      method: 'get',
      path: '/providers/:id',
      tag: 'providers',
      summary: 'One provider.',
      response: ProviderOut,
      errors: { 404: 'No such provider.' },
      handler: (c) => c.json(providerView(c.req.param('id')!)),
    }),
    route({
      method: 'put',
      path: '/providers/:id',
      tag: 'providers',
      summary: 'Configure a built-in provider (overrides) or create/replace a provider of your own.',
      body: ProviderIn.omit({ id: true }),
      response: ProviderOut,
      errors: { 400: 'Invalid body; a provider of your own needs format and baseUrl.' },
      handler: (c, b) => {
        const id = c.req.param('id')!;
        if (!/^[a-z0-9][a-z0-9_.-]*$/.test(id))
          throw new ApiError(400, 'Provider ids are lower-case letters, digits, ".", "_" or "-".', 'id');
        const target = credentialTargetProblems({ id, ...b })[0];
        if (target) throw new ApiError(400, `${target.message}.`, target.field);
        if (b.login) {
          if (builtinProvider(id))
            throw new ApiError(
              400,
              `"${id}" is a built-in provider; give the login provider an id of its own.`,
              'id',
            );
          if (b.format)
            throw new ApiError(
              400,
              'A login provider\'s format is its vendor\'s: leave "format" out.',
              'format',
            );
        } else if (!builtinProvider(id) && (!b.format || !b.baseUrl)) {
          throw new ApiError(
            400,
            `"${id}" is not a built-in provider, so "format" and "baseUrl" are required.`,
            b.format ? 'baseUrl' : 'format',
          );
        }
        s.providers.upsert({
          id,
          name: b.name,
          format: b.format,
          baseUrl: b.baseUrl,
          models: b.models ?? [],
          local: b.local,
          enabled: b.enabled ?? true,
          accountStrategy: b.accountStrategy,
          proxy: incomingProxy(b.proxy, s.providers.get(id)?.proxy, 'proxy'),
          login: b.login,
          authUrl: b.authUrl,
          timeouts: b.timeouts,
        });
        changed('providers');
        return c.json(providerView(id));
      },
    }),
    route({
      method: 'delete',
      path: '/providers/:id',
      tag: 'providers',
      summary: 'Remove a provider configuration and its accounts (a built-in stays in the catalog).',
      response: Ok,
      errors: { 404: 'Not configured.' },
      handler: (c) => {
        const id = c.req.param('id')!;
        const removed = s.transaction(() => {
          const n = s.connections.deleteForProvider(id);
          return s.providers.delete(id) || n > 0;
        });
        if (!removed) throw new ApiError(404, `Provider "${id}" is not configured.`);
        changed('providers');
        return c.json({ ok: true });
      },
    }),
    route({
      method: 'get',
      path: '/connections',
      tag: 'connections',
      summary:
        'Accounts of every provider (secrets are never returned; `secretHint` shows a few characters).',
      response: z.array(ConnectionOut),
      handler: (c) => c.json(s.connections.list(c.req.query('providerId')).map(connectionView)),
    }),
    route({
      method: 'post',
      path: '/connections',
      tag: 'connections',
      summary: 'Add an account to a provider. The API key is encrypted at rest.',
      body: ConnectionIn,
      response: ConnectionOut,
      errors: { 404: 'Unknown provider.', 409: 'An account of that name exists.' },
      handler: (c, b) => {
        if (!rt.provider(b.providerId))
          throw new ApiError(404, `No provider "${b.providerId}".`, 'providerId');
        if (rt.provider(b.providerId)?.login)
          throw new ApiError(
            400,
            `"${b.providerId}" forwards the caller's own login: it has no accounts, and no credential is stored.`,
            'providerId',
          );
        if (s.connections.findByName(b.providerId, b.name))
          throw new ApiError(409, `"${b.providerId}" already has an account named "${b.name}".`, 'name');
        incomingProxy(b.proxy, undefined, 'proxy');
        checkFields(b.providerId, b.fields);
        const { id } = s.transaction(() => {
          if (!s.providers.get(b.providerId)) {
            s.providers.upsert({ id: b.providerId, models: [], enabled: true });
          }
          return s.connections.upsert(b);
        });
        changed('connections');
        return c.json(connectionView(s.connections.get(id)), 201 as 200);
      },
    }),
    route({
      method: 'patch',
      path: '/connections/:id',
      tag: 'connections',
      summary:
        'Change an account: rename, new key (null removes it), priority, enable/disable, base URL, proxy, quota, weight, limits (null removes one).',
      body: ConnectionPatch,
      response: ConnectionOut,
      errors: { 404: 'No such account.' },
      handler: (c, b) => {
        const id = c.req.param('id')!;
        const current = s.connections.get(id);
        if (!current) throw new ApiError(404, `No account "${id}".`);
        if (b.fields !== undefined) checkFields(current.providerId, b.fields ?? undefined);
        s.connections.update(id, { ...b, proxy: incomingProxy(b.proxy, current.proxy, 'proxy') });
        changed('connections');
        return c.json(connectionView(s.connections.get(id)));
      },
    }),
    route({
      method: 'delete',
      path: '/connections/:id',
      tag: 'connections',
      summary: 'Remove an account and its stored key.',
      response: Ok,
      errors: { 404: 'No such account.' },
      handler: (c) => {
        if (!s.connections.delete(c.req.param('id')!))
          throw new ApiError(404, `No account "${c.req.param('id')}".`);
        changed('connections');
        return c.json({ ok: true });
      },
    }),
    route({
      method: 'get',
      path: '/combos',
      tag: 'combos',
      summary: 'Combos: ordered fallback chains of models, with a strategy.',
      response: z.array(ComboOut),
      handler: (c) => c.json(s.combos.list().map((x) => comboView(x.name))),
    }),
    route({
      method: 'get',
      path: '/strategies',
      tag: 'combos',
      summary:
        "How a combo's steps (or a provider's accounts) can be ordered: the values of `strategy`, `accountStrategy` and the setting `defaultComboStrategy`.",
      response: StrategiesOut,
      handler: (c) => c.json(STRATEGIES),
    }),
    route({
      method: 'put',
      path: '/combos/:name',
      tag: 'combos',
      summary: 'Create or replace a combo; without `strategy`, the setting `defaultComboStrategy`.',
      body: ComboIn.omit({ name: true }),
      response: ComboOut,
      handler: (c, b) => {
        const name = c.req.param('name')!;
        if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(name))
          throw new ApiError(400, 'Combo names are letters, digits, ".", "_", ":" or "-".', 'name');
        s.combos.upsert({ name, ...b, strategy: b.strategy ?? rt.settings.defaultComboStrategy });
        changed('combos');
        return c.json(comboView(name));
      },
    }),
    route({
      method: 'delete',
      path: '/combos/:name',
      tag: 'combos',
      summary:
        'Remove a combo (if it was active, no combo is active afterwards; if it was the global fallback, the fallback is off).',
      response: Ok,
      errors: { 404: 'No such combo.' },
      handler: (c) => {
        const name = c.req.param('name')!;
        s.transaction(() => {
          if (!s.combos.delete(name)) throw new ApiError(404, `No combo "${name}".`);
          if (rt.settings.activeCombo === name) s.settings.patch({ activeCombo: null });
          if (rt.settings.globalFallback === name) s.settings.patch({ globalFallback: null });
        });
        changed('combos');
        return c.json({ ok: true });
      },
    }),
    route({
      method: 'get',
      path: '/keys',
      tag: 'keys',
      summary: 'Gateway API keys (hashes and keys are never returned).',
      response: z.array(ApiKeyOut),
      handler: (c) => c.json(s.apiKeys.list()),
    }),
    route({
      method: 'post',
      path: '/keys',
      tag: 'keys',
      summary: 'Create a gateway API key. The key is in this response only.',
      body: ApiKeyIn,
      response: ApiKeyCreated,
      errors: { 409: 'A key of that name exists.' },
      handler: (c, b) => {
        if (s.apiKeys.findByName(b.name)) throw new ApiError(409, `A key named "${b.name}" exists.`, 'name');
        const { record, key } = s.apiKeys.create(b);
        changed('keys');
        return c.json({ ...record, key }, 201 as 200);
      },
    }),
    route({
      method: 'patch',
      path: '/keys/:id',
      tag: 'keys',
      summary: 'Rename a key, restrict it to models, enable or disable it.',
      body: ApiKeyPatch,
      response: ApiKeyOut,
      errors: { 404: 'No such key.' },
      handler: (c, b) => {
        if (!s.apiKeys.update(c.req.param('id')!, b)) throw new ApiError(404, 'No such key.');
        changed('keys');
        return c.json(s.apiKeys.get(c.req.param('id')!));
      },
    }),
    route({
      method: 'post',
      path: '/keys/:id/rotate',
      tag: 'keys',
      summary:
        'Replace a key’s secret; the old one stops working at once. The new key is in this response only.',
      response: ApiKeyCreated,
      errors: { 404: 'No such key.' },
      handler: (c) => {
        const key = s.apiKeys.rotate(c.req.param('id')!);
        if (!key) throw new ApiError(404, 'No such key.');
        changed('keys');
        return c.json({ ...s.apiKeys.get(c.req.param('id')!)!, key });
      },
    }),
    route({
      method: 'delete',
      path: '/keys/:id',
      tag: 'keys',
      summary: 'Revoke a key.',
      response: Ok,
      errors: { 404: 'No such key.' },
      handler: (c) => {
        if (!s.apiKeys.delete(c.req.param('id')!)) throw new ApiError(404, 'No such key.');
        changed('keys');
        return c.json({ ok: true });
      },
    }),
    route({
      method: 'get',
      path: '/settings',
      tag: 'settings',
      summary: 'All settings with their current values.',
      response: SettingsSchema,
      handler: (c) => c.json(settingsView()),
    }),
    route({
      method: 'patch',
      path: '/settings',
      tag: 'settings',
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
        changed('settings');
        return c.json(settingsView());
      },
    }),
    route({
      method: 'get',
      path: '/state',
      tag: 'state',
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
    route({
      method: 'put',
      path: '/state/active-combo',
      tag: 'state',
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
        changed('state');
        return c.json({ activeCombo: rt.settings.activeCombo });
      },
    }),
    route({
      method: 'put',
      path: '/state/offline',
      tag: 'state',
      summary: 'Turn offline mode on or off: while on, only local providers are tried.',
      body: z.object({ offline: z.boolean() }).strict(),
      response: StateOut.pick({ offline: true }),
      handler: (c, b) => {
        s.settings.patch({ offlineMode: b.offline });
        changed('state');
        return c.json({ offline: rt.settings.offlineMode });
      },
    }),
  ];
}
