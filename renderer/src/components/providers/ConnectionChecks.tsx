import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Connection, ConnectionTestResult } from '../../api/types';
import { errorText } from '../Notice';
import { TestVerdict } from './TestVerdict';

/**
 * An account's checks: the connection test (models list, then a one-token completion, through
 * the account's own key and proxy) and what model discovery last found (new and vanished models).
 */
export function ConnectionChecks(props: { connection: Connection; onChanged: () => void }) {
  const { t } = useTranslation();
  const c = props.connection;
  const [busy, setBusy] = useState<'test' | 'discover'>();
  const [result, setResult] = useState<ConnectionTestResult>();
  const [error, setError] = useState<string>();
  const test = async () => {
    setBusy('test');
    setError(undefined);
    try {
      setResult(await api.testConnection(c.id));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };
  const discover = async () => {
    setBusy('discover');
    setError(undefined);
    try {
      await api.discoverModels(c.id);
      props.onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };
  const d = c.discovery;
  return (
    <div className="conn-checks">
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() => void test()}
          disabled={busy !== undefined}
          aria-label={t('connections.testLabel', { name: c.name })}
          data-testid="connection-test"
        >
          {busy === 'test' ? t('connections.testing') : t('connections.test')}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => void discover()}
          disabled={busy !== undefined}
          data-testid="connection-discover"
        >
          {t('connections.discover')}
        </button>
      </div>
      {result && (
        <TestVerdict testId="connection-test-result" result={result}>
          {result.model && (
            <>
              {' '}
              · <code dir="ltr">{result.model}</code>
            </>
          )}
          {result.proxy && (
            <>
              {' '}
              · {t('connections.viaProxy')} <code dir="ltr">{result.proxy}</code>
            </>
          )}
          {result.providerMessage && (
            <>
              <br />
              {/* Unreachable: nothing came from the provider; the words are the transport's. */}
              <span className="muted" dir="auto" data-testid="connection-test-detail">
                {result.verdict === 'unreachable'
                  ? result.providerMessage
                  : t('connections.providerSaid', { message: result.providerMessage })}
              </span>
            </>
          )}
        </TestVerdict>
      )}
      {error && (
        <p className="conn-test-result bad" role="alert">
          {error}
        </p>
      )}
      {d && (
        <p className="muted conn-discovery" data-testid="connection-discovery">
          {t('connections.discovered', { n: d.models.length })}
          {d.added.length > 0 && (
            <>
              {' · '}
              {t('connections.newModels')}{' '}
              <span data-testid="discovery-added" dir="ltr">
                {d.added.join(', ')}
              </span>
            </>
          )}
          {d.removed.length > 0 && (
            <>
              {' · '}
              {t('connections.vanishedModels')}{' '}
              <span data-testid="discovery-removed" dir="ltr">
                {d.removed.join(', ')}
              </span>
            </>
          )}
          {d.error && (
            <>
              {' · '}
              <span className="badge badge-warn" title={d.error}>
                {t('connections.discoveryFailed')}
              </span>
            </>
          )}
        </p>
      )}
    </div>
  );
}
