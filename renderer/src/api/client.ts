import type {
  AuthStatus,
  BackupInfo,
  BudgetInput,
  CacheCleared,
  ChatGptModels,
  ChatGptSignInStart,
  ChatGptSignInStatus,
  CliToolApplied,
  CliToolApply,
  CliToolId,
  CliToolStatus,
  Combo,
  ComboInput,
  ConfigDocument,
  ComboTemplate,
  Connection,
  ConnectionInput,
  ConnectionTestResult,
  ModelDiscovery,
  ConnectionPatch,
  ConnectionQuota,
  Budget,
  GatewayKey,
  GatewayKeyCreated,
  HealthReport,
  HealthSummary,
  ImportSummary,
  LogDetail,
  LogPage,
  LogQuery,
  ModelAlias,
  ModelDetail,
  ModelPriceRow,
  PlanLoginStatus,
  PlanRoute,
  PriceInput,
  Provider,
  ProviderInput,
  ProxyTestResult,
  Settings,
  Strategies,
  TranslateRequest,
  TranslateResult,
  TrayState,
  UsageGroupBy,
  UsageReport,
} from './types';

/** A non-2xx answer; `body` is the parsed answer (e.g. POST /api/import's `issues`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const UNAUTHENTICATED_EVENT = 'omniroute:unauthenticated';

/** Sent on every call; the core's CSRF check relies on Origin / Sec-Fetch-Site, this marks us. */
const CLIENT_HEADER = { 'X-OmniRoute-Client': 'dashboard' };

async function request<T>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    ...init,
    headers: {
      ...CLIENT_HEADER,
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { message?: string; param?: string } } | undefined)?.error;
    const message = err?.message ?? (typeof data === 'string' && data ? data : `HTTP ${res.status}`);
    if (res.status === 401 && url.startsWith('/api/') && !url.startsWith('/api/auth/')) {
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    }
    throw new ApiError(res.status, message, err?.param, data);
  }
  return data as T;
}

