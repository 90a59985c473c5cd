import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Field } from '../Field';
import { Icon } from '../icons';
import { Notice, errorText } from '../Notice';

/** Sends one short chat through the gateway (POST /v1/chat/completions) with the combo as model. */
export function TestChat({ model, needsKey }: { model: string; needsKey: boolean }) {
  const { t } = useTranslation();
  const [prompt, setPrompt] = useState(t('combos.testPrompt'));
  const [key, setKey] = useState('');
  const [reply, setReply] = useState<{ text: string; model?: string; ms: number }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setReply(undefined);
    const started = performance.now();
    try {
      const r = await api.testChat(model, prompt, key || undefined);
      setReply({
        text: r.choices?.[0]?.message?.content ?? '',
        model: r.model,
        ms: Math.round(performance.now() - started),
      });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="subform test-chat" onSubmit={send} data-testid="test-chat">
      <Field
        label={t('combos.testPromptLabel')}
        name="prompt"
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
      />
      {needsKey && (
        <Field
          label={t('combos.testKey')}
          name="key"
          type="password"
          autoComplete="off"
          hint={t('combos.testKeyHint')}
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
      )}
      <button type="submit" className="btn" disabled={busy || !prompt.trim()}>
        <Icon name="play" /> {busy ? t('combos.testing') : t('combos.send')}
      </button>
      {error && <Notice kind="error">{error}</Notice>}
      {reply && (
        <Notice kind="success">
          <span data-testid="test-reply" className="reply">
            {reply.text || t('combos.emptyReply')}
          </span>
          <small className="muted block">
            {t('combos.replyMeta', { model: reply.model ?? model, ms: reply.ms })}
          </small>
        </Notice>
      )}
    </form>
  );
}
