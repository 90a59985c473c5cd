import { z } from 'zod';
import { comboTemplates, TEMPLATE_IDS, type TemplateId } from '../../runtime/combo-templates.js';
import type { Router } from '../../routing/router.js';
import type { Runtime } from '../../runtime/runtime.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';

const TemplateOut = z.object({
  id: z.enum(TEMPLATE_IDS),
  name: z.string(),
  description: z.string(),
  strategy: z.string(),
  steps: z.array(z.object({ model: z.string(), why: z.string() })),
});

/** Combo templates ("free forever", "cheap", "quality first") filled from the user's accounts. */
export function templateRoutes(rt: Runtime, router: Router): ApiRoute[] {
  const build = () =>
    comboTemplates({
      providers: rt.providers,
      connections: rt.connections,
      price: (model, providerId) => router.prices.blendedPerMTok(model, providerId),
    });
  return routeGroup('combos', (r) => [
    r.get('/combo-templates', {
      summary:
        'Combo templates filled from your connected accounts, each step with why it is there: free-forever (only free tiers you have keys for, strongest first), cheap, quality-first.',
      response: z.array(TemplateOut),
      handler: (c) => c.json(build()),
    }),
    r.post('/combo-templates/:id/apply', {
      summary: 'Create (or replace) a combo from a template: `name` defaults to the template id.',
      body: z
        .object({
          name: z
            .string()
            .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/)
            .optional(),
        })
        .strict(),
      response: z.object({
        name: z.string(),
        strategy: z.string(),
        models: z.array(z.string()),
        enabled: z.boolean(),
      }),
      errors: { 404: 'No such template.', 409: 'No connected account fits the template.' },
      handler: (c, b) => {
        const id = c.req.param('id') as TemplateId;
        const t = build().find((x) => x.id === id);
        if (!t) throw new ApiError(404, `No template "${id}". Templates: ${TEMPLATE_IDS.join(', ')}.`);
        if (t.steps.length === 0)
          throw new ApiError(
            409,
            id === 'free-forever'
              ? 'No free-tier provider has an account with a key yet: add a key for Gemini, Groq, Cerebras or NVIDIA first.'
              : 'No connected account fits this template yet: add a provider key first.',
          );
        const name = b.name ?? t.id;
        const models = t.steps.map((s) => s.model);
        rt.store.combos.upsert({ name, strategy: t.strategy, models, enabled: true });
        rt.reload('combos');
        return c.json({ name, strategy: t.strategy, models, enabled: true }, 201 as 200);
      },
    }),
  ]);
}
