import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A destructive action that asks once more inline (no window.confirm). */
export function ConfirmButton(props: {
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => unknown;
  className?: string;
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className={props.className ?? 'btn btn-ghost btn-danger'}
        aria-label={props.ariaLabel}
        onClick={() => setAsking(true)}
      >
        {props.children}
      </button>
    );
  return (
    <span className="confirm" role="group">
      <button
        type="button"
        className="btn btn-danger-solid"
        autoFocus
        onClick={async () => {
          setAsking(false);
          await props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
