import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { STRATEGIES } from '../../store/repos/combos.js';
import { ComboIn, ComboOut, Ok, StrategiesOut } from './schemas.js';

function comboView(rt: Runtime, name: string) {
  const c = rt.store.combos.get(name);
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
}

/** Combos (ordered fallback chains of models) and the strategies that order them. */
export function comboRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  return routeGroup('combos', (r) => [
    r.get('/combos', {
      summary: 'Combos: ordered fallback chains of models, with a strategy.',
      response: z.array(ComboOut),
      handler: (c) => c.json(s.combos.list().map((x) => comboView(rt, x.name))),
    }),
    r.get('/strategies', {
      summary:
        "How a combo's steps (or a provider's accounts) can be ordered: the values of `strategy`, `accountStrategy` and the setting `defaultComboStrategy`.",
      response: StrategiesOut,
      handler: (c) => c.json(STRATEGIES),
    }),
    r.put('/combos/:name', {
      summary: 'Create or replace a combo; without `strategy`, the setting `defaultComboStrategy`.',
      body: ComboIn.omit({ name: true }),
      response: ComboOut,
      handler: (c, b) => {
        const name = c.req.param('name');
        if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(name))
          throw new ApiError(400, 'Combo names are letters, digits, ".", "_", ":" or "-".', 'name');
        s.combos.upsert({ name, ...b, strategy: b.strategy ?? rt.settings.defaultComboStrategy });
        rt.reload('combos');
        return c.json(comboView(rt, name));
      },
    }),
    r.delete('/combos/:name', {
      summary:
        'Remove a combo (if it was active, no combo is active afterwards; if it was the global fallback, the fallback is off).',
      response: Ok,
      errors: { 404: 'No such combo.' },
      handler: (c) => {
        const name = c.req.param('name');
        s.transaction(() => {
          if (!s.combos.delete(name)) throw new ApiError(404, `No combo "${name}".`);
          if (rt.settings.activeCombo === name) s.settings.patch({ activeCombo: null });
          if (rt.settings.globalFallback === name) s.settings.patch({ globalFallback: null });
        });
        rt.reload('combos');
        return c.json({ ok: true });
      },
    }),
  ]);
}
