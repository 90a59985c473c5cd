import { z } from 'zod';
import { WIRE_FORMATS } from '../../formats/canonical.js';
import { STRATEGIES } from '../../store/repos/combos.js';
import { QuotaConfigSchema } from '../../routing/quota/schema.js';

export const ProviderOut = z.object({
  id: z.string(),
  name: z.string(),
  formats: z.array(z.enum(WIRE_FORMATS)),
  baseUrl: z.string(),
  tier: z.enum(['subscription', 'api-key', 'cheap', 'free', 'local']),
  local: z.boolean(),
  models: z.array(z.string()),
  prefixes: z.array(z.string()),
  builtin: z.boolean(),
  configured: z.boolean(),
  enabled: z.boolean(),
  connections: z.number().int(),
});

export const ProviderIn = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
    name: z.string().optional(),
    format: z.enum(WIRE_FORMATS).optional(),
    baseUrl: z.url().optional(),
    models: z.array(z.string().min(1)).optional(),
    local: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const ConnectionOut = z.object({
  id: z.string(),
  providerId: z.string(),
  name: z.string(),
  hasSecret: z.boolean(),
  secretHint: z.string().optional(),
  priority: z.number().int(),
  enabled: z.boolean(),
  baseUrl: z.string().optional(),
  proxy: z.string().optional(),
  quota: QuotaConfigSchema.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const proxyUrl = z.string().regex(/^(https?|socks5h?):\/\//, 'a proxy URL: http://, https:// or socks5://');

export const ConnectionIn = z
  .object({
    providerId: z.string().min(1),
    name: z.string().min(1),
    apiKey: z.string().min(1).optional(),
    priority: z.number().int().optional(),
    enabled: z.boolean().optional(),
    baseUrl: z.url().optional(),
    proxy: proxyUrl.optional(),
    quota: QuotaConfigSchema.optional(),
  })
  .strict();

export const ConnectionPatch = z
  .object({
    name: z.string().min(1).optional(),
    apiKey: z.string().min(1).nullable().optional(),
    priority: z.number().int().optional(),
    enabled: z.boolean().optional(),
    baseUrl: z.url().nullable().optional(),
    proxy: proxyUrl.nullable().optional(),
    quota: QuotaConfigSchema.nullable().optional(),
  })
  .strict();

export const ComboOut = z.object({
  name: z.string(),
  strategy: z.enum(STRATEGIES),
  models: z.array(z.string()),
  enabled: z.boolean(),
  active: z.boolean(),
});

export const ComboIn = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/),
    strategy: z.enum(STRATEGIES).default('fill-first'),
    models: z.array(z.string().min(1)).min(1),
    enabled: z.boolean().default(true),
  })
  .strict();

export const ApiKeyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  models: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.number(),
  lastUsedAt: z.number().optional(),
});

export const ApiKeyCreated = ApiKeyOut.extend({
  key: z.string().describe('Shown once; only its hash is stored.'),
});

export const ApiKeyIn = z
  .object({
    name: z.string().min(1),
    models: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const ApiKeyPatch = z
  .object({
    name: z.string().min(1).optional(),
    models: z.array(z.string().min(1)).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const StateOut = z.object({
  activeCombo: z.string().nullable(),
  activeComboAlias: z.string(),
  offline: z.boolean(),
  combos: z.array(z.object({ name: z.string(), enabled: z.boolean() })),
});

export const Ok = z.object({ ok: z.literal(true) });
