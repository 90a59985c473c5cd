import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WIRE_FORMATS, type WireFormat } from '../api/types';
import { useTranslator } from '../components/translator/useTranslator';
import { SelectField } from '../components/Field';
import { Notice } from '../components/Notice';
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
  const tr = useTranslator(SAMPLE);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void tr.run(tr.input);
  };
  const formats = WIRE_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }));

  return (
    <>
      <PageHeader title={t('translator.title')} intro={t('translator.intro')} />
      <form className="card" onSubmit={submit}>
        <div className="row wrap">
          <SelectField
            label={t('translator.from')}
            value={tr.from}
            onChange={(v) => tr.setFrom(v as WireFormat)}
            options={formats}
          />
          <SelectField
            label={t('translator.to')}
            value={tr.to}
            onChange={(v) => tr.setTo(v as WireFormat)}
            options={formats}
          />
          <SelectField
            label={t('translator.kind')}
            value={tr.kind}
            onChange={(v) => tr.setKind(v as 'request' | 'response')}
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
              value={tr.input}
              onChange={(e) => tr.setInput(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="tr-out">{t('translator.output')}</label>
            <textarea
              id="tr-out"
              dir="ltr"
              rows={16}
              readOnly
              value={tr.result ? JSON.stringify(tr.result.body, null, 2) : ''}
            />
          </div>
        </div>
        {tr.error && <Notice kind="error">{tr.error}</Notice>}
        {tr.result?.warnings.map((w) => (
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
