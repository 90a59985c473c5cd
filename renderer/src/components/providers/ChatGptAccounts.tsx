import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Connection } from '../../api/types';
import { ConfirmButton } from '../ConfirmButton';
import { ContinueWithChatGpt, ManageUsageLink, PlanWelcomeDialog } from '../ChatGptPlan';
import { Icon } from '../icons';
import { Notice, errorText } from '../Notice';
import { Toggle } from '../Toggle';
import { useChatGptSignIn, type ChatGptSignIn } from './useChatGptSignIn';

/**
 * The chatgpt-plan provider's accounts: each one is added by signing in with ChatGPT (no API key
 * field anywhere), labelled with its email (the core adds " (2)" to a repeated one).
 */
export function ChatGptAccounts(props: {
  connections: Connection[];
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const flow = useChatGptSignIn(() => props.onChanged());
  return (
    <div className="chatgpt-accounts" data-testid="chatgpt-accounts">
      <h3>{t('providers.accountsTitle')}</h3>
      <p className="muted">{t('chatgptPlan.intro')}</p>
      {props.connections.length === 0 && <p className="muted">{t('chatgptPlan.noAccounts')}</p>}
      <ul className="conn-list">
        {props.connections.map((c) => (
          <ChatGptAccountRow
            key={c.id}
            connection={c}
            flow={flow}
            onChanged={props.onChanged}
            onError={props.onError}
          />
        ))}
      </ul>
      <SignInProgress flow={flow} />
      {!flow.busy && (
        <div className="row wrap add-account">
          {props.connections.length > 0 && <span className="muted">{t('chatgptPlan.addAnother')}</span>}
          <ContinueWithChatGpt onClick={() => void flow.start()} />
        </div>
      )}
    </div>
  );
}

/**
 * The first-run wizard's account step for ChatGPT: sign in, and go on once an account with plan
 * usage is stored (after "Got it" when the first-time notice shows).
 */
export function ChatGptSignInStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const doneRef = useRef(onDone);
  doneRef.current = onDone;
  const flow = useChatGptSignIn(() => {});
  const p = flow.phase;
  const ready = p.kind === 'done' && p.status.planUsage !== false && !flow.welcoming;
  useEffect(() => {
    if (ready) doneRef.current();
  }, [ready]);
  return (
    <div className="chatgpt-accounts">
      <p className="muted">{t('chatgptPlan.intro')}</p>
      <SignInProgress flow={flow} />
      {!flow.busy && <ContinueWithChatGpt onClick={() => void flow.start()} />}
    </div>
  );
}

