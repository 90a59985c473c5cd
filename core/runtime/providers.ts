import type { WireFormat } from '../formats/canonical.js';
import { WIRE_FACTS } from '../formats/wire-facts.js';
import { builtinProviders, builtinProvider, modelKind } from '../providers/registry.js';
import { loginKind, type LoginKindId } from '../providers/login/index.js';
import type {
  AccessTokenSource,
  AccountField,
  AuthStyle,
  FreeTier,
  ModelInfo,
  ModelKind,
  NativeApi,
  ProviderDefinition,
  ProviderQuirks,
  ProviderTier,
  ProviderTimeouts,
} from '../providers/types.js';
import type { ProviderRecord } from '../store/repos/providers.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import type { Strategy } from '../store/repos/combos.js';

/** A provider as the router sees it: the built-in definition merged with the user's overrides. */
export interface ResolvedProvider {
  id: string;
  name: string;
  formats: WireFormat[];
  baseUrl: string;
  auth: AuthStyle;
  prefixes: string[];
  tier: ProviderTier;
  local: boolean;
  models: string[];
  headers: Record<string, string>;
  quirks: ProviderQuirks;
  builtin: boolean;
  /** Configured by the user (has a record). Built-ins without one are listed in the catalog only. */
  configured: boolean;
  enabled: boolean;
  /** How the provider's accounts are ordered within a step. */
  accountStrategy: Strategy;
  /** Upstream proxy for accounts without their own (core/gateway/proxy.ts). */
  proxy?: string;
  /** Forwards the caller's own vendor login instead of using a stored account. */
  login?: LoginKindId;
  /** Accounts are added by signing in; their token sets are refreshed by the gateway. */
  signIn?: 'chatgpt';
  /** The authorization server for signing in (default the vendor's). */
  authUrl?: string;
  /** Upstream time limits of this provider's own, each winning over its setting (core/runtime/timeouts.ts). */
  timeouts?: ProviderTimeouts;
  prepareBody?: (body: Record<string, unknown>) => void;
  modelInfo?: Record<string, ModelInfo>;
  freeTier?: FreeTier;
  docsUrl?: string;
  /** Values each account fills in, written as `{key}` in baseUrl (core/providers/account-fields.ts). */
  accountFields?: AccountField[];
  buildUrl?: ProviderDefinition['buildUrl'];
  accessToken?: AccessTokenSource;
  /** The models in `models` only because an account discovered them (not in the registry or the record). */
  discovered?: string[];
  /**
   * The kind of each model the registry lists (a listed model without modelInfo is chat). A model
   * the user added, or a custom provider's, has none: it may serve any endpoint it is sent to.
   */
  kinds?: ReadonlyMap<string, ModelKind>;
  nativeApi?: NativeApi;
}

const LOCAL_HOST = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i;

export function resolveProvider(
  def: ProviderDefinition | undefined,
  rec: ProviderRecord | undefined,
  /** Setting builtinPrefixes: a built-in's aliases (`ds/`) are prefixes too. */
  aliases = true,
): ResolvedProvider | undefined {
  if (!def && !rec) return undefined;
  if (!def) {
    const r = rec!;
    if (r.login) return loginProvider(r);
    return {
      id: r.id,
      name: r.name ?? r.id,
      formats: [r.format ?? 'openai-chat'],
      baseUrl: (r.baseUrl ?? '').replace(/\/+$/, ''),
      auth: WIRE_FACTS[r.format ?? 'openai-chat'].defaultAuth,
      prefixes: [r.id],
      tier: (r.local ?? LOCAL_HOST.test(r.baseUrl ?? '')) ? 'local' : 'api-key',
      local: r.local ?? LOCAL_HOST.test(r.baseUrl ?? ''),
      models: r.models,
      headers: {},
      quirks: {},
      builtin: false,
      configured: true,
      enabled: r.enabled,
      accountStrategy: r.accountStrategy ?? 'fill-first',
      ...(r.proxy ? { proxy: r.proxy } : {}),
      ...(r.timeouts ? { timeouts: r.timeouts } : {}),
    };
  }
  const baseUrl = (rec?.baseUrl ?? def.baseUrl).replace(/\/+$/, '');
  return {
    id: def.id,
    name: rec?.name ?? def.name,
    formats: rec?.format ? [rec.format] : def.formats,
    baseUrl,
    auth: def.auth,
    prefixes: aliases ? [def.id, ...(def.aliases ?? [])] : [def.id],
    tier: def.tier,
    local: rec?.local ?? def.local ?? false,
    models: [...new Set([...def.models, ...(rec?.models ?? [])])],
    headers: def.headers ?? {},
    quirks: def.quirks ?? {},
    builtin: true,
    configured: rec !== undefined,
    enabled: rec?.enabled ?? true,
    accountStrategy: rec?.accountStrategy ?? 'fill-first',
    ...(rec?.proxy ? { proxy: rec.proxy } : {}),
    ...(rec?.timeouts ? { timeouts: rec.timeouts } : {}),
    ...(def.signIn ? { signIn: def.signIn } : {}),
    ...(rec?.authUrl ? { authUrl: rec.authUrl.replace(/\/+$/, '') } : {}),
    ...(def.prepareBody ? { prepareBody: def.prepareBody } : {}),
    ...(def.modelInfo ? { modelInfo: def.modelInfo } : {}),
    ...(def.freeTier ? { freeTier: def.freeTier } : {}),
    ...(def.docsUrl ? { docsUrl: def.docsUrl } : {}),
    ...(def.accountFields ? { accountFields: def.accountFields } : {}),
    ...(def.buildUrl ? { buildUrl: def.buildUrl } : {}),
    ...(def.accessToken ? { accessToken: def.accessToken } : {}),
    kinds: registryKinds(def),
    ...(def.nativeApi ? { nativeApi: def.nativeApi } : {}),
  };
}

