import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../Notice';
import type { SectionStatus } from './useSettingsSection';

/** A Settings section: a card with its heading, its fields, its own status and Save button. */
export function SettingsCard(props: {
  id: string;
  title: string;
  intro?: string;
  testId: string;
  status?: SectionStatus;
  busy?: boolean;
  onSubmit: () => void | Promise<unknown>;
  children: ReactNode;
  /** Inside another section's card: a plain subsection with an h3. */
  nested?: boolean;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void props.onSubmit();
  };
  return (
    <form
      className={props.nested ? 'subsection' : 'card settings-card'}
      onSubmit={submit}
      aria-labelledby={props.id}
      data-testid={props.testId}
    >
      {props.nested ? <h3 id={props.id}>{props.title}</h3> : <h2 id={props.id}>{props.title}</h2>}
      {props.intro && <p className="muted">{props.intro}</p>}
      {props.children}
      {props.status && <Notice kind={props.status.kind}>{props.status.text}</Notice>}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={props.busy}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
