import { Fragment, useState } from 'react';
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
  /** One check at a time: the buttons wait for it, and its failure is shown under them. */
  const check = async (kind: 'test' | 'discover', fn: () => Promise<void>) => {
    setBusy(kind);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };
  const test = () => check('test', async () => setResult(await api.testConnection(c.id)));
  const discover = () =>
    check('discover', async () => {
      await api.discoverModels(c.id);
      props.onChanged();
    });
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
      {result && <TestResult result={result} />}
      {error && (
        <p className="conn-test-result bad" role="alert">
          {error}
        </p>
      )}
      {d && <DiscoverySummary discovery={d} />}
    </div>
  );
}

/** The test's verdict, with the model it used, the proxy it went through and what the provider said. */
function TestResult({ result }: { result: ConnectionTestResult }) {
  const { t } = useTranslation();
  return (
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
  );
}

/** What model discovery last found: how many models, the new and the vanished ones, or its failure. */
function DiscoverySummary({ discovery: d }: { discovery: NonNullable<Connection['discovery']> }) {
  const { t } = useTranslation();
  const changes = [
    { models: d.added, label: t('connections.newModels'), testId: 'discovery-added' },
    { models: d.removed, label: t('connections.vanishedModels'), testId: 'discovery-removed' },
  ];
  return (
    <p className="muted conn-discovery" data-testid="connection-discovery">
      {t('connections.discovered', { n: d.models.length })}
      {changes.map(
        (ch) =>
          ch.models.length > 0 && (
            <Fragment key={ch.testId}>
              {' · '}
              {ch.label}{' '}
              <span data-testid={ch.testId} dir="ltr">
                {ch.models.join(', ')}
              </span>
            </Fragment>
          ),
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
  );
}
