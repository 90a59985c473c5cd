// Typed IPC handlers for the window's preload API. Every argument is validated (the renderer is
// untrusted), every call must come from the dashboard's own origin, and results are
// `{ ok, value } | { ok: false, error }` so the renderer never sees a main-process stack.
import { IPC, type IpcResult, type ShellState } from './api-types.js';

export interface IpcEventLike {
  senderFrame?: { url: string } | null;
}

/** Structurally a subset of Electron's ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: any[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  getState(): ShellState;
  switchCombo(name: string | null): void;
  setOffline(offline: boolean): void;
  copyText(text: string): void;
  openExternal(url: string): Promise<void>;
  /** Origin of the dashboard (the core's URL); calls from any other origin are refused. */
  trustedOrigin(): string;
}

/** http: and https: only — no file:, javascript:, custom protocol handlers or malformed URLs. */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > 4096) return false;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

const fail = (error: string): IpcResult<never> => ({ ok: false, error });

export type IpcHandler = (event: IpcEventLike, ...args: unknown[]) => Promise<IpcResult<unknown>>;

export function createIpcHandlers(deps: IpcDeps): Record<string, IpcHandler> {
  const guard =
    (fn: (...args: unknown[]) => Promise<IpcResult<unknown>> | IpcResult<unknown>): IpcHandler =>
    async (event, ...args) => {
      const from = event.senderFrame?.url;
      if (!from || originOf(from) !== originOf(deps.trustedOrigin())) return fail('untrusted sender');
      try {
        return await fn(...args);
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err));
      }
    };

  return {
    [IPC.getState]: guard(() => ({ ok: true, value: deps.getState() })),
    [IPC.switchCombo]: guard((name) => {
      if (name !== null && (typeof name !== 'string' || name.length === 0 || name.length > 200))
        return fail('combo must be a name or null');
      if (name !== null) {
        const combo = deps.getState().combos.find((c) => c.name === name);
        if (!combo) return fail(`No combo "${name}".`);
        if (!combo.enabled) return fail(`Combo "${name}" is disabled; enable it first.`);
      }
      deps.switchCombo(name);
      return { ok: true, value: { activeCombo: name } };
    }),
    [IPC.setOffline]: guard((offline) => {
      if (typeof offline !== 'boolean') return fail('offline must be true or false');
      deps.setOffline(offline);
      return { ok: true, value: { offline } };
    }),
    [IPC.copyEndpoint]: guard(() => {
      const endpoint = deps.getState().endpoint;
      deps.copyText(endpoint);
      return { ok: true, value: { copied: endpoint } };
    }),
    [IPC.openExternal]: guard(async (url) => {
      if (!isSafeExternalUrl(url)) return fail('only http(s) URLs can be opened');
      await deps.openExternal(url);
      return { ok: true, value: { opened: url } };
    }),
  };
}

export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: Record<string, IpcHandler>): () => void {
  for (const [channel, handler] of Object.entries(handlers)) ipcMain.handle(channel, handler);
  return () => {
    for (const channel of Object.keys(handlers)) ipcMain.removeHandler(channel);
  };
}