/** Where a sign-in stands: waiting (with Cancel), done, refused; and the first-time notice. */
export function SignInProgress({ flow }: { flow: ChatGptSignIn }) {
  const { t } = useTranslation();
  const p = flow.phase;
  return (
    <div className="sign-in-progress">
      {p.kind === 'waiting' && (
        <div className="notice" role="status" data-testid="sign-in-waiting">
          <span className="spinner" aria-hidden="true" />
          <div>
            <strong>{t('chatgptPlan.waiting')}</strong>
            <br />
            <span className="muted">{t('chatgptPlan.waitingHint')}</span>{' '}
            <a href={p.url} target="_blank" rel="noopener noreferrer">
              {t('chatgptPlan.openAgain')}
            </a>
          </div>
          <button type="button" className="btn btn-small" onClick={flow.cancel}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {p.kind === 'done' &&
        (p.status.planUsage === false ? (
          <Notice kind="warning">{t('chatgptPlan.planUsageRefused')}</Notice>
        ) : (
          <Notice kind="success">
            {p.status.email
              ? t('chatgptPlan.signedInAs', { email: p.status.email })
              : t('chatgptPlan.signedIn')}
          </Notice>
        ))}
      {p.kind === 'error' && <Notice kind="error">{p.message}</Notice>}
      {flow.welcoming && p.kind === 'done' && (
        <PlanWelcomeDialog email={p.status.email} onClose={flow.dismissWelcome} />
      )}
    </div>
  );
}

function ChatGptAccountRow(props: {
  connection: Connection;
  flow: ChatGptSignIn;
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const c = props.connection;
  const { models, refreshing, refreshModels } = useModelRefresh(c.id, props.onChanged, props.onError);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      props.onError(errorText(e));
    }
    props.onChanged();
  };
  return (
    <li
      className={`conn-row${c.enabled ? '' : ' is-disabled'}`}
      data-testid="connection"
      data-name={c.name}
      data-sign-in-state={c.signInState ?? 'ok'}
    >
      <div className="conn-main">
        <strong dir="ltr">{c.name}</strong>
        <SignInBadge state={c.signInState} />
        <span className="badge">{t('connections.priorityBadge', { n: c.priority })}</span>
      </div>
      <div className="row wrap">
        {c.signInState && (
          <ContinueWithChatGpt
            small
            account={c.name}
            disabled={props.flow.busy}
            onClick={() => void props.flow.start(c.id)}
          />
        )}
        <ManageUsageLink />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void refreshModels()}
          disabled={refreshing || !!c.signInState}
          aria-label={t('chatgptPlan.refreshModelsLabel', { name: c.name })}
        >
          <Icon name="rotate" size={14} /> {t('chatgptPlan.refreshModels')}
        </button>
        <Toggle
          label={t('connections.enabledLabel', { name: c.name })}
          hideLabel
          checked={c.enabled}
          onChange={(v) => run(() => api.patchConnection(c.id, { enabled: v }))}
        />
        <ConfirmButton
          ariaLabel={t('connections.deleteLabel', { name: c.name })}
          confirmLabel={t('connections.confirmDelete')}
          onConfirm={() =>
            run(async () => {
              // Signing out revokes the session at OpenAI too; removed here either way.
              const r = await api.chatGptSignOut(c.id);
              if (!r.revoked) props.onError(t('chatgptPlan.revokeUnconfirmed', { name: c.name }));
            })
          }
        >
          <Icon name="trash" />
        </ConfirmButton>
      </div>
      <AccountNotes state={c.signInState} models={models} />
    </li>
  );
}

/** Whether the account serves from its plan, or why it cannot. */
function SignInBadge({ state }: { state: Connection['signInState'] }) {
  const { t } = useTranslation();
  return state === 'sign-in-again' ? (
    <span className="badge badge-danger" data-testid="sign-in-state">
      {t('chatgptPlan.signInAgain')}
    </span>
  ) : state === 'plan-usage-off' ? (
    <span className="badge badge-warn" data-testid="sign-in-state">
      {t('chatgptPlan.planUsageOff')}
    </span>
  ) : (
    <span className="badge badge-ok">{t('chatgptPlan.usingPlan')}</span>
  );
}

/** Why the account cannot serve and what to do; the models a refresh found. */
function AccountNotes({ state, models }: { state: Connection['signInState']; models?: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {state && (
        <p className="conn-note muted">
          {state === 'sign-in-again' ? t('chatgptPlan.signInAgainHint') : t('chatgptPlan.planUsageOffHint')}
        </p>
      )}
      {models && (
        <p className="conn-note muted" role="status">
          {models.length
            ? t('chatgptPlan.modelsFound', { models: models.join(', ') })
            : t('chatgptPlan.noModels')}
        </p>
      )}
    </>
  );
}

/** "Refresh models": asks the core for the account's models and shows what it found. */
function useModelRefresh(id: string, onChanged: () => void, onError: (m: string) => void) {
  const [models, setModels] = useState<string[]>();
  const [refreshing, setRefreshing] = useState(false);
  const refreshModels = async () => {
    setRefreshing(true);
    setModels(undefined);
    try {
      setModels((await api.chatGptModels(id)).models);
    } catch (e) {
      onError(errorText(e));
    } finally {
      setRefreshing(false);
    }
    onChanged();
  };
  return { models, refreshing, refreshModels };
}
