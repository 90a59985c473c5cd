import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Connection, ConnectionLimits, ConnectionPatch, Provider } from '../../api/types';
import { Field } from '../Field';
import { Notice, errorText } from '../Notice';
import { ProxyTest, proxyTarget } from './ProxyTest';

/** Adds an account to a provider, or edits one (an empty key field keeps the stored key). */
export function ConnectionForm(props: {
  provider: Provider;
  existing?: Connection;
  defaultName?: string;
  onDone: (c: Connection) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const ex = props.existing;
  const [name, setName] = useState(ex?.name ?? props.defaultName ?? 'default');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(ex?.baseUrl ?? '');
  const [proxy, setProxy] = useState(ex?.proxy ?? '');
  const [priority, setPriority] = useState(String(ex?.priority ?? 0));
  const [weight, setWeight] = useState(String(ex?.weight ?? 1));
  const [limits, setLimits] = useState<Record<keyof ConnectionLimits, string>>({
    rpm: ex?.limits?.rpm !== undefined ? String(ex.limits.rpm) : '',
    minGapMs: ex?.limits?.minGapMs !== undefined ? String(ex.limits.minGapMs) : '',
    maxConcurrent: ex?.limits?.maxConcurrent !== undefined ? String(ex.limits.maxConcurrent) : '',
  });
  // The values the provider puts in its URL (Cloudflare's account id, Azure's resource): as the
  // core describes them, so a new provider with fields needs no dashboard change.
  const fieldDefs = props.provider.accountFields ?? [];
  const [fields, setFields] = useState<Record<string, string>>(() =>
    Object.fromEntries(fieldDefs.map((f) => [f.key, ex?.fields?.[f.key] ?? ''])),
  );
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const prio = Number.parseInt(priority, 10) || 0;
      const w = weight.trim() === '' ? 1 : Number(weight);
      const lim: ConnectionLimits = {};
      for (const k of ['rpm', 'minGapMs', 'maxConcurrent'] as const)
        if (limits[k].trim() !== '') lim[k] = Number(limits[k]);
      const hasLimits = Object.keys(lim).length > 0;
      const filled = Object.fromEntries(
        Object.entries(fields)
          .map(([k, v]) => [k, v.trim()] as const)
          .filter(([, v]) => v !== ''),
      );
      const hasFields = fieldDefs.length > 0;
      let c: Connection;
      if (ex) {
        const patch: ConnectionPatch = {
          name,
          priority: prio,
          baseUrl: baseUrl.trim() || null,
          proxy: proxy.trim() || null,
        };
        if (apiKey) patch.apiKey = apiKey;
        // Sent when the core knows the fields (it reports them) or when they are set here.
        if (ex.weight !== undefined || w !== 1) patch.weight = w;
        if (ex.limits !== undefined || hasLimits) patch.limits = hasLimits ? lim : null;
        if (hasFields) patch.fields = filled;
        c = await api.patchConnection(ex.id, patch);
      } else {
        c = await api.addConnection({
          providerId: props.provider.id,
          name,
          priority: prio,
          ...(apiKey ? { apiKey } : {}),
          ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
          ...(proxy.trim() ? { proxy: proxy.trim() } : {}),
          ...(w !== 1 ? { weight: w } : {}),
          ...(hasLimits ? { limits: lim } : {}),
          ...(hasFields ? { fields: filled } : {}),
        });
      }
      setApiKey('');
      props.onDone(c);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="subform" onSubmit={submit} data-testid="connection-form">
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form-grid">
        <Field
          label={t('connections.name')}
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label={t('connections.apiKey')}
          name="apiKey"
          type="password"
          autoComplete="off"
          required={!ex && !props.provider.local}
          placeholder={ex?.hasSecret ? t('connections.keepKey', { hint: ex.secretHint ?? '…' }) : ''}
          hint={props.provider.local ? t('connections.localNoKey') : t('connections.keyHint')}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
        {fieldDefs.map((f) => (
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
        <Field
          label={t('connections.baseUrl')}
          name="baseUrl"
          type="url"
          dir="ltr"
          placeholder={props.provider.baseUrl}
          hint={t('connections.baseUrlHint')}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <Field
          label={t('connections.proxy')}
          name="proxy"
          dir="ltr"
          placeholder="socks5://127.0.0.1:1080"
          hint={t('connections.proxyHint')}
          pattern="(https?|socks5h?)://.+"
          value={proxy}
          onChange={(e) => setProxy(e.target.value)}
        />
        <Field
          label={t('connections.priority')}
          name="priority"
          type="number"
          step={1}
          hint={t('connections.priorityHint')}
          value={priority}
          onChange={(e) => setPriority(e.target.value)}
        />
        <Field
          label={t('connections.weight')}
          name="weight"
          type="number"
          min={0}
          step="any"
          hint={t('connections.weightHint')}
          value={weight}
          onChange={(e) => setWeight(e.target.value)}
        />
      </div>
      <ProxyTest proxy={proxy} target={proxyTarget(baseUrl || props.provider.baseUrl)} />
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
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
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
