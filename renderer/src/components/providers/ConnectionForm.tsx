import { useTranslation } from 'react-i18next';
import type { Connection, ConnectionLimits, Provider } from '../../api/types';
import { Field } from '../Field';
import { Notice } from '../Notice';
import { ProxyTest, proxyTarget } from './ProxyTest';
import { useConnectionForm } from './useConnectionForm';

interface ConnectionFormProps {
  provider: Provider;
  existing?: Connection;
  defaultName?: string;
  onDone: (c: Connection) => void;
  onCancel?: () => void;
}

/** Adds an account to a provider, or edits one (an empty key field keeps the stored key). */
export function ConnectionForm(props: ConnectionFormProps) {
  const { t } = useTranslation();
  const ex = props.existing;
  const f = useConnectionForm(props.provider, ex, props.defaultName, props.onDone);
  return (
    <form className="subform" onSubmit={f.submit} data-testid="connection-form">
      {f.error && <Notice kind="error">{f.error}</Notice>}
      <div className="form-grid">
        <Field
          label={t('connections.name')}
          name="name"
          required
          value={f.name}
          onChange={(e) => f.setName(e.target.value)}
        />
        <Field
          label={t('connections.apiKey')}
          name="apiKey"
          type="password"
          autoComplete="off"
          required={!ex && !props.provider.local}
          placeholder={ex?.hasSecret ? t('connections.keepKey', { hint: ex.secretHint ?? '…' }) : ''}
          hint={props.provider.local ? t('connections.localNoKey') : t('connections.keyHint')}
          value={f.apiKey}
          onChange={(e) => f.setApiKey(e.target.value)}
        />
        <AccountFields defs={f.fieldDefs} values={f.fields} onChange={f.setFields} />
        <Field
          label={t('connections.baseUrl')}
          name="baseUrl"
          type="url"
          dir="ltr"
          placeholder={props.provider.baseUrl}
          hint={t('connections.baseUrlHint')}
          value={f.baseUrl}
          onChange={(e) => f.setBaseUrl(e.target.value)}
        />
        <Field
          label={t('connections.proxy')}
          name="proxy"
          dir="ltr"
          placeholder="socks5://127.0.0.1:1080"
          hint={t('connections.proxyHint')}
          pattern="(https?|socks5h?)://.+"
          value={f.proxy}
          onChange={(e) => f.setProxy(e.target.value)}
        />
        <Field
          label={t('connections.priority')}
          name="priority"
          type="number"
          step={1}
          hint={t('connections.priorityHint')}
          value={f.priority}
          onChange={(e) => f.setPriority(e.target.value)}
        />
        <Field
          label={t('connections.weight')}
          name="weight"
          type="number"
          min={0}
          step="any"
          hint={t('connections.weightHint')}
          value={f.weight}
          onChange={(e) => f.setWeight(e.target.value)}
        />
      </div>
      <ProxyTest proxy={f.proxy} target={proxyTarget(f.baseUrl || props.provider.baseUrl)} />
      <LimitsFieldset limits={f.limits} onChange={f.setLimits} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={f.busy}>
          {ex ? t('common.save') : t('connections.add')}
        </button>
        {props.onCancel && (
          <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** The values the provider puts in its URL, as the core describes them. */
function AccountFields({
  defs,
  values: fields,
  onChange: setFields,
}: {
  defs: NonNullable<Provider['accountFields']>;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  return (
    <>
      {defs.map((f) => (
        <Field
          key={f.key}
          label={f.label}
          name={`field-${f.key}`}
          dir="ltr"
          required={f.default === undefined}
          placeholder={f.default ?? ''}
          pattern="[A-Za-z0-9._~\-]+"
          value={fields[f.key] ?? ''}
          onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
        />
      ))}
    </>
  );
}

/** Pacing of the account: requests a minute, the gap between two, how many at once. */
function LimitsFieldset({
  limits,
  onChange: setLimits,
}: {
  limits: Record<keyof ConnectionLimits, string>;
  onChange: (limits: Record<keyof ConnectionLimits, string>) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="limits">
      <legend>{t('connections.limits')}</legend>
      <p className="muted small">{t('connections.limitsHint')}</p>
      <div className="form-grid">
        {(['rpm', 'minGapMs', 'maxConcurrent'] as const).map((k) => (
          <Field
            key={k}
            label={t(`connections.${k}`)}
            name={k}
            type="number"
            min={k === 'minGapMs' ? 0 : 1}
            step={1}
            value={limits[k]}
            onChange={(e) => setLimits({ ...limits, [k]: e.target.value })}
          />
        ))}
      </div>
    </fieldset>
  );
}
