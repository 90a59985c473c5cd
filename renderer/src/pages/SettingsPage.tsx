import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import {
  THINKING_MODES,
  type AuthStatus,
  type Combo,
  type Settings,
  type Strategy,
  type ThinkingMode,
} from '../api/types';
import { useResource } from '../api/useResource';
import { useStrategies } from '../api/useStrategies';
import { Field, NumberField, SelectField, TextAreaField } from '../components/Field';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { PasswordForm } from '../components/PasswordForm';
import { Toggle } from '../components/Toggle';
import { ListEditor } from '../components/settings/ListEditor';
import { SettingsCard } from '../components/settings/SettingsCard';
import { SettingNumbers } from '../components/settings/SettingNumbers';
import { StorageSection } from '../components/settings/StorageSection';
import { useSettingsSection } from '../components/settings/useSettingsSection';
import { isHostName, isIpOrCidr, isOrigin, isProxyUrl } from '../lib/validate';

interface SectionProps {
  settings: Settings;
  onSaved: (s: Settings) => void;
}

export function SettingsPage({
  auth,
  onAuthChanged,
}: {
  auth: AuthStatus;
  onAuthChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const data = useResource(async () => {
    const [settings, combos, state] = await Promise.all([api.settings(), api.combos(), api.state()]);
    return { settings, combos, state };
  });
  // Sections keep their unsaved drafts while another section saves; an import replaces the
  // configuration underneath them, so they start again from the core's values.
  const [generation, setGeneration] = useState(0);
  const [offlineError, setOfflineError] = useState<string>();

  if (!data.data) return data.error ? <Notice kind="error">{errorText(data.error)}</Notice> : <Loading />;
  const s = data.data.settings;
  const onSaved = () => void data.reload();
  const props: SectionProps = { settings: s, onSaved };

  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <nav className="card section-nav" aria-label={t('settings.sections')}>
        <ul>
          {(
            [
              ['set-routing', 'settings.routing'],
              ['set-resilience', 'resilience.title'],
              ['set-timeouts', 'timeouts.title'],
              ['set-log', 'requestLog.title'],
              ['set-proxy', 'proxySettings.title'],
              ['set-prompt', 'systemPrompt.title'],
              ['set-thinking', 'thinking.title'],
              ['set-security', 'security.title'],
              ['set-storage', 'storage.title'],
            ] as const
          ).map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div key={generation}>
        <RoutingSection {...props} combos={data.data.combos} />
        <ResilienceSection {...props} />
        <TimeoutsSection {...props} />
        <RequestLogSection {...props} />
        <ProxySection {...props} />
        <SystemPromptSection {...props} />
        <ThinkingSection {...props} />
        <SecuritySection
          {...props}
          auth={auth}
          onAuthChanged={onAuthChanged}
          restartRequired={data.data.state.restartRequired}
        />
      </div>

      <section className="card" aria-labelledby="set-offline">
        <h2 id="set-offline">{t('settings.offlineTitle')}</h2>
        {offlineError && <Notice kind="error">{offlineError}</Notice>}
        <Toggle
          label={t('overview.offline')}
          hint={t('overview.offlineHint')}
          checked={s.offlineMode}
          onChange={async (v) => {
            setOfflineError(undefined);
            try {
              await api.setOffline(v);
            } catch (e) {
              setOfflineError(errorText(e));
            }
            await data.reload();
          }}
        />
      </section>

      <StorageSection
        onImported={() => {
          setGeneration((g) => g + 1);
          void data.reload();
        }}
      />
    </>
  );
}

function RoutingSection({ settings, onSaved, combos }: SectionProps & { combos: Combo[] }) {
  const { t } = useTranslation();
  const strategies = useStrategies();
  const sec = useSettingsSection(
    settings,
    [
      'activeCombo',
      'activeComboAlias',
      'roundRobinStickyFor',
      'bodyLimitMb',
      'debugLogging',
      'modelListCombosOnly',
      'globalFallback',
      'defaultComboStrategy',
    ] as const,
    onSaved,
  );
  const d = sec.draft;
  return (
    <SettingsCard
      id="set-routing"
      title={t('settings.routing')}
      testId="routing-settings"
      status={sec.status}
      busy={sec.busy}
      onSubmit={() => sec.save({ ...d, activeComboAlias: d.activeComboAlias.trim() })}
    >
      <div className="form-grid">
        <SelectField
          label={t('settings.activeCombo')}
          value={d.activeCombo ?? ''}
          onChange={(v) => sec.set('activeCombo', v || null)}
          options={[
            { value: '', label: t('overview.noCombo') },
            ...combos.filter((c) => c.enabled).map((c) => ({ value: c.name, label: c.name })),
          ]}
        />
        <SelectField
          label={t('settings.globalFallback')}
          hint={t('settings.globalFallbackHint')}
          value={d.globalFallback ?? ''}
          onChange={(v) => sec.set('globalFallback', v || null)}
          options={[
            { value: '', label: t('settings.globalFallbackOff') },
            ...combos.filter((c) => c.enabled).map((c) => ({ value: c.name, label: c.name })),
          ]}
        />
        <SelectField
          label={t('settings.defaultComboStrategy')}
          hint={t('settings.defaultComboStrategyHint')}
          value={d.defaultComboStrategy ?? 'fill-first'}
          onChange={(v) => sec.set('defaultComboStrategy', v as Strategy)}
          options={strategies.map((x) => ({ value: x, label: t(`strategies.${x}`) }))}
        />
        <Field
          label={t('settings.alias')}
          name="activeComboAlias"
          dir="ltr"
          required
          hint={t('settings.aliasHint')}
          value={d.activeComboAlias}
          onChange={(e) => sec.set('activeComboAlias', e.target.value)}
        />
        <SettingNumbers
          section={sec}
          fields={[
            { name: 'roundRobinStickyFor', text: 'settings.sticky', min: 1, max: 1000, hint: true },
            { name: 'bodyLimitMb', text: 'settings.bodyLimit', min: 1, max: 1024, hint: true },
          ]}
        />
      </div>
      <Toggle
        label={t('settings.debugLogging')}
        hint={t('settings.debugLoggingHint')}
        checked={d.debugLogging}
        onChange={(v) => sec.set('debugLogging', v)}
      />
      <Toggle
        label={t('settings.modelListCombosOnly')}
        hint={t('settings.modelListCombosOnlyHint')}
        checked={d.modelListCombosOnly}
        onChange={(v) => sec.set('modelListCombosOnly', v)}
      />
    </SettingsCard>
  );
}

function ResilienceSection({ settings, onSaved }: SectionProps) {
  const { t } = useTranslation();
  const sec = useSettingsSection(
    settings,
    [
      'breakerFailureThreshold',
      'breakerCoolDownMs',
      'idempotencyWindowMs',
      'cacheEnabled',
      'cacheTtlSeconds',
      'cacheMaxMb',
    ] as const,
    onSaved,
  );
  const d = sec.draft;
  return (
    <SettingsCard
      id="set-resilience"
      title={t('resilience.title')}
      intro={t('resilience.intro')}
      testId="resilience-settings"
      status={sec.status}
      busy={sec.busy}
      onSubmit={() => sec.save(d)}
    >
      <div className="form-grid">
        <SettingNumbers
          section={sec}
          fields={[
            { name: 'breakerFailureThreshold', text: 'resilience.threshold', min: 1, max: 100, hint: true },
            { name: 'breakerCoolDownMs', text: 'resilience.coolDown', min: 100, max: 3_600_000, hint: true },
            { name: 'idempotencyWindowMs', text: 'resilience.idempotency', min: 0, max: 60_000, hint: true },
          ]}
        />
      </div>
      <h3>{t('resilience.cache')}</h3>
      <Toggle
        label={t('resilience.cacheEnabled')}
        hint={t('resilience.cacheEnabledHint')}
        checked={d.cacheEnabled}
        onChange={(v) => sec.set('cacheEnabled', v)}
      />
      <div className="form-grid">
        <SettingNumbers
          section={sec}
          disabled={!d.cacheEnabled}
          fields={[
            { name: 'cacheTtlSeconds', text: 'resilience.cacheTtl', min: 1, max: 86_400 },
            { name: 'cacheMaxMb', text: 'resilience.cacheSize', min: 1, max: 4096 },
          ]}
        />
      </div>
    </SettingsCard>
  );
}

function TimeoutsSection({ settings, onSaved }: SectionProps) {
  const { t } = useTranslation();
  const sec = useSettingsSection(
    settings,
    [
      'firstByteTimeoutMs',
      'answerTimeoutMs',
      'stallTimeoutMs',
      'requestBodyTimeoutMs',
      'maxConnections',
    ] as const,
    onSaved,
  );
  const d = sec.draft;
  return (
    <SettingsCard
      id="set-timeouts"
      title={t('timeouts.title')}
      intro={t('timeouts.intro')}
      testId="timeout-settings"
      status={sec.status}
      busy={sec.busy}
      onSubmit={() => sec.save(d)}
    >
      <div className="form-grid">
        <SettingNumbers
          section={sec}
          fields={[
            { name: 'firstByteTimeoutMs', text: 'timeouts.firstByte', min: 1000, max: 3_600_000, hint: true },
            { name: 'answerTimeoutMs', text: 'timeouts.answer', min: 1000, max: 3_600_000, hint: true },
            { name: 'stallTimeoutMs', text: 'timeouts.stall', min: 1000, max: 3_600_000, hint: true },
            {
              name: 'requestBodyTimeoutMs',
              text: 'timeouts.requestBody',
              min: 1000,
              max: 600_000,
              hint: true,
            },
            { name: 'maxConnections', text: 'timeouts.maxConnections', min: 16, max: 100_000, hint: true },
          ]}
        />
      </div>
    </SettingsCard>
  );
}

function RequestLogSection({ settings, onSaved }: SectionProps) {
  const { t } = useTranslation();
  const sec = useSettingsSection(
    settings,
    ['logBodyMaxKb', 'logErrorMaxChars', 'logRetentionDays', 'logMaxDbMb'] as const,
    onSaved,
  );
  const d = sec.draft;
  return (
    <SettingsCard
      id="set-log"
      title={t('requestLog.title')}
      intro={t('requestLog.intro')}
      testId="request-log-settings"
      status={sec.status}
      busy={sec.busy}
      onSubmit={() => sec.save(d)}
    >
      <div className="form-grid">
        <SettingNumbers
          section={sec}
          fields={[
            { name: 'logRetentionDays', text: 'requestLog.retention', min: 0, max: 3650, hint: true },
            { name: 'logMaxDbMb', text: 'requestLog.maxDb', min: 0, max: 1_048_576, hint: true },
            { name: 'logBodyMaxKb', text: 'requestLog.bodyMax', min: 1, max: 10_240, hint: true },
            { name: 'logErrorMaxChars', text: 'requestLog.errorMax', min: 200, max: 100_000, hint: true },
          ]}
        />
      </div>
    </SettingsCard>
  );
}

function ProxySection({ settings, onSaved }: SectionProps) {
  const { t } = useTranslation();
  const sec = useSettingsSection(settings, ['proxy'] as const, onSaved);
  const [text, setText] = useState(settings.proxy ?? '');
  const [invalid, setInvalid] = useState(false);
  return (
    <SettingsCard
      id="set-proxy"
      title={t('proxySettings.title')}
      intro={t('proxySettings.intro')}
      testId="proxy-settings"
      status={sec.status}
      busy={sec.busy}
      onSubmit={async () => {
        const v = text.trim();
        if (v && !isProxyUrl(v)) {
          setInvalid(true);
          return;
        }
        setInvalid(false);
        if (await sec.save({ proxy: v || null })) setText(v);
      }}
    >
      <Field
        label={t('proxySettings.url')}
        name="proxy"
        dir="ltr"
        placeholder="socks5://127.0.0.1:1080"
        hint={t('proxySettings.hint')}
        error={invalid ? t('proxySettings.invalid') : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
      />
    </SettingsCard>
  );
}

function SystemPromptSection({ settings, onSaved }: SectionProps) {
  const { t } = useTranslation();
  const sec = useSettingsSection(settings, ['systemPrompt', 'systemPromptPosition'] as const, onSaved);
  const name = useId();
  const d = sec.draft;
  return (
    <SettingsCard
      id="set-prompt"
      title={t('systemPrompt.title')}
      intro={t('systemPrompt.intro')}
      testId="system-prompt-settings"
      status={sec.status}
      busy={sec.busy}
      onSubmit={() => sec.save(d)}
    >
      <TextAreaField
        label={t('systemPrompt.text')}
        name="systemPrompt"
        dir="auto"
        rows={5}
        maxLength={100_000}
        hint={t('systemPrompt.textHint')}
        value={d.systemPrompt}
        onChange={(e) => sec.set('systemPrompt', e.target.value)}
      />
      <fieldset className="choices inline">
        <legend>{t('systemPrompt.position')}</legend>
        {(['prepend', 'append'] as const).map((p) => (
          <label key={p} className={`choice${d.systemPromptPosition === p ? ' selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={p}
              checked={d.systemPromptPosition === p}
              onChange={() => sec.set('systemPromptPosition', p)}
            />
            <span>{t(`systemPrompt.${p}`)}</span>
          </label>
        ))}
      </fieldset>
    </SettingsCard>
  );
}

function ThinkingSection({ settings, onSaved }: SectionProps) {
  const { t } = useTranslation();
  const sec = useSettingsSection(settings, ['thinkingMode', 'thinkingBudgetTokens'] as const, onSaved);
  const d = sec.draft;
  const withBudget = d.thinkingMode === 'custom' || d.thinkingMode === 'adaptive';
  return (
    <SettingsCard
      id="set-thinking"
      title={t('thinking.title')}
      intro={t('thinking.intro')}
      testId="thinking-settings"
      status={sec.status}
      busy={sec.busy}
      onSubmit={() => sec.save(withBudget ? d : { thinkingMode: d.thinkingMode })}
    >
      <div className="form-grid">
        <SelectField
          label={t('thinking.mode')}
          name="thinkingMode"
          value={d.thinkingMode}
          onChange={(v) => sec.set('thinkingMode', v as ThinkingMode)}
          options={THINKING_MODES.map((m) => ({ value: m, label: t(`thinking.modes.${m}`) }))}
          hint={t(`thinking.hints.${d.thinkingMode}`)}
        />
        {withBudget && (
          <NumberField
            label={d.thinkingMode === 'custom' ? t('thinking.budgetCustom') : t('thinking.budgetAdaptive')}
            name="thinkingBudgetTokens"
            min={0}
            max={200_000}
            step={1}
            hint={t('thinking.budgetHint')}
            value={d.thinkingBudgetTokens}
            onChange={(n) => sec.set('thinkingBudgetTokens', n)}
          />
        )}
      </div>
    </SettingsCard>
  );
}

function SecuritySection({
  settings,
  onSaved,
  auth,
  onAuthChanged,
  restartRequired,
}: SectionProps & { auth: AuthStatus; onAuthChanged: () => Promise<void>; restartRequired?: boolean }) {
  const { t } = useTranslation();
  const toggles = useSettingsSection(settings, ['requireApiKey', 'lanExposure'] as const, onSaved);
  const lists = useSettingsSection(settings, ['ipAllowList', 'ipDenyList'] as const, onSaved);
  const browser = useSettingsSection(settings, ['allowedHosts', 'corsOrigins'] as const, onSaved);
  // The core says so when it knows (state.restartRequired); otherwise: LAN exposure is on but
  // this server still listens on loopback only.
  const restartPending = restartRequired ?? (toggles.draft.lanExposure && !auth.exposed);
  const ipProps = {
    validate: isIpOrCidr,
    invalidText: (v: string) => t('security.ipInvalid', { value: v }),
    placeholder: '192.168.1.0/24',
    emptyText: t('security.ipEmpty'),
  };
  return (
    <section className="card" aria-labelledby="set-security" data-testid="security-settings">
      <h2 id="set-security">{t('security.title')}</h2>
      <p className="muted">
        {auth.exposed ? t('security.exposed') : t('security.loopback')}{' '}
        {auth.passwordSet ? t('security.passwordOn') : t('security.passwordOff')}
      </p>
      <PasswordForm passwordSet={auth.passwordSet} exposed={auth.exposed} onChanged={onAuthChanged} />
      <h3>{t('security.access')}</h3>
      <div className="toggles">
        <Toggle
          label={t('security.requireKey')}
          hint={auth.exposed ? t('security.requireKeyExposed') : t('security.requireKeyHint')}
          checked={toggles.draft.requireApiKey || auth.exposed}
          disabled={auth.exposed || toggles.busy}
          onChange={(v) => void toggles.save({ requireApiKey: v })}
        />
        <Toggle
          label={t('security.lan')}
          hint={t('security.lanHint')}
          checked={toggles.draft.lanExposure}
          disabled={toggles.busy}
          onChange={(v) =>
            void toggles.save(
              { lanExposure: v },
              v !== auth.exposed ? t('security.restartToApply') : t('settings.saved'),
            )
          }
        />
      </div>
      {toggles.status && (
        <Notice kind={toggles.status.kind}>
          <span data-testid="security-status">{toggles.status.text}</span>
        </Notice>
      )}
      {restartPending && !toggles.status && <Notice kind="warning">{t('security.restartToApply')}</Notice>}

      <SettingsCard
        id="set-ip"
        nested
        title={t('security.ipTitle')}
        intro={t('security.ipIntro')}
        testId="ip-settings"
        status={lists.status}
        busy={lists.busy}
        onSubmit={() => lists.save(lists.draft)}
      >
        <div className="form-grid">
          <ListEditor
            {...ipProps}
            label={t('security.allowList')}
            hint={t('security.allowListHint')}
            items={lists.draft.ipAllowList}
            onChange={(v) => lists.set('ipAllowList', v)}
            testId="ip-allow"
          />
          <ListEditor
            {...ipProps}
            label={t('security.denyList')}
            hint={t('security.denyListHint')}
            items={lists.draft.ipDenyList}
            onChange={(v) => lists.set('ipDenyList', v)}
            testId="ip-deny"
          />
        </div>
      </SettingsCard>

      <SettingsCard
        id="set-browser"
        nested
        title={t('browserAccess.title')}
        intro={t('browserAccess.intro')}
        testId="browser-settings"
        status={browser.status}
        busy={browser.busy}
        onSubmit={() => browser.save(browser.draft)}
      >
        <div className="form-grid">
          <ListEditor
            label={t('browserAccess.hosts')}
            hint={t('browserAccess.hostsHint')}
            items={browser.draft.allowedHosts}
            onChange={(v) => browser.set('allowedHosts', v)}
            validate={isHostName}
            invalidText={(v) => t('browserAccess.hostInvalid', { value: v })}
            placeholder="laptop.lan"
            emptyText={t('browserAccess.hostsEmpty')}
            testId="allowed-hosts"
          />
          <ListEditor
            label={t('browserAccess.origins')}
            hint={t('browserAccess.originsHint')}
            items={browser.draft.corsOrigins}
            onChange={(v) => browser.set('corsOrigins', v)}
            validate={isOrigin}
            invalidText={(v) => t('browserAccess.originInvalid', { value: v })}
            placeholder="https://app.example.com"
            emptyText={t('browserAccess.originsEmpty')}
            testId="cors-origins"
          />
        </div>
      </SettingsCard>
    </section>
  );
}
