import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ProxyTestResult } from '../../api/types';
import { errorText } from '../Notice';
import { TestVerdict } from './TestVerdict';

/**
 * The models URL under a base URL, for the proxy to reach: the host the account's requests go to.
 * A base URL with `{placeholders}` (Vertex, Cloudflare) is not one yet: the core's default then.
 */
export function proxyTarget(baseUrl: string | undefined): string | undefined {
  const b = baseUrl?.trim();
  return b && /^https?:\/\//.test(b) && !b.includes('{') ? `${b.replace(/\/+$/, '')}/models` : undefined;
}

/**
 * Tests the proxy as typed (saved or not): one request through it to `target`. Any answer from
 * the target means the proxy works; what failed otherwise, in the core's words.
 */
export function ProxyTest(props: { proxy: string; target?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProxyTestResult>();
  const [error, setError] = useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.testProxy(props.proxy.trim(), props.target));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="proxy-test">
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void run()}
        disabled={busy || !props.proxy.trim()}
        data-testid="proxy-test"
      >
        {busy ? t('connections.testing') : t('connections.testProxy')}
      </button>
      {result && (
        <TestVerdict testId="proxy-test-result" result={result}>
          <br />
          <span className="muted" dir="auto">
            {result.ok
              ? t('connections.proxyReached', { host: new URL(result.target).host, status: result.status })
              : result.message}
          </span>
        </TestVerdict>
      )}
      {error && (
        <p className="conn-test-result bad" role="alert" data-testid="proxy-test-error">
          {error}
        </p>
      )}
    </div>
  );
}
