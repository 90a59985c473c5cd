import { EventEmitter } from 'node:events';
import type { RequestLogEntry } from '../store/request-log.js';

/** What hosts (tray, dashboard SSE) react to. */
export interface CoreEventMap {
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
  emit<K extends keyof CoreEventMap>(event: K, payload: CoreEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
