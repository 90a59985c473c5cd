import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Settings } from '../../api/types';
import { errorText } from '../Notice';

export interface SectionStatus {
  kind: 'success' | 'error' | 'warning';
  text: string;
}

/**
 * One Settings section: a draft of its own keys, and a save that PATCHes only the fields given.
 * A refusal (400 naming the key, 409) is kept as the section's status, shown next to its form.
 */
export function useSettingsSection<K extends keyof Settings>(
  settings: Settings,
  keys: readonly K[],
  onSaved: (s: Settings) => void,
) {
  const { t } = useTranslation();
  const pick = (s: Settings) => Object.fromEntries(keys.map((k) => [k, s[k]])) as Pick<Settings, K>;
  const [draft, setDraft] = useState(() => pick(settings));
  const [status, setStatus] = useState<SectionStatus>();
  const [busy, setBusy] = useState(false);

  const set = <F extends K>(key: F, value: Settings[F]) => setDraft((d) => ({ ...d, [key]: value }));

  /** PATCHes `body`; resolves true when the core accepted it. */
  const save = async (body: Partial<Settings>, savedText = t('settings.saved')): Promise<boolean> => {
    setBusy(true);
    setStatus(undefined);
    try {
      const next = await api.patchSettings(body);
      setDraft((d) => ({ ...d, ...pick(next) }));
      setStatus({ kind: 'success', text: savedText });
      onSaved(next);
      return true;
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { draft, set, setDraft, save, status, setStatus, busy };
}
