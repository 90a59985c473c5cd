import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { TIERS, type AuthStatus, type Connection, type Provider } from '../api/types';
import { useResource } from '../api/useResource';
import { CodeSnippet } from '../components/CodeSnippet';
import { SelectField } from '../components/Field';
import { Icon } from '../components/icons';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { OneTimeSecret } from '../components/OneTimeSecret';
import { EMPTY_PASSWORD, PasswordFields } from '../components/PasswordForm';
import { RadioChoices, type RadioChoice } from '../components/RadioChoices';
import { ComboEditor } from '../components/combos/ComboEditor';
import { ConnectionChecks } from '../components/providers/ConnectionChecks';
import { ConnectionForm } from '../components/providers/ConnectionForm';
import { ChatGptSignInStep } from '../components/providers/ChatGptAccounts';
import { signsInWithChatGpt } from '../lib/chatgptPlan';
import { withKey } from '../lib/cliTools';
import { finishOnboarding } from '../lib/onboarding';
import { navigate } from '../lib/router';

const STEPS = ['security', 'provider', 'combo', 'tool'] as const;
type Step = (typeof STEPS)[number];

/** First run: password (or loopback only) → first provider account → first combo → a coding tool. */
export function OnboardingWizard({
  auth,
  onAuthChanged,
}: {
  auth: AuthStatus;
  onAuthChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('security');
  const [providerId, setProviderId] = useState<string>();
  const [comboName, setComboName] = useState<string>();
  const index = STEPS.indexOf(step);
  const go = (s: Step) => {
    setStep(s);
    setTimeout(() => document.getElementById('wizard-step-title')?.focus(), 0);
  };
  const next = () => go(STEPS[Math.min(index + 1, STEPS.length - 1)]!);
  const back = () => go(STEPS[Math.max(index - 1, 0)]!);
  const finish = () => {
    finishOnboarding();
    navigate('overview', true);
  };

  return (
    <div className="wizard" data-testid="onboarding">
      <WizardHeader step={step} index={index} />
      <section className="card wizard-body" aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title" tabIndex={-1}>
          {t(`onboarding.steps.${step}`)}
        </h2>
        {step === 'security' && <SecurityStep auth={auth} onAuthChanged={onAuthChanged} onNext={next} />}
        {step === 'provider' && (
          <ProviderStep
            onNext={(id) => {
              setProviderId(id);
              next();
            }}
          />
        )}
        {step === 'combo' && (
          <ComboStep
            providerId={providerId}
            onNext={(name) => {
              setComboName(name);
              next();
            }}
          />
        )}
        {step === 'tool' && <ToolStep comboName={comboName} />}
        <WizardNav step={step} index={index} onBack={back} onNext={next} onFinish={finish} />
      </section>
      <button type="button" className="link skip-all" onClick={finish}>
        {t('onboarding.skipAll')}
      </button>
    </div>
  );
}

/** The title, and the steps with the ones done ticked off. */
function WizardHeader({ step, index }: { step: Step; index: number }) {
  const { t } = useTranslation();
  return (
    <header className="wizard-head">
      <h1>{t('onboarding.title')}</h1>
      <p className="muted">{t('onboarding.intro')}</p>
      <ol className="wizard-steps" aria-label={t('onboarding.progress')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? 'step' : undefined}
            className={i < index ? 'done' : undefined}
          >
            <span className="wizard-num">{i < index ? <Icon name="check" size={14} /> : i + 1}</span>
            <span>{t(`onboarding.steps.${s}`)}</span>
          </li>
        ))}
      </ol>
    </header>
  );
}

/** Back, then Skip on every step but the last, which has Finish instead. */
function WizardNav(props: {
  step: Step;
  index: number;
  onBack: () => void;
  onNext: () => void;
  onFinish: () => void;
}) {
  const { t } = useTranslation();
  const { step, index } = props;
  return (
    <footer className="row wizard-nav">
      {index > 0 && (
        <button type="button" className="btn btn-ghost" onClick={props.onBack}>
          {t('common.back')}
        </button>
      )}
      <span className="topbar-spacer" />
      {step !== 'tool' ? (
        <button type="button" className="btn btn-ghost" onClick={props.onNext} data-testid="wizard-skip">
          {t('onboarding.skip')}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-primary"
          onClick={props.onFinish}
          data-testid="wizard-finish"
        >
          {t('onboarding.finish')}
        </button>
      )}
    </footer>
  );
}

