// A small leveled logger. Secrets never reach it in the first place (callers log ids, not
// keys), and `redact` scrubs anything that still looks like a credential as a second line
// of defence, because request logs of other gateways have leaked full headers.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
export const LOG_LEVELS = Object.keys(ORDER) as LogLevel[];

const SECRET_PATTERNS: RegExp[] = [
  /\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, // OpenAI/Anthropic/our own keys
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google API keys
  /\b(gsk|xai|nvapi|csk)-[A-Za-z0-9_-]{8,}/g,
  /(authorization|x-api-key|x-goog-api-key|api[_-]?key|token|secret|password)(["'\s:=]+)([^\s"',}]{4,})/gi,
  /\b(https?|socks5h?):\/\/[^\s/@]+@/gi, // credentials in a (proxy) URL
];

export function redact(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) {
    out = out.replace(re, (match, ...groups: unknown[]) => {
      if (
        typeof groups[1] === 'string' &&
        typeof groups[0] === 'string' &&
        re.source.startsWith('(authorization')
      ) {
        return `${groups[0]}${groups[1]}[redacted]`;
      }
      return match.slice(0, 3) + '…[redacted]';
    });
  }
  return out;
}

export interface Logger {
  level: LogLevel;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string, level: LogLevel) => void;

const defaultSink: LogSink = (line, level) => {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
};

export function createLogger(level: LogLevel = 'info', sink: LogSink = defaultSink): Logger {
  const logger: Logger = {
    level,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
  function write(l: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    if (ORDER[l] < ORDER[logger.level]) return;
    const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
    sink(redact(`${new Date().toISOString()} ${l.toUpperCase().padEnd(5)} ${msg}${extra}`), l);
  }
  return logger;
}
