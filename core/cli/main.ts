import { ConfigError, NativeModuleError, PortInUseError, startCore, VERSION, type Core } from '../index.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../util/logger.js';
// Static, not import(): a dynamic import of a module that imports the core would split the CLI
// bundle into many chunks, and loading them is what start-up time is made of.
import { loginChatGpt } from './login.js';
import { dashboardLink } from './dashboard-link.js';
import { initCombos } from './init.js';
import { parseMachineArgs } from './local-api.js';

const HELP = `omniroute ${VERSION} — one local endpoint for every coding agent and every AI provider

Usage:
  omniroute serve [options]     run the gateway and dashboard headless
  omniroute login chatgpt       add a ChatGPT plan account (Sign in with ChatGPT): prints the
                                address to open, waits for the sign-in to come back
                                (--port, --data-dir, --config as for serve; uses the running
                                gateway, or starts one for the sign-in)
  omniroute dashboard           print a new one-time sign-in link to the running
                                gateway's dashboard (--port, --data-dir as for serve)
  omniroute init                the running gateway's combo templates (free-forever, cheap,
                                quality-first) filled from your accounts, each step explained;
                                --template <id> [--name <n>] creates one and makes it active
                                (--no-activate: only creates it); --port, --data-dir as for serve

Options:
  --port <n>          port to listen on (default 20128)
  --host <addr>       address to bind (default 127.0.0.1, or 0.0.0.0 when the lanExposure
                      setting is on; anything but loopback exposes the gateway and then
                      requires gateway API keys and a dashboard password)
  --data-dir <dir>    where the database and keys live (default $DATA_DIR or ~/.omniroute)
  --config <file>     YAML or JSON config applied at start (see docs/config.md)
  --log-level <l>     debug | info | warn | error | silent (default info)
  -h, --help          this help
  -v, --version       print the version
`;

export interface ServeFlags {
  port: number;
  /** undefined: the lanExposure setting decides (see startCore). */
  host?: string;
  dataDir: string;
  config?: string;
  logLevel: LogLevel;
}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeFlags {
  const { values, port, dataDir } = parseMachineArgs(argv, env, {
    host: { type: 'string' },
    config: { type: 'string' },
    'log-level': { type: 'string' },
  });
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const logLevel = (values['log-level'] ?? env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    port,
    host: values.host ?? env.HOST,
    dataDir,
    config: values.config ?? env.OMNIROUTE_CONFIG,
    logLevel,
  };
}

export async function serve(flags: ServeFlags, opts: { headlessReason?: string } = {}): Promise<Core> {
  const logger = createLogger(flags.logLevel);
  const core = await startCore({
    dataDir: flags.dataDir,
    host: flags.host,
    port: flags.port,
    configFile: flags.config,
    logger,
  });
  // A parent that closed our stdout (a supervisor gone, `| head`) must not crash a shutdown.
  process.stdout.on('error', () => {});
  const out = (s: string) => flags.logLevel !== 'silent' && process.stdout.write(s + '\n');
  out(`OmniRoute ${core.version} listening`);
  out(`  Endpoint:   ${core.url}/v1`);
  // One-time: the first browser to open it gets a session; `omniroute dashboard` makes another.
  out(`  Dashboard:  ${core.dashboardLink()}`);
  out(`  Data dir:   ${core.dataDir} (admin token in ${core.adminTokenFile})`);
  if (opts.headlessReason) out(`  No window:  ${opts.headlessReason}`);
  for (const k of core.configResult?.generatedKeys ?? []) {
    out(`  New gateway API key "${k.name}": ${k.key}   (shown once; store it now)`);
  }
  if (core.exposed)
    out(`  Exposed beyond this machine: gateway API keys and a dashboard password are required.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      out(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    out(`${signal}: stopping (finishing in-flight requests, flushing writes)…`);
    const result = await core.stop(10_000);
    out(
      result.drained
        ? 'stopped cleanly'
        : `stopped; ${result.cut} request(s) did not finish in time and were cut`,
    );
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return core;
}

/** Runs a one-shot command: its result is the exit code; a failure is one line on stderr. */
async function exitWith(command: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (err) {
    process.stderr.write(`omniroute: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

export async function main(
  argv = process.argv.slice(2),
  opts: { headlessReason?: string } = {},
): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === '-v' || cmd === '--version') {
    process.stdout.write(VERSION + '\n');
    return;
  }
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (cmd === 'login') {
    if (rest[0] !== 'chatgpt') {
      process.stderr.write(
        `omniroute: "login" takes "chatgpt" (Sign in with ChatGPT). Claude Code, Codex and Gemini CLI keep their own logins: see docs/subscriptions.md.\n`,
      );
      process.exitCode = 2;
      return;
    }
    return exitWith(() => loginChatGpt(rest.slice(1)));
  }
  if (cmd === 'dashboard') return exitWith(() => dashboardLink(rest));
  if (cmd === 'init') return exitWith(() => initCombos(rest));
  if (cmd !== 'serve') {
    process.stderr.write(`omniroute: unknown command "${cmd}"\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(HELP);
    return;
  }
  let flags: ServeFlags;
  try {
    flags = parseServeArgs(rest);
  } catch (err) {
    process.stderr.write(`omniroute: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await serve(flags, opts);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PortInUseError || err instanceof NativeModuleError) {
      process.stderr.write(`omniroute: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}
