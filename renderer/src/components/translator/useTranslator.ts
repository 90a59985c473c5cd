import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TranslateResult, WireFormat } from '../../api/types';
import { errorText } from '../Notice';

/** The translator's choices and text, and a translation through the core (POST /api/translate). */
export function useTranslator(sample: string) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<WireFormat>('openai-chat');
  const [to, setTo] = useState<WireFormat>('anthropic');
  const [kind, setKind] = useState<'request' | 'response'>('request');
  const [input, setInput] = useState(sample);
  const [result, setResult] = useState<TranslateResult>();
  const [error, setError] = useState<string>();

  const run = async (body: string) => {
    setError(undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      setError(t('translator.invalidJson'));
      return;
    }
    try {
      setResult(await api.translate({ from, to, kind, body: parsed }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  // The page opens with the sample already translated.
  useEffect(() => {
    void run(sample);
  }, []);

  return { from, setFrom, to, setTo, kind, setKind, input, setInput, result, error, run };
}
