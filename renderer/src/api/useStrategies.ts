import { api } from './client';
import type { Strategies } from './types';
import { useResource } from './useResource';

// The list is the core's (GET /api/strategies), so a strategy the core adds shows up in every
// menu without a dashboard change; it never changes while the core runs, so one fetch serves
// every menu. A failed fetch is forgotten, so the next menu tries again.
let list: Promise<Strategies> | undefined;
const load = () =>
  (list ??= api.strategies().catch((err: unknown) => {
    list = undefined;
    throw err;
  }));

/** The strategies a menu offers; empty until the core has answered. */
export function useStrategies(): Strategies {
  return useResource(load).data ?? [];
}
