export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Array<{ path: string; line?: number; message: string }>,
  ) {
    super(
      `Invalid config ${file}:\n` +
        problems
          .map((p) => `  ${p.line ? `line ${p.line}: ` : ''}${p.path || '(root)'}: ${p.message}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}
