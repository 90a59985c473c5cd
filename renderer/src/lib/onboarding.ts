import { api } from '../api/client';

const KEY = 'omniroute.onboarding';

export function onboardingDone(): boolean {
  return localStorage.getItem(KEY) === 'done';
}

/** Remembers "finished or skipped" in this browser and in the core (settings.onboarded). */
export function finishOnboarding(): void {
  localStorage.setItem(KEY, 'done');
  api.patchSettings({ onboarded: true }).catch(() => {});
}

/** First run: the core was never onboarded and has no account and no combo yet. */
export async function needsOnboarding(): Promise<boolean> {
  const [settings, connections, combos] = await Promise.all([
    api.settings().catch(() => undefined),
    api.connections(),
    api.combos(),
  ]);
  if (settings?.onboarded) return false;
  return connections.length === 0 && combos.length === 0;
}
