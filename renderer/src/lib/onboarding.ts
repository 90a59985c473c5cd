import { api } from '../api/client';

const KEY = 'omniroute.onboarding';

export function onboardingDone(): boolean {
  return localStorage.getItem(KEY) === 'done';
}

export function finishOnboarding(): void {
  localStorage.setItem(KEY, 'done');
}

/** First run: no account and no combo yet (the core has no "onboarded" flag; see api/types.ts). */
export async function needsOnboarding(): Promise<boolean> {
  const [connections, combos] = await Promise.all([api.connections(), api.combos()]);
  return connections.length === 0 && combos.length === 0;
}
