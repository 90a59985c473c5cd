import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LOGIN_KINDS, WIRE_FORMATS, type LoginKindId, type Provider, type WireFormat } from '../../api/types';
import { splitList } from '../../lib/format';
import { LOGIN_DEFAULTS } from '../../lib/logins';
import { Field, SelectField } from '../Field';
import { Notice, errorText } from '../Notice';
import { Toggle } from '../Toggle';

type Kind = 'format' | 'login';

/**
 * A provider of your own: any upstream speaking one of the four wire formats, or a coding tool's
 * own login passed through (no format, no accounts: the CLI brings its credential).
 */
export function CustomProviderForm({
  initialLogin,
  onDone,
  onCancel,
}: {
  /** Opens as "Keep a coding tool's login" with this kind chosen (a plan route's "Add …"). */
  initialLogin?: LoginKindId;
  onDone: (p: Provider) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(initialLogin ? 'login' : 'format');
  const [login, setLogin] = useState<LoginKindId>(initialLogin ?? 'anthropic');
  const [id, setId] = useState(initialLogin ? LOGIN_DEFAULTS[initialLogin].id : '');
  const [idTouched, setIdTouched] = useState(false);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<WireFormat>('openai-chat');
  const [baseUrl, setBaseUrl] = useState('');
  const [models, setModels] = useState('');
  const [local, setLocal] = useState(false);
  const [error, setError] = useState<string>();
  const isLogin = kind === 'login';
  const formRef = useRef<HTMLFormElement>(null);

  // Opened from further down the page: bring the form into view.
  useEffect(() => {
    if (initialLogin) formRef.current?.scrollIntoView({ block: 'start' });
  }, [initialLogin]);

  // Until the id is typed, a login provider gets a readable one of its kind ("claude-login").
  const chooseLogin = (k: LoginKindId) => {
    setLogin(k);
    if (!idTouched) setId(LOGIN_DEFAULTS[k].id);
  };
  const chooseKind = (k: Kind) => {
    setKind(k);
    if (!idTouched) setId(k === 'login' ? LOGIN_DEFAULTS[login].id : '');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const list = splitList(models);
      const p = isLogin
        ? await api.putProvider(id.trim(), {
            login,
            name: name.trim() || undefined,
            baseUrl: baseUrl.trim() || undefined,
            models: list.length ? list : undefined,
            enabled: true,
          })
        : await api.putProvider(id.trim(), {
            name: name.trim() || undefined,
            format,
            baseUrl: baseUrl.trim(),
            models: list,
            local,
            enabled: true,
          });
      onDone(p);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form ref={formRef} className="card subform" onSubmit={submit} data-testid="custom-provider-form">
      <h2>{t('providers.customTitle')}</h2>
      <fieldset className="choices pair">
        <legend className="visually-hidden">{t('providers.kindLegend')}</legend>
        <label className={`choice${!isLogin ? ' selected' : ''}`}>
          <input
            type="radio"
            name="provider-kind"
            value="format"
            checked={!isLogin}
            onChange={() => chooseKind('format')}
          />
          <span>
            <strong>{t('providers.kindFormat')}</strong>
            <small className="muted block">{t('providers.kindFormatHint')}</small>
          </span>
        </label>
        <label className={`choice${isLogin ? ' selected' : ''}`}>
          <input
            type="radio"
            name="provider-kind"
            value="login"
            checked={isLogin}
            onChange={() => chooseKind('login')}
          />
          <span>
            <strong>{t('providers.kindLogin')}</strong>
            <small className="muted block">{t('providers.kindLoginHint')}</small>
          </span>
        </label>
      </fieldset>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form-grid">
        {isLogin && (
          <SelectField
            label={t('providers.loginKind')}
            name="login"
            value={login}
            onChange={(v) => chooseLogin(v as LoginKindId)}
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
          value={id}
          onChange={(e) => {
            setId(e.target.value);
            setIdTouched(true);
          }}
        />
        <Field
          label={t('providers.name')}
          name="name"
          placeholder={isLogin ? t(`logins.${login}`) : undefined}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {!isLogin && (
          <SelectField
            label={t('providers.format')}
            value={format}
            onChange={(v) => setFormat(v as WireFormat)}
            options={WIRE_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
          />
        )}
        <Field
          label={t('providers.baseUrl')}
          name="baseUrl"
          type="url"
          dir="ltr"
          required={!isLogin}
          placeholder={isLogin ? LOGIN_DEFAULTS[login].baseUrl : 'http://127.0.0.1:8000/v1'}
          hint={isLogin ? t('providers.loginBaseUrlHint', { url: LOGIN_DEFAULTS[login].baseUrl }) : undefined}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <Field
          label={t('providers.modelList')}
          name="models"
          dir="ltr"
          hint={isLogin ? t('providers.loginModelsHint') : t('providers.modelListHint')}
          value={models}
          onChange={(e) => setModels(e.target.value)}
        />
      </div>
      {!isLogin && (
        <Toggle
          label={t('providers.local')}
          hint={t('providers.localHint')}
          checked={local}
          onChange={setLocal}
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
