import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CliToolApplyMode,
  CliToolKeepLogin,
  CliToolSetting,
  CliToolStatus,
  LoginKindId,
} from '../../api/types';
import { CopyButton } from '../CopyButton';
import { Notice } from '../Notice';
import { RadioChoices, type RadioChoice } from '../RadioChoices';
import { settingValue } from '../../lib/cliTools';
import { navigate } from '../../lib/router';

/** Whose servers a login provider of each kind forwards to (core/providers/login/*.ts). */
const LOGIN_VENDORS: Record<LoginKindId, string> = {
  anthropic: 'Anthropic',
  chatgpt: 'OpenAI',
  'code-assist': 'Google',
};
/** A path or model inside translated text: isolated, so right-to-left text does not reorder it. */
export const ltr = (s: string) => `\u2066${s}\u2069`;

/** Badges next to a tool: found on this machine, already pointing at this gateway. */
export function StatusBadges({ status }: { status?: CliToolStatus }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <span className="badges">
      {status.installed ? (
        <span className="badge badge-ok">{t('cli.installed')}</span>
      ) : (
        <span className="badge">{t('cli.notInstalled')}</span>
      )}
      {status.configured && <span className="badge badge-info">{t('cli.configured')}</span>}
    </span>
  );
}

/** The values to enter by hand, each copyable; the key shows the one typed above, if any. */
export function SettingsList({ settings, apiKey }: { settings: CliToolSetting[]; apiKey?: string }) {
  const { t } = useTranslation();
  const shown = (s: CliToolSetting) => settingValue(s, apiKey);
  return (
    <dl className="kv" data-testid="tool-settings">
      {settings.map((s) => (
        <Fragment key={s.label}>
          <dt>
            <code dir="ltr">{s.label}</code>
          </dt>
          <dd className="row wrap">
            <code dir="ltr" className="secret" data-kind={s.kind}>
              {shown(s)}
            </code>
            <CopyButton text={shown(s)} label={t('cli.copyValue')} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Gateway key, or the tool keeps its own vendor login (Claude Code, Codex, Gemini CLI). */
function ModeChoice({
  toolName,
  login,
  mode,
  onChange,
}: {
  toolName: string;
  login: LoginKindId;
  mode: CliToolApplyMode;
  onChange: (m: CliToolApplyMode) => void;
}) {
  const { t } = useTranslation();
  const options: Array<RadioChoice<CliToolApplyMode>> = [
    { value: 'gateway-key', label: t('cli.mode.gatewayKey'), hint: t('cli.mode.gatewayKeyHint') },
    { value: 'keep-login', label: t(`cli.mode.keepLogin.${login}`), hint: t('cli.mode.keepLoginHint') },
  ];
  return (
    <RadioChoices
      className="choices pair"
      testId="mode-choice"
      legend={t('cli.mode.legend', { tool: toolName })}
      name="cli-mode"
      value={mode}
      options={options}
      onChange={onChange}
    />
  );
}

/** The tools to choose from, each with its badges. */
export function ToolList({
  tools,
  selected,
  onChoose,
}: {
  tools: CliToolStatus[];
  selected: string;
  onChoose: (id: CliToolStatus['id']) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('cli.tools')} className="tool-list">
      <ul>
        {tools.map((x) => {
          return (
            <li key={x.id}>
              <button
                type="button"
                className="tool-button row wrap"
                aria-pressed={x.id === selected}
                data-tool={x.id}
                onClick={() => onChoose(x.id)}
              >
                <span>{x.name}</span>
                <StatusBadges status={x} />
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * Where the tool can keep its vendor login: the choice, what keeping it means, and a warning when
 * no login provider of that kind is set up to serve it.
 */
export function LoginModeChoice({
  toolName,
  login,
  onChange,
}: {
  toolName: string;
  login: { keepLogin: CliToolKeepLogin; mode: CliToolApplyMode; keeping: boolean; providerMissing: boolean };
  onChange: (m: CliToolApplyMode) => void;
}) {
  const { keepLogin, mode, keeping, providerMissing } = login;
  const { t } = useTranslation();
  return (
    <>
      <ModeChoice toolName={toolName} login={keepLogin.login} mode={mode} onChange={onChange} />
      {keeping && (
        <p className="muted" data-testid="keep-login-explainer">
          {t('cli.keepLoginExplainer', { tool: toolName, vendor: LOGIN_VENDORS[keepLogin.login] })}
        </p>
      )}
      {providerMissing && (
        <Notice kind="warning">
          <span data-testid="login-provider-missing">
            {t('cli.loginProviderMissing', { login: t(`logins.${keepLogin.login}`), tool: toolName })}
          </span>{' '}
          <button type="button" className="link" onClick={() => navigate('providers')}>
            {t('cli.addLoginProvider')}
          </button>
        </Notice>
      )}
    </>
  );
}
