import { z } from 'zod';
import { DEFAULT_PRICES } from '../../routing/pricing.js';
import type { Router } from '../../routing/router.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { BudgetRecord } from '../../store/repos/budgets.js';
import type { PriceOverrideRecord } from '../../store/repos/prices.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { AliasIn, BudgetIn, BudgetOut, ModelDetailOut, Ok, PriceIn, PriceOut } from './schemas.js';

const PERIOD_WORD = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** Budgets, price overrides and model aliases: what routing reads besides providers and combos. */
export function routingRoutes(rt: Runtime, router: Router): ApiRoute[] {
  return [...budgetRoutes(rt, router), ...priceRoutes(rt, router), ...aliasRoutes(rt)];
}

/** A budget names a provider or key that exists, and is the only one of its period for its scope. */
function checkBudget(rt: Runtime, b: z.infer<typeof BudgetIn>, except?: string): void {
  const { scope } = b;
  if (scope.kind === 'provider' && !rt.provider(scope.id))
    throw new ApiError(404, `No provider "${scope.id}". GET /api/providers lists them.`, 'scope.id');
  if (scope.kind === 'key' && !rt.store.apiKeys.get(scope.id))
    throw new ApiError(404, `No gateway key with id "${scope.id}". GET /api/keys lists them.`, 'scope.id');
  const other = rt.store.budgets.find(b.scope, b.period);
  if (other && other.id !== except)
    throw new ApiError(
      409,
      `A ${PERIOD_WORD[b.period]} budget for this scope exists (${other.id}); change it with PUT /api/budgets/${other.id}.`,
      'period',
    );
}

function budgetRoutes(rt: Runtime, router: Router): ApiRoute[] {
  const s = rt.store;
  const budgetView = (b: BudgetRecord) => {
    const st = router.budgetStatus(b);
    return {
      id: b.id,
      scope: b.scope,
      period: b.period,
      limitUsd: b.limitUsd,
      spentUsd: st.spentUsd,
      action: b.action,
      resetsAt: st.resetsAt,
    };
  };
  return routeGroup('budgets', (r) => [
    r.get('/budgets', {
      summary: 'USD budgets (global, per provider, per gateway key) with the spend of the current period.',
      response: z.array(BudgetOut),
      handler: (c) => c.json(s.budgets.list().map(budgetView)),
    }),
    r.post('/budgets', {
      summary:
        'Add a budget. block: a global or key budget refuses requests with 429 at 100 %, a provider budget makes requests fall back to the next step; warn: only announces it.',
      body: BudgetIn,
      response: BudgetOut,
      errors: { 404: 'Unknown provider or key.', 409: 'That scope already has a budget for this period.' },
      handler: (c, b) => {
        checkBudget(rt, b);
        const rec = s.budgets.create(b);
        rt.reload('budgets');
        return c.json(budgetView(rec), 201 as 200);
      },
    }),
    r.put('/budgets/:id', {
      summary: 'Replace a budget.',
      body: BudgetIn,
      response: BudgetOut,
      errors: {
        404: 'No such budget, or unknown provider or key.',
        409: 'That scope already has a budget for this period.',
      },
      handler: (c, b) => {
        const id = c.req.param('id');
        if (!s.budgets.get(id)) throw new ApiError(404, `No budget "${id}".`);
        checkBudget(rt, b, id);
        s.budgets.update(id, b);
        rt.reload('budgets');
        return c.json(budgetView(s.budgets.get(id)!));
      },
    }),
    r.delete('/budgets/:id', {
      summary: 'Remove a budget (spend keeps being tracked).',
      response: Ok,
      errors: { 404: 'No such budget.' },
      handler: (c) => {
        const id = c.req.param('id');
        if (!s.budgets.delete(id)) throw new ApiError(404, `No budget "${id}".`);
        rt.reload('budgets');
        return c.json({ ok: true });
      },
    }),
  ]);
}

const overrideView = (o: PriceOverrideRecord) => {
  const { updatedAt: _u, ...rest } = o;
  return { ...rest, source: 'override' as const };
};

function defaultPriceRows() {
  return Object.entries(DEFAULT_PRICES).map(([pattern, p]) => {
    // A `provider/…` default applies to that provider only: shown like a provider override.
    const slash = pattern.indexOf('/');
    return {
      model: slash > 0 ? pattern.slice(slash + 1) : pattern,
      ...(slash > 0 ? { providerId: pattern.slice(0, slash) } : {}),
      inputPerMTok: p.input,
      outputPerMTok: p.output,
      ...(p.cachedInput !== undefined ? { cachedInputPerMTok: p.cachedInput } : {}),
      ...(p.cacheWrite !== undefined ? { cacheWritePerMTok: p.cacheWrite } : {}),
      source: 'default' as const,
      ...(p.source ? { from: p.source } : {}),
      ...(p.checked ? { checked: p.checked } : {}),
    };
  });
}

