import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_USAGE_URL } from '../lib/chatgptPlan';

/**
 * OpenAI's "Manage usage" link (ChatGPT settings → Usage), shown wherever a ChatGPT plan account
 * or its usage is. `primary` when it is the first thing to do (the plan's usage limit was hit).
 */
export function ManageUsageLink({ primary, small = true }: { primary?: boolean; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <a
      className={`btn${primary ? ' btn-primary' : ''}${small ? ' btn-small' : ''}`}
      href={MANAGE_USAGE_URL}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="manage-usage"
    >
      {t('chatgptPlan.manageUsage')}
    </a>
  );
}

/** The "Continue with ChatGPT" button: plain and neutral, no logo (OpenAI's sign-in button rules). */
export function ContinueWithChatGpt(props: {
  onClick: () => void;
  disabled?: boolean;
  small?: boolean;
  /** Signing this account in again: named in the accessible label (several rows have the button). */
  account?: string;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`btn btn-chatgpt${props.small ? ' btn-small' : ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.account ? t('chatgptPlan.continueAs', { name: props.account }) : undefined}
    >
      {t('chatgptPlan.continue')}
    </button>
  );
}

/** A modal dialog (native <dialog>: focus stays inside, Escape closes, the page behind is inert). */
export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // The main action gets the focus rather than the first link in the text.
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div className="modal-actions">{props.actions}</div>
    </dialog>
  );
}

/** Shown once, after the first sign-in that allowed ChatGPT plan usage. */
export function PlanWelcomeDialog({ email, onClose }: { email?: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('chatgptPlan.welcomeTitle')}
      onClose={onClose}
      testId="plan-welcome"
      actions={
        <>
          <ManageUsageLink small={false} />
          <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
            {t('chatgptPlan.gotIt')}
          </button>
        </>
      }
    >
      <p>{t('chatgptPlan.welcomeBody')}</p>
      <p>{t('chatgptPlan.welcomeManage')}</p>
      {email && (
        <p className="muted">
          {t('chatgptPlan.welcomeAccount')} <strong dir="ltr">{email}</strong>
        </p>
      )}
    </Modal>
  );
}