const kindMaps = new WeakMap<ProviderDefinition, ReadonlyMap<string, ModelKind>>();
/** Built once per definition: providers are re-resolved on every config change. */
function registryKinds(def: ProviderDefinition): ReadonlyMap<string, ModelKind> {
  let m = kindMaps.get(def);
  if (!m) {
    const out = new Map<string, ModelKind>();
    for (const id of def.models) out.set(id, modelKind(def, id));
    kindMaps.set(def, (m = out));
  }
  return m;
}

/** A login passthrough provider: the vendor's format, host and (unless listed) models. */
function loginProvider(r: ProviderRecord): ResolvedProvider {
  const kind = loginKind(r.login!);
  return {
    id: r.id,
    name: r.name ?? kind.name,
    formats: [kind.format],
    baseUrl: (r.baseUrl ?? kind.defaultBaseUrl).replace(/\/+$/, ''),
    auth: 'none',
    prefixes: [r.id],
    tier: 'subscription',
    local: false,
    models: r.models.length ? r.models : kind.defaultModels,
    headers: {},
    quirks: {},
    builtin: false,
    configured: true,
    enabled: r.enabled,
    accountStrategy: 'fill-first',
    login: r.login,
    ...(r.proxy ? { proxy: r.proxy } : {}),
    ...(r.timeouts ? { timeouts: r.timeouts } : {}),
  };
}

export function resolveAllProviders(records: ProviderRecord[], aliases = true): ResolvedProvider[] {
  const recs = new Map(records.map((r) => [r.id, r]));
  const out: ResolvedProvider[] = [];
  for (const def of builtinProviders()) out.push(resolveProvider(def, recs.get(def.id), aliases)!);
  for (const rec of records) if (!builtinProvider(rec.id)) out.push(resolveProvider(undefined, rec)!);
  return out;
}

/**
 * Adds the chat models each provider's accounts discovered (core/gateway/model-discovery.ts) to
 * its list, after the registry's and the user's own. A model the provider called something
 * other than chat (an embedding model) is left out: chat routes would only fail on it.
 */
export function mergeDiscoveredModels(providers: ResolvedProvider[], connections: ConnectionRecord[]): void {
  const byProvider = new Map<string, string[]>();
  for (const c of connections) {
    if (!c.enabled || !c.discovery?.models.length) continue;
    const info = c.discovery.info;
    const list = byProvider.get(c.providerId) ?? [];
    for (const m of c.discovery.models) {
      const kind = info?.[m]?.kind;
      if (kind === undefined || kind === 'chat') list.push(m);
    }
    byProvider.set(c.providerId, list);
  }
  if (byProvider.size === 0) return;
  for (const p of providers) {
    const found = byProvider.get(p.id);
    if (!found?.length || p.login) continue;
    const own = new Set(p.models);
    const extra = [...new Set(found)].filter((m) => !own.has(m));
    if (extra.length === 0) continue;
    p.models = [...p.models, ...extra];
    p.discovered = extra;
  }
}
