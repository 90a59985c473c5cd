import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { WIRE_FORMATS, type Provider, type WireFormat } from '../../api/types';
import { splitList } from '../../lib/format';
import { Field, SelectField } from '../Field';
import { Notice, errorText } from '../Notice';
import { Toggle } from '../Toggle';

/** A provider of your own: any upstream speaking one of the four wire formats. */
export function CustomProviderForm({
  onDone,
  onCancel,
}: {
  onDone: (p: Provider) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [format, setFormat] = useState<WireFormat>('openai-chat');
  const [baseUrl, setBaseUrl] = useState('');
  const [models, setModels] = useState('');
  const [local, setLocal] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const p = await api.putProvider(id.trim(), {
        name: name.trim() || undefined,
        format,
        baseUrl: baseUrl.trim(),
        models: splitList(models),
        local,
        enabled: true,
      });
      onDone(p);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form className="card subform" onSubmit={submit} data-testid="custom-provider-form">
      <h2>{t('providers.customTitle')}</h2>
      <p className="muted">{t('providers.customIntro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form-grid">
        <Field
          label={t('providers.id')}
          name="id"
          dir="ltr"
          required
          pattern="[a-z0-9][a-z0-9_.\-]*"
          hint={t('providers.idHint')}
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        <Field
          label={t('providers.name')}
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('providers.format')}
          value={format}
          onChange={(v) => setFormat(v as WireFormat)}
          options={WIRE_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
        />
        <Field
          label={t('providers.baseUrl')}
          name="baseUrl"
          type="url"
          dir="ltr"
          required
          placeholder="http://127.0.0.1:8000/v1"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <Field
          label={t('providers.modelList')}
          name="models"
          dir="ltr"
          hint={t('providers.modelListHint')}
          value={models}
          onChange={(e) => setModels(e.target.value)}
        />
      </div>
      <Toggle
        label={t('providers.local')}
        hint={t('providers.localHint')}
        checked={local}
        onChange={setLocal}
      />
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('providers.createCustom')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
