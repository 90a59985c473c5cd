import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { CliToolApplied, CliToolApplyMode, CliToolId } from '../../api/types';
import { errorText } from '../Notice';

/** An apply refused: shown by the Apply button; `key` marks the key field as the cause. */
export interface ApplyError {
  message: string;
  key?: boolean;
}

/**
 * Writing a tool's config: the question first, then the write, then what came of it.
 * `onStart` clears the page's own error; `reload` refreshes the tools' statuses after a write.
 */
export function useCliToolApply(onStart: () => void, reload: () => Promise<void>) {
  const { t } = useTranslation();
  const [applyError, setApplyError] = useState<ApplyError>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<CliToolApplied>();
  const applyButton = useRef<HTMLButtonElement>(null);

  /** Another tool, mode or model was chosen: what was asked or applied no longer holds. */
  const reset = () => {
    setConfirming(false);
    setApplied(undefined);
    setApplyError(undefined);
  };
  const ask = () => {
    setApplied(undefined);
    setConfirming(true);
  };
  const closeQuestion = () => {
    setConfirming(false);
    // The Apply button is enabled again once the question closes: give it the focus back.
    setTimeout(() => applyButton.current?.focus(), 0);
  };
  const apply = async (id: CliToolId, body: { model: string; apiKey?: string; mode?: CliToolApplyMode }) => {
    onStart();
    setApplyError(undefined);
    setBusy(true);
    try {
      setApplied(await api.applyCliTool(id, body));
      closeQuestion();
      await reload();
    } catch (e) {
      // 400 on apiKey: a key the gateway does not know (or disabled), or none where one is required.
      if (e instanceof ApiError && e.status === 400 && e.param === 'apiKey') {
        setApplyError({ message: body.apiKey ? t('cli.unknownKey') : t('cli.keyRequired'), key: true });
        closeQuestion();
      } else setApplyError({ message: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return {
    applyError,
    setApplyError,
    confirming,
    busy,
    applied,
    setApplied,
    applyButton,
    reset,
    ask,
    closeQuestion,
    apply,
  };
}