function SecurityStep({
  auth,
  onAuthChanged,
  onNext,
}: {
  auth: AuthStatus;
  onAuthChanged: () => Promise<void>;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'loopback' | 'password'>(
    auth.passwordSet || auth.exposed ? 'password' : 'loopback',
  );
  const [draft, setDraft] = useState(EMPTY_PASSWORD);
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (mode === 'loopback' || auth.passwordSet) return onNext();
    if (draft.password !== draft.confirm) return setError(t('security.mismatch'));
    try {
      await api.setPassword(draft.password);
      await onAuthChanged();
      onNext();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const modes: Array<RadioChoice<'loopback' | 'password'>> = [
    {
      value: 'loopback',
      label: t('onboarding.loopback'),
      hint: t('onboarding.loopbackHint'),
      disabled: auth.exposed,
    },
    { value: 'password', label: t('onboarding.usePassword'), hint: t('onboarding.usePasswordHint') },
  ];

  return (
    <form onSubmit={submit} data-testid="wizard-security">
      <p>{t('onboarding.securityIntro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {auth.passwordSet ? (
        <Notice kind="success">{t('onboarding.passwordAlreadySet')}</Notice>
      ) : (
        <RadioChoices
          className="choices"
          legend={t('onboarding.steps.security')}
          name="mode"
          value={mode}
          options={modes}
          onChange={setMode}
        />
      )}
      {mode === 'password' && !auth.passwordSet && <PasswordFields draft={draft} onChange={setDraft} />}
      <button type="submit" className="btn btn-primary" data-testid="wizard-next">
        {t('onboarding.continue')}
      </button>
    </form>
  );
}

function ProviderStep({ onNext }: { onNext: (providerId: string) => void }) {
  const { t } = useTranslation();
  const providers = useResource(() => api.providers());
  const [id, setId] = useState('');
  /** The account just added: tested here before going on. */
  const [added, setAdded] = useState<Connection>();
  if (!providers.data)
    return providers.error ? <Notice kind="error">{errorText(providers.error)}</Notice> : <Loading />;
  const list = providers.data;
  const chosen: Provider | undefined = list.find((p) => p.id === (id || list[0]?.id));
  return (
    <div data-testid="wizard-provider">
      <p>{t('onboarding.providerIntro')}</p>
      <SelectField
        label={t('onboarding.provider')}
        name="provider"
        value={chosen?.id ?? ''}
        onChange={setId}
        options={TIERS.flatMap((tier) =>
          list
            .filter((p) => p.tier === tier)
            .map((p) => ({ value: p.id, label: p.name, group: t(`tiers.${tier}`) })),
        )}
      />
      {added && chosen?.id === added.providerId ? (
        <div data-testid="wizard-account-added">
          <Notice kind="success">{t('onboarding.accountAdded', { name: added.name })}</Notice>
          <p className="muted">{t('onboarding.testHint')}</p>
          <ConnectionChecks connection={added} onChanged={() => {}} />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => onNext(added.providerId)}
            data-testid="wizard-provider-continue"
          >
            {t('onboarding.continue')}
          </button>
        </div>
      ) : (
        chosen &&
        (signsInWithChatGpt(chosen) ? (
          <ChatGptSignInStep key={chosen.id} onDone={() => onNext(chosen.id)} />
        ) : (
          <ConnectionForm key={chosen.id} provider={chosen} onDone={setAdded} />
        ))
      )}
    </div>
  );
}

function ComboStep({ providerId, onNext }: { providerId?: string; onNext: (name: string) => void }) {
  const { t } = useTranslation();
  const providers = useResource(() => api.providers());
  const [error, setError] = useState<string>();
  if (!providers.data) return <Loading />;
  const suggestions = providers.data
    .filter((p) => p.configured || p.id === providerId)
    .flatMap((p) => p.models.map((m) => `${p.id}/${m}`));
  return (
    <div data-testid="wizard-combo">
      <p>{t('onboarding.comboIntro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <ComboEditor
        defaultName="main"
        suggestions={suggestions}
        onDone={async (c) => {
          try {
            await api.setActiveCombo(c.name);
            onNext(c.name);
          } catch (e) {
            setError(errorText(e));
          }
        }}
      />
    </div>
  );
}

function ToolStep({ comboName }: { comboName?: string }) {
  const { t } = useTranslation();
  const [key, setKey] = useState<string>();
  const [error, setError] = useState<string>();
  const state = useResource(() => api.state());
  const model = state.data?.activeComboAlias ?? 'auto';
  const tools = useResource(() => api.cliTools(model), [model]);
  const shell = tools.data?.find((x) => x.id === 'claude-code')?.snippets.find((x) => x.kind === 'shell');
  return (
    <div data-testid="wizard-tool">
      <p>{t('onboarding.toolIntro', { alias: model, combo: comboName ?? '—' })}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {key ? (
        <OneTimeSecret name="coding-tool" secret={key} />
      ) : (
        <button
          type="button"
          className="btn"
          onClick={async () => {
            try {
              setKey((await api.createKey(`coding-tool-${Date.now().toString(36)}`)).key);
            } catch (e) {
              setError(errorText(e));
            }
          }}
        >
          <Icon name="keys" /> {t('cli.createKey')}
        </button>
      )}
      {shell && (
        <CodeSnippet title={`Claude Code — ${t('cli.snippet.shell')}`} code={withKey(shell.code, key)} />
      )}
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            finishOnboarding();
            navigate('cli');
          }}
        >
          {t('onboarding.moreTools')}
        </button>
      </p>
    </div>
  );
}