function priceRoutes(rt: Runtime, router: Router): ApiRoute[] {
  const s = rt.store;
  const defaultRows = defaultPriceRows();
  return routeGroup('prices', (r) => [
    r.get('/prices', {
      summary:
        'The price table in USD per million tokens: built-in defaults and your overrides (an override wins; a provider-specific price wins over one for any provider).',
      response: z.array(PriceOut),
      handler: (c) => c.json([...defaultRows, ...s.prices.list().map(overrideView)]),
    }),
    r.put('/prices', {
      summary:
        'Set a price override for a model (pattern), optionally for one provider. Applies to the next request.',
      body: PriceIn,
      response: PriceOut,
      handler: (c, b) => {
        s.prices.upsert(b);
        rt.reload('prices');
        return c.json(overrideView(s.prices.get(b.model, b.providerId)!));
      },
    }),
    r.delete('/prices', {
      summary: 'Remove a price override: `?model=…` and, for a provider-specific one, `&providerId=…`.',
      response: Ok,
      errors: { 400: 'No `model` given.', 404: 'No such override.' },
      handler: (c) => {
        const model = c.req.query('model');
        const providerId = c.req.query('providerId') || undefined;
        if (!model) throw new ApiError(400, 'Say which override: ?model=…[&providerId=…].', 'model');
        if (!s.prices.delete(model, providerId))
          throw new ApiError(
            404,
            `No price override for "${model}"${providerId ? ` on ${providerId}` : ''}.`,
            'model',
          );
        rt.reload('prices');
        return c.json({ ok: true });
      },
    }),
    r.get('/models/details', {
      summary:
        'Every model of an active provider with its kind, context window, free tier and the price the request log bills it at (the override or default that wins, or none known).',
      response: z.array(ModelDetailOut),
      handler: (c) => c.json(modelDetails(rt, router)),
    }),
  ]);
}

function aliasRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  return routeGroup('aliases', (r) => [
    r.get('/aliases', {
      summary: 'Model aliases, applied before combo and provider lookup (wildcards and `$1` captures).',
      response: z.array(AliasIn),
      handler: (c) => c.json(s.aliases.list()),
    }),
    r.put('/aliases', {
      summary: 'Create or retarget an alias. Applies to the next request.',
      body: AliasIn,
      response: AliasIn,
      errors: { 400: 'An alias that points at itself.' },
      handler: (c, b) => {
        if (b.pattern.toLowerCase() === b.target.toLowerCase())
          throw new ApiError(400, `"${b.pattern}" would be an alias of itself.`, 'target');
        s.aliases.upsert(b);
        rt.reload('aliases');
        return c.json(s.aliases.get(b.pattern));
      },
    }),
    r.delete('/aliases', {
      summary: 'Remove an alias: `?pattern=…`.',
      response: Ok,
      errors: { 400: 'No `pattern` given.', 404: 'No such alias.' },
      handler: (c) => {
        const pattern = c.req.query('pattern');
        if (!pattern) throw new ApiError(400, 'Say which alias: ?pattern=….', 'pattern');
        if (!s.aliases.delete(pattern)) throw new ApiError(404, `No alias "${pattern}".`, 'pattern');
        rt.reload('aliases');
        return c.json({ ok: true });
      },
    }),
  ]);
}

/** As the request log bills each model of an active provider. */
function modelDetails(rt: Runtime, router: Router): z.infer<typeof ModelDetailOut>[] {
  const out: z.infer<typeof ModelDetailOut>[] = [];
  for (const p of rt.activeProviders()) {
    // As Router.cost: a plan the user already pays for is logged at 0, whatever its API price.
    const plan = Boolean(p.login || p.signIn);
    for (const model of p.models) {
      const info = p.modelInfo?.[model];
      const hit = plan ? undefined : router.prices.lookup(model, p.id);
      const price = hit && {
        inputPerMTok: hit.price.input,
        outputPerMTok: hit.price.output,
        cachedInputPerMTok: hit.price.cachedInput,
        cacheWritePerMTok: hit.price.cacheWrite,
        perImage: hit.price.perImage,
        perAudioMinute: hit.price.perAudioMinute,
        per1kChars: hit.price.per1kChars,
        perSearch: hit.price.perSearch,
        source: hit.source,
        pattern: hit.pattern,
      };
      out.push({
        id: `${p.id}/${model}`,
        providerId: p.id,
        model,
        kind: p.kinds?.get(model) ?? 'chat',
        contextWindow: info?.contextWindow,
        free: info?.free,
        plan: plan || undefined,
        price,
      });
    }
  }
  return out;
}
