import { useState } from 'react';
import { errorText } from './Notice';

/**
 * Runs a change, then reloads what it changed — also after a failure, since the core may have
 * applied part of it. The failure is kept for the page to show; `run` resolves true on success.
 */
export function useRunThenReload(reload: () => Promise<void>) {
  const [error, setError] = useState<string>();
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setError(undefined);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      await reload();
    }
  };
  return { error, setError, run };
}