const enc = encodeURIComponent;
const qs = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const api = {
  // auth
  authStatus: () => request<AuthStatus>('GET', '/api/auth/status'),
  login: (password: string) => request<{ ok: true }>('POST', '/api/auth/login', { password }),
  loginWithToken: (token: string) => request<{ ok: true }>('POST', '/api/auth/login', { token }),
  logout: () => request<{ ok: true }>('POST', '/api/auth/logout'),
  setPassword: (password: string | null, current?: string) =>
    request<{ ok: true }>('PUT', '/api/auth/password', current ? { password, current } : { password }),

  // providers & connections
  providers: () => request<Provider[]>('GET', '/api/providers'),
  planRoutes: () => request<PlanRoute[]>('GET', '/api/plan-routes'),
  putProvider: (id: string, body: ProviderInput) =>
    request<Provider>('PUT', `/api/providers/${enc(id)}`, body),
  deleteProvider: (id: string) => request<{ ok: true }>('DELETE', `/api/providers/${enc(id)}`),
  connections: () => request<Connection[]>('GET', '/api/connections'),
  addConnection: (body: ConnectionInput) => request<Connection>('POST', '/api/connections', body),
  patchConnection: (id: string, body: ConnectionPatch) =>
    request<Connection>('PATCH', `/api/connections/${enc(id)}`, body),
  deleteConnection: (id: string) => request<{ ok: true }>('DELETE', `/api/connections/${enc(id)}`),
  testConnection: (id: string, model?: string) =>
    request<ConnectionTestResult>('POST', `/api/connections/${enc(id)}/test`, model ? { model } : {}),
  discoverModels: (id: string) => request<ModelDiscovery>('POST', `/api/connections/${enc(id)}/discover`),
  testProxy: (proxy: string, target?: string) =>
    request<ProxyTestResult>('POST', '/api/proxies/test', target ? { proxy, target } : { proxy }),

  // Sign in with ChatGPT (the chatgpt-plan provider's accounts)
  chatGptSignIn: (connectionId?: string) =>
    request<ChatGptSignInStart>('POST', '/api/chatgpt/sign-in', connectionId ? { connectionId } : {}),
  chatGptSignInStatus: (state: string) =>
    request<ChatGptSignInStatus>('GET', `/api/chatgpt/sign-in/${enc(state)}`),
  /** Revokes the account's refresh token at OpenAI, then removes the account here. */
  chatGptSignOut: (connectionId: string) =>
    request<{ revoked: boolean; message?: string }>(
      'POST',
      `/api/chatgpt/accounts/${enc(connectionId)}/sign-out`,
      {},
    ),
  chatGptModels: (connectionId: string) =>
    request<ChatGptModels>('POST', `/api/chatgpt/accounts/${enc(connectionId)}/models`),

  // combos
  combos: () => request<Combo[]>('GET', '/api/combos'),
  putCombo: (name: string, body: ComboInput) => request<Combo>('PUT', `/api/combos/${enc(name)}`, body),
  deleteCombo: (name: string) => request<{ ok: true }>('DELETE', `/api/combos/${enc(name)}`),
  comboTemplates: () => request<ComboTemplate[]>('GET', '/api/combo-templates'),
  applyComboTemplate: (id: string, name?: string) =>
    request<Combo>('POST', `/api/combo-templates/${enc(id)}/apply`, name ? { name } : {}),

  // gateway keys
  keys: () => request<GatewayKey[]>('GET', '/api/keys'),
  createKey: (name: string, models?: string[]) =>
    request<GatewayKeyCreated>('POST', '/api/keys', models?.length ? { name, models } : { name }),
  patchKey: (id: string, body: { name?: string; models?: string[]; enabled?: boolean }) =>
    request<GatewayKey>('PATCH', `/api/keys/${enc(id)}`, body),
  rotateKey: (id: string) => request<GatewayKeyCreated>('POST', `/api/keys/${enc(id)}/rotate`),
  deleteKey: (id: string) => request<{ ok: true }>('DELETE', `/api/keys/${enc(id)}`),

  /** The orderings a combo or a provider's accounts can use (the core's list, for menus). */
  strategies: () => request<Strategies>('GET', '/api/strategies'),

  // settings & state
  settings: () => request<Settings>('GET', '/api/settings'),
  patchSettings: (body: Partial<Settings>) => request<Settings>('PATCH', '/api/settings', body),
  state: () => request<TrayState>('GET', '/api/state'),
  setActiveCombo: (combo: string | null) =>
    request<{ activeCombo: string | null }>('PUT', '/api/state/active-combo', { combo }),
  setOffline: (offline: boolean) => request<{ offline: boolean }>('PUT', '/api/state/offline', { offline }),
  health: () => request<HealthSummary>('GET', '/health'),

  // gateway: a test chat through a combo (OpenAI Chat Completions)
  testChat: (model: string, prompt: string, apiKey?: string) =>
    request<{ choices?: Array<{ message?: { content?: string | null } }>; model?: string }>(
      'POST',
      '/v1/chat/completions',
      { model, messages: [{ role: 'user', content: prompt }], max_tokens: 64, stream: false },
      apiKey ? { headers: { authorization: `Bearer ${apiKey}` } } : {},
    ),

  // observability, budgets, prices, aliases, storage (types.ts part 2)
  logs: (q: LogQuery = {}) => request<LogPage>('GET', `/api/logs${qs({ ...q })}`),
  log: (id: string) => request<LogDetail>('GET', `/api/logs/${enc(id)}`),
  usage: (q: { from: number; to: number; bucket: 'hour' | 'day'; groupBy: UsageGroupBy }) =>
    request<UsageReport>('GET', `/api/usage${qs(q)}`),
  quota: () => request<ConnectionQuota[]>('GET', '/api/quota'),
  plans: () => request<PlanLoginStatus[]>('GET', '/api/quota/plans'),
  budgets: () => request<Budget[]>('GET', '/api/budgets'),
  createBudget: (body: BudgetInput) => request<Budget>('POST', '/api/budgets', body),
  putBudget: (id: string, body: BudgetInput) => request<Budget>('PUT', `/api/budgets/${enc(id)}`, body),
  deleteBudget: (id: string) => request<{ ok: true }>('DELETE', `/api/budgets/${enc(id)}`),
  prices: () => request<ModelPriceRow[]>('GET', '/api/prices'),
  modelDetails: () => request<ModelDetail[]>('GET', '/api/models/details'),
  putPrice: (body: PriceInput) => request<ModelPriceRow>('PUT', '/api/prices', body),
  deletePrice: (model: string, providerId?: string) =>
    request<{ ok: true }>('DELETE', `/api/prices${qs({ model, providerId })}`),
  aliases: () => request<ModelAlias[]>('GET', '/api/aliases'),
  putAlias: (body: ModelAlias) => request<ModelAlias>('PUT', '/api/aliases', body),
  deleteAlias: (pattern: string) => request<{ ok: true }>('DELETE', `/api/aliases${qs({ pattern })}`),
  /** With secrets, `confirm` is the dashboard password or the admin token, asked for again. */
  exportConfig: (secrets = false, confirm?: string) =>
    request<ConfigDocument>(
      'GET',
      `/api/export${secrets ? '?secrets=true' : ''}`,
      undefined,
      secrets && confirm ? { headers: { 'X-OmniRoute-Confirm': confirm } } : {},
    ),
  importConfig: (config: ConfigDocument, dryRun: boolean) =>
    request<ImportSummary>('POST', '/api/import', dryRun ? { config, dryRun: true } : { config }),
  backups: () => request<BackupInfo[]>('GET', '/api/backups'),
  createBackup: () => request<BackupInfo>('POST', '/api/backups'),
  deleteBackup: (name: string) => request<{ ok: true }>('DELETE', `/api/backups/${enc(name)}`),
  clearCache: () => request<CacheCleared>('POST', '/api/cache/clear'),
  healthReport: () => request<HealthReport>('GET', '/api/health'),
  resetHealth: (scope: { providerId?: string; connectionId?: string } = {}) =>
    request<{ ok: true }>('POST', '/api/health/reset', scope),
  translate: (body: TranslateRequest) => request<TranslateResult>('POST', '/api/translate', body),
  cliTools: (model?: string) => request<CliToolStatus[]>('GET', `/api/cli-tools${qs({ model })}`),
  applyCliTool: (id: CliToolId, body: CliToolApply) =>
    request<CliToolApplied>('POST', `/api/cli-tools/${enc(id)}/apply`, body),
};

/** The log live tail (GET /api/logs/stream). */
export const LOG_STREAM_URL = '/api/logs/stream';
