import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Connection, ConnectionPatch, Provider } from '../../api/types';
import { Field } from '../Field';
import { Notice, errorText } from '../Notice';

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
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const prio = Number.parseInt(priority, 10) || 0;
      let c: Connection;
      if (ex) {
        const patch: ConnectionPatch = {
          name,
          priority: prio,
          baseUrl: baseUrl.trim() || null,
          proxy: proxy.trim() || null,
        };
        if (apiKey) patch.apiKey = apiKey;
        c = await api.patchConnection(ex.id, patch);
      } else {
        c = await api.addConnection({
          providerId: props.provider.id,
          name,
          priority: prio,
          ...(apiKey ? { apiKey } : {}),
          ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
          ...(proxy.trim() ? { proxy: proxy.trim() } : {}),
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
      </div>
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
