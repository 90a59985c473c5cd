import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CliToolApplied, CliToolCheck } from '../../api/types';
import { Icon } from '../icons';
import { Notice } from '../Notice';
import { ltr } from './ToolParts';
import type { ApplyError } from './useCliToolApply';

/** The Apply button, which asks first, with what it will write (or why the tool is set up by hand). */
export function ApplyRow({
  canApply,
  busy,
  confirming,
  configPath,
  manual,
  buttonRef,
  onAsk,
  error,
}: {
  canApply: boolean;
  busy: boolean;
  confirming: boolean;
  configPath: string;
  /** The tool is known but set up in its own UI: say so instead of naming a file. */
  manual: boolean;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onAsk: () => void;
  error?: ApplyError;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="row wrap">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!canApply || busy || confirming}
          aria-describedby="apply-hint"
          aria-expanded={canApply ? confirming : undefined}
          aria-controls={canApply ? 'apply-confirm' : undefined}
          ref={buttonRef}
          data-testid="apply"
          onClick={onAsk}
        >
          {t('cli.apply')}
        </button>
        <small id="apply-hint" className="muted">
          {canApply ? t('cli.applyHint', { path: ltr(configPath) }) : manual ? t('cli.applyManual') : ''}
        </small>
      </div>
      {error && (
        <Notice kind="error">
          <span data-testid="apply-error">{error.message}</span>
        </Notice>
      )}
    </>
  );
}

/** The question before writing: which files change; Escape or Cancel closes it. */
export function ApplyConfirm({
  configPath,
  otherFiles,
  busy,
  onConfirm,
  onCancel,
}: {
  configPath: string;
  otherFiles: string[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div
      id="apply-confirm"
      className="notice notice-warning"
      role="group"
      aria-labelledby="apply-confirm-title"
      data-testid="apply-confirm"
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <Icon name="info" size={16} />
      <div>
        <p id="apply-confirm-title">
          <strong>{t('cli.confirmTitle', { path: ltr(configPath) })}</strong>
        </p>
        <p>{t('cli.confirmBody')}</p>
        {otherFiles.length > 0 && (
          <p>
            {t('cli.confirmAlso')}{' '}
            {otherFiles.map((f) => (
              <code key={f} dir="ltr">
                {f}
              </code>
            ))}
          </p>
        )}
        <div className="row wrap">
          <button
            type="button"
            className="btn btn-primary"
            autoFocus
            disabled={busy}
            data-testid="apply-confirm-button"
            onClick={onConfirm}
          >
            {busy ? t('cli.applying') : t('cli.confirmApply')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** What apply wrote (and where it kept a backup), then the core's check of the result. */
export function ApplyResult({ applied }: { applied: CliToolApplied }) {
  const { t } = useTranslation();
  return (
    <>
      <Notice kind="success">
        <span data-testid="apply-result">
          {!applied.changed
            ? t('cli.unchanged', { path: ltr(applied.path) })
            : applied.backupPath
              ? t('cli.appliedBackup', { path: ltr(applied.path), backup: ltr(applied.backupPath) })
              : t('cli.applied', { path: ltr(applied.path) })}
        </span>
        {applied.files.slice(1).map((f) =>
          f.changed ? (
            <span key={f.path} className="muted">
              {' '}
              {f.backupPath
                ? t('cli.appliedBackup', { path: ltr(f.path), backup: ltr(f.backupPath) })
                : t('cli.applied', { path: ltr(f.path) })}
            </span>
          ) : null,
        )}
      </Notice>
      {applied.check && <CheckResult check={applied.check} />}
    </>
  );
}

/** What the core found after apply: one request through the gateway, and how the model resolves. */
export function CheckResult({ check }: { check: CliToolCheck }) {
  const { t } = useTranslation();
  return (
    <Notice kind={check.ok ? 'success' : 'warning'}>
      <div data-testid="apply-check" data-ok={String(check.ok)}>
        <strong>{check.ok ? t('cli.checkOk') : t('cli.checkFailed')}</strong>
        <ul className="check-messages">
          {check.messages.map((m, i) => (
            <li key={i} dir="auto">
              {m}
            </li>
          ))}
        </ul>
      </div>
    </Notice>
  );
}
