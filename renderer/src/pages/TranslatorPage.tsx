import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { WIRE_FORMATS, type TranslateResult, type WireFormat } from '../api/types';
import { SelectField } from '../components/Field';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';

const SAMPLE = JSON.stringify(
  {
    model: 'auto',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hello!' },
    ],
    max_tokens: 64,
  },
  null,
  2,
);

export function TranslatorPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState<WireFormat>('openai-chat');
  const [to, setTo] = useState<WireFormat>('anthropic');
  const [kind, setKind] = useState<'request' | 'response'>('request');
  const [input, setInput] = useState(SAMPLE);
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
    void run(SAMPLE);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(input);
  };
  const formats = WIRE_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }));

  return (
    <>
      <PageHeader title={t('translator.title')} intro={t('translator.intro')} />
      <form className="card" onSubmit={submit}>
        <div className="row wrap">
          <SelectField
            label={t('translator.from')}
            value={from}
            onChange={(v) => setFrom(v as WireFormat)}
            options={formats}
          />
          <SelectField
            label={t('translator.to')}
            value={to}
            onChange={(v) => setTo(v as WireFormat)}
            options={formats}
          />
          <SelectField
            label={t('translator.kind')}
            value={kind}
            onChange={(v) => setKind(v as 'request' | 'response')}
            options={[
              { value: 'request', label: t('translator.request') },
              { value: 'response', label: t('translator.response') },
            ]}
          />
        </div>
        <div className="translator">
          <div className="field">
            <label htmlFor="tr-in">{t('translator.input')}</label>
            <textarea
              id="tr-in"
              dir="ltr"
              rows={16}
              spellCheck={false}
              value={input}
              onChange={(e) => setInput(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="tr-out">{t('translator.output')}</label>
            <textarea
              id="tr-out"
              dir="ltr"
              rows={16}
              readOnly
              value={result ? JSON.stringify(result.body, null, 2) : ''}
            />
          </div>
        </div>
        {error && <Notice kind="error">{error}</Notice>}
        {result?.warnings.map((w) => (
          <Notice key={w} kind="warning">
            {w}
          </Notice>
        ))}
        <button type="submit" className="btn btn-primary">
          {t('translator.translate')}
        </button>
      </form>
    </>
  );
}
