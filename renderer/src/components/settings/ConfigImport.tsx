import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../icons';
import { JsonSummary } from '../JsonSummary';
import { Notice } from '../Notice';
import { useConfigImport, type ImportError } from './useConfigImport';

/** One issue of a refused import: "path: message" when it has those, its JSON otherwise. */
function issueText(issue: unknown): string {
  if (typeof issue === 'string') return issue;
  if (issue && typeof issue === 'object') {
    const o = issue as { path?: unknown; param?: unknown; message?: unknown; line?: unknown };
    const where = Array.isArray(o.path) ? o.path.join('.') : (o.path ?? o.param);
    if (typeof o.message === 'string')
      return [o.line !== undefined ? `line ${String(o.line)}` : '', where ? String(where) : '', o.message]
        .filter(Boolean)
        .join(': ');
  }
  return JSON.stringify(issue);
}

/** Import a configuration: pasted or from a file, shown as a dry run first, then confirmed. */
export function ConfigImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const ids = { file: useId(), paste: useId() };
  const im = useConfigImport(onImported);
  return (
    <>
      <h3>{t('storage.importTitle')}</h3>
      <p className="muted small">{t('storage.importIntro')}</p>
      <div className="field">
        <label htmlFor={ids.file}>{t('storage.file')}</label>
        <input
          id={ids.file}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void im.onFile(e)}
          data-testid="import-file"
        />
        {im.fileName && <small className="muted">{im.fileName}</small>}
      </div>
      <div className="field">
        <label htmlFor={ids.paste}>{t('storage.paste')}</label>
        <textarea
          id={ids.paste}
          dir="ltr"
          rows={6}
          spellCheck={false}
          value={im.text}
          onChange={(e) => im.typeText(e.target.value)}
          data-testid="import-text"
        />
      </div>
      {im.importErr && <ImportErrorNotice error={im.importErr} />}
      {im.preview && (
        <div className="import-preview" data-testid="import-preview" role="status">
          <h4>{t('storage.previewTitle')}</h4>
          <JsonSummary value={im.preview.summary} />
          <div className="row">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void im.confirm()}
              disabled={im.busy}
              data-testid="import-confirm"
            >
              {t('storage.confirmImport')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={im.resetImport}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {im.applied !== undefined && (
        <Notice kind="success">
          <span data-testid="import-done">{t('storage.imported')}</span>
          <JsonSummary value={im.applied} />
        </Notice>
      )}
      {!im.preview && (
        <div className="row">
          <button
            type="button"
            className="btn"
            onClick={() => void im.dryRun()}
            disabled={im.busy || !im.text.trim()}
            data-testid="import-dry-run"
          >
            <Icon name="upload" /> {t('storage.dryRun')}
          </button>
        </div>
      )}
    </>
  );
}

/** Why the core refused an import: its message, the field it names, and each issue. */
function ImportErrorNotice({ error }: { error: ImportError }) {
  const { t } = useTranslation();
  return (
    <Notice kind="error">
      <span data-testid="import-error">{error.message}</span>
      {error.param && (
        <small className="block">
          {t('storage.errorParam')} <code dir="ltr">{error.param}</code>
        </small>
      )}
      {error.issues.length > 0 && (
        <ul className="issues" dir="auto">
          {error.issues.map((issue, i) => (
            <li key={i}>{issueText(issue)}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
