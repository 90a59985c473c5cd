import { EventEmitter } from 'node:events';
import type { RequestLogEntry } from '../store/request-log.js';
import type { RoutingEventMap } from '../routing/host.js';

export type { BudgetCrossing } from '../routing/host.js';

/** What hosts (tray, dashboard SSE) react to; the router's announcements among them. */
export interface CoreEventMap extends RoutingEventMap {
  'config-changed': { what: string };
  'active-combo-changed': { combo: string | null };
  'offline-changed': { offline: boolean; reason: 'manual' | 'auto' };
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
  /** Whether anyone listens: lets a per-request emitter skip building a payload nobody reads. */
  listened(event: keyof CoreEventMap): boolean {
    return this.emitter.listenerCount(event) > 0;
  }
  emit<K extends keyof CoreEventMap>(event: K, payload: CoreEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
