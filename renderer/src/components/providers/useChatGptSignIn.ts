import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { ChatGptSignInStatus } from '../../api/types';
import { SIGN_IN_POLL_MS, SIGN_IN_TIMEOUT_MS } from '../../lib/chatgptPlan';
import { errorText } from '../Notice';

export type SignInPhase =
  | { kind: 'idle' }
  | { kind: 'starting'; connectionId?: string }
  | { kind: 'waiting'; state: string; url: string; connectionId?: string; since: number }
  | { kind: 'done'; status: ChatGptSignInStatus; welcomed: boolean }
  | { kind: 'error'; message: string };

export interface ChatGptSignIn {
  phase: SignInPhase;
  /** Starting or waiting: one sign-in at a time. */
  busy: boolean;
  /** A new account, or `connectionId` signed in again. */
  start(connectionId?: string): Promise<void>;
  /** Stops waiting (the browser tab may still finish it; the list shows it on the next load). */
  cancel(): void;
  /** The first sign-in with plan usage: "You’re using your ChatGPT plan" is showing. */
  welcoming: boolean;
  dismissWelcome(): void;
}

/**
 * "Sign in with ChatGPT" from the dashboard: POST /api/chatgpt/sign-in, the returned address in a
 * new browser tab (the Electron window sends it to the system browser), then the status polled
 * every second for up to 15 minutes. `onDone` runs when an account was stored (done, with or
 * without plan usage).
 */
export function useChatGptSignIn(onDone: (s: ChatGptSignInStatus) => void): ChatGptSignIn {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<SignInPhase>({ kind: 'idle' });
  const doneRef = useRef(onDone);
  doneRef.current = onDone;

  const start = useCallback(async (connectionId?: string) => {
    setPhase({ kind: 'starting', ...(connectionId ? { connectionId } : {}) });
    try {
      const s = await api.chatGptSignIn(connectionId);
      window.open(s.url, '_blank', 'noopener');
      setPhase({
        kind: 'waiting',
        state: s.state,
        url: s.url,
        since: Date.now(),
        ...(connectionId ? { connectionId } : {}),
      });
    } catch (e) {
      setPhase({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      if (!stopped) timer = setTimeout(() => void poll(), SIGN_IN_POLL_MS);
    };
    const poll = async () => {
      if (Date.now() - phase.since > SIGN_IN_TIMEOUT_MS) {
        setPhase({ kind: 'error', message: t('chatgptPlan.timedOut') });
        return;
      }
      try {
        const s = await api.chatGptSignInStatus(phase.state);
        if (stopped) return;
        if (s.state === 'pending') return next();
        if (s.state === 'error') {
          setPhase({ kind: 'error', message: s.error ?? t('chatgptPlan.failed') });
          return;
        }
        setPhase({ kind: 'done', status: s, welcomed: false });
        doneRef.current(s);
      } catch (e) {
        if (stopped) return;
        // 404: the core no longer knows this sign-in (expired, or the core restarted).
        if (e instanceof ApiError && e.status === 404) setPhase({ kind: 'error', message: errorText(e) });
        else next();
      }
    };
    next();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [phase, t]);

  const welcoming =
    phase.kind === 'done' &&
    phase.status.firstTime === true &&
    phase.status.planUsage !== false &&
    !phase.welcomed;
  return {
    phase,
    busy: phase.kind === 'starting' || phase.kind === 'waiting',
    start,
    cancel: () => setPhase({ kind: 'idle' }),
    welcoming,
    dismissWelcome: () => setPhase((p) => (p.kind === 'done' ? { ...p, welcomed: true } : p)),
  };
}
