import { useTranslation } from 'react-i18next';
import { LOGIN_KINDS, WIRE_FORMATS, type LoginKindId, type Provider, type WireFormat } from '../../api/types';
import { LOGIN_DEFAULTS } from '../../lib/logins';
import { Field, SelectField } from '../Field';
import { Notice } from '../Notice';
import { RadioChoices } from '../RadioChoices';
import { Toggle } from '../Toggle';
import { useCustomProviderForm, type CustomProviderKind } from './useCustomProviderForm';

interface CustomProviderFormProps {
  /** Opens as "Keep a coding tool's login" with this kind chosen (a plan route's "Add …"). */
  initialLogin?: LoginKindId;
  onDone: (p: Provider) => void;
  onCancel: () => void;
}

/**
 * A provider of your own: any upstream speaking one of the four wire formats, or a coding tool's
 * own login passed through (no format, no accounts: the CLI brings its credential).
 * Over 80 lines on purpose: the rest is one flat list of fields that each read the chosen kind;
 * split up, the pieces would only repeat the shape of the other forms' fields.
 */
export function CustomProviderForm({ initialLogin, onDone, onCancel }: CustomProviderFormProps) {
  const { t } = useTranslation();
  const form = useCustomProviderForm(initialLogin, onDone);

  return (
    <form
      ref={form.formRef}
      className="card subform"
      onSubmit={form.submit}
      data-testid="custom-provider-form"
    >
      <h2>{t('providers.customTitle')}</h2>
      <KindChoice kind={form.kind} onChange={form.chooseKind} />
      {form.error && <Notice kind="error">{form.error}</Notice>}
      <div className="form-grid">
        {form.isLogin && (
          <SelectField
            label={t('providers.loginKind')}
            name="login"
            value={form.login}
            onChange={(v) => form.chooseLogin(v as LoginKindId)}
            options={LOGIN_KINDS.map((k) => ({ value: k, label: t(`logins.${k}`) }))}
            hint={t('providers.loginKindHint')}
          />
        )}
        <Field
          label={t('providers.id')}
          name="id"
          dir="ltr"
          required
          pattern="[a-z0-9][a-z0-9_.\-]*"
          hint={t('providers.idHint')}
          value={form.id}
          onChange={(e) => form.typeId(e.target.value)}
        />
        <Field
          label={t('providers.name')}
          name="name"
          placeholder={form.isLogin ? t(`logins.${form.login}`) : undefined}
          value={form.name}
          onChange={(e) => form.setName(e.target.value)}
        />
        {!form.isLogin && (
          <SelectField
            label={t('providers.format')}
            value={form.format}
            onChange={(v) => form.setFormat(v as WireFormat)}
            options={WIRE_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
          />
        )}
        <Field
          label={t('providers.baseUrl')}
          name="baseUrl"
          type="url"
          dir="ltr"
          required={!form.isLogin}
          placeholder={form.isLogin ? LOGIN_DEFAULTS[form.login].baseUrl : 'http://127.0.0.1:8000/v1'}
          hint={
            form.isLogin
              ? t('providers.loginBaseUrlHint', { url: LOGIN_DEFAULTS[form.login].baseUrl })
              : undefined
          }
          value={form.baseUrl}
          onChange={(e) => form.setBaseUrl(e.target.value)}
        />
        <Field
          label={t('providers.modelList')}
          name="models"
          dir="ltr"
          hint={form.isLogin ? t('providers.loginModelsHint') : t('providers.modelListHint')}
          value={form.models}
          onChange={(e) => form.setModels(e.target.value)}
        />
      </div>
      {!form.isLogin && (
        <Toggle
          label={t('providers.local')}
          hint={t('providers.localHint')}
          checked={form.local}
          onChange={form.setLocal}
        />
      )}
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

/** An upstream speaking a wire format, or a coding tool's login passed through. */
function KindChoice({
  kind,
  onChange,
}: {
  kind: CustomProviderKind;
  onChange: (k: CustomProviderKind) => void;
}) {
  const { t } = useTranslation();
  return (
    <RadioChoices
      className="choices pair"
      legend={t('providers.kindLegend')}
      name="provider-kind"
      value={kind}
      options={[
        { value: 'format', label: t('providers.kindFormat'), hint: t('providers.kindFormatHint') },
        { value: 'login', label: t('providers.kindLogin'), hint: t('providers.kindLoginHint') },
      ]}
      onChange={onChange}
    />
  );
}
