import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Provider, Strategy } from '../../api/types';
import { useStrategies } from '../../api/useStrategies';
import { providerBody } from '../../lib/bodies';
import { isProxyUrl } from '../../lib/validate';
import { Field, SelectField } from '../Field';
import { Notice, errorText } from '../Notice';
import { ProxyTest, proxyTarget } from './ProxyTest';

/**
 * How a provider's accounts are chosen, and its proxy (PUT /api/providers/:id, full body). A login
 * provider has no accounts: only its proxy.
 */
export function ProviderRoutingForm({
  provider: p,
  onChanged,
}: {
  provider: Provider;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const strategies = useStrategies();
  const [strategy, setStrategy] = useState<Strategy>(p.accountStrategy ?? 'fill-first');
  const [proxy, setProxy] = useState(p.proxy ?? '');
  const [invalid, setInvalid] = useState(false);
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(undefined);
    const px = proxy.trim();
    if (px && !isProxyUrl(px)) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    try {
      await api.putProvider(p.id, providerBody(p, { accountStrategy: strategy, proxy: px || undefined }));
      setStatus({ kind: 'success', text: t('settings.saved') });
      onChanged();
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="subform provider-routing" onSubmit={submit} data-testid="provider-routing">
      {!p.login && <h4>{t('providers.routingTitle')}</h4>}
      <div className="form-grid">
        {!p.login && (
          <SelectField
            label={t('providers.accountStrategy')}
            name="accountStrategy"
            value={strategy}
            onChange={(v) => setStrategy(v as Strategy)}
            options={strategies.map((s) => ({ value: s, label: t(`strategies.${s}`) }))}
            hint={t('providers.accountStrategyHint')}
          />
        )}
        <Field
          label={t('providers.proxy')}
          name="proxy"
          dir="ltr"
          placeholder="socks5://127.0.0.1:1080"
          hint={p.login ? t('providers.loginProxyHint') : t('providers.proxyHint')}
          error={invalid ? t('proxySettings.invalid') : undefined}
          value={proxy}
          onChange={(e) => {
            setProxy(e.target.value);
            setInvalid(false);
          }}
        />
      </div>
      <ProxyTest proxy={proxy} target={proxyTarget(p.baseUrl)} />
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
      <div className="row">
        <button type="submit" className="btn btn-small" disabled={busy}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
