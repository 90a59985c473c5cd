import { EventEmitter } from 'node:events';
import type { RequestLogEntry } from '../store/request-log.js';

/** What hosts (tray, dashboard SSE) react to. */
export interface CoreEventMap {
  'config-changed': { what: string };
  'active-combo-changed': { combo: string | null };
  'offline-changed': { offline: boolean; reason: 'manual' | 'auto' };
  'circuit-changed': {
    key: string;
    providerId: string;
    connectionId?: string;
    label: string;
    from: 'closed' | 'open' | 'half-open';
    to: 'closed' | 'open' | 'half-open';
    retryAt?: number;
  };
  /** A quota window crossed a threshold: warning (80 %), exhausted, available again, reset. */
  'quota-changed': {
    type: 'warning' | 'exhausted' | 'available' | 'reset';
    connectionId: string;
    label: string;
    windowId: string;
    used: number;
    limit: number;
    resetsAt: number;
    at: number;
  };
  'request-finished': {
    id: string;
    status: number;
    route?: string;
    fallback: boolean;
    entry?: RequestLogEntry;
  };
}

export class CoreEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  on<K extends keyof CoreEventMap>(event: K, listener: (payload: CoreEventMap[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
  emit<K extends keyof CoreEventMap>(event: K, payload: CoreEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
