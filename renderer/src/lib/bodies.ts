import type { Combo, ComboInput, LoginKindId, Provider, ProviderInput } from '../api/types';
import { LOGIN_DEFAULTS } from './logins';

/**
 * The full PUT /api/providers/:id body for `p` with some fields changed. PUT replaces the stored
 * configuration, so every call sends everything: a built-in provider keeps its catalog name,
 * format and URL (only models, enabled and routing are stored); optional fields the provider
 * does not have are not sent.
 */
export function providerBody(p: Provider, change: ProviderInput = {}): ProviderInput {
  if (p.login) return loginProviderBody(p, p.login, change);
  const body: ProviderInput = p.builtin
    ? { models: p.models, enabled: p.enabled }
    : {
        name: p.name,
        format: p.formats[0],
        baseUrl: p.baseUrl,
        local: p.local,
        models: p.models,
        enabled: p.enabled,
      };
  if (p.accountStrategy !== undefined) body.accountStrategy = p.accountStrategy;
  if (p.proxy) body.proxy = p.proxy;
  // chatgpt-plan's authorization server (a test or company one): PUT would otherwise drop it.
  if (p.authUrl) body.authUrl = p.authUrl;
  const out = { ...body, ...change };
  if (!out.proxy) delete out.proxy;
  return out;
}

/**
 * A login provider's body: no format (its vendor's) and no account strategy (no accounts). The
 * vendor's default host and name are left out, so they stay defaults rather than being pinned.
 */
function loginProviderBody(p: Provider, login: LoginKindId, change: ProviderInput): ProviderInput {
  const d = LOGIN_DEFAULTS[login];
  const body: ProviderInput = { login, models: p.models, enabled: p.enabled };
  if (p.name !== d.name) body.name = p.name;
  if (p.baseUrl.replace(/\/+$/, '') !== d.baseUrl) body.baseUrl = p.baseUrl;
  if (p.proxy) body.proxy = p.proxy;
  const out = { ...body, ...change };
  if (!out.proxy) delete out.proxy;
  delete out.format;
  delete out.accountStrategy;
  return out;
}

/** The full PUT /api/combos/:name body for `c` with some fields changed (keeps step toggles and weights). */
export function comboBody(c: Combo, change: Partial<ComboInput> = {}): ComboInput {
  const body: ComboInput = { strategy: c.strategy, models: c.models, enabled: c.enabled };
  if (c.disabledSteps?.length) body.disabledSteps = c.disabledSteps;
  if (c.weights && Object.keys(c.weights).length) body.weights = c.weights;
  return { ...body, ...change };
}
