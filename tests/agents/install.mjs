// Installs the real coding CLIs into .agents/ (gitignored) on first use, for the agent runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Installs `agents` ({package: version}) into `dir` unless every command in `commands` is
 * already there; returns the path of a command. Exits the process when npm fails.
 */
export function installAgents(dir, agents, commands) {
  const bin = (n) => path.join(dir, 'node_modules', '.bin', n);
  if (!commands.every((n) => existsSync(bin(n)))) {
    mkdirSync(dir, { recursive: true });
    console.log(`installing ${Object.keys(agents).join(', ')} into ${dir} …`);
    const r = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        '--no-audit',
        '--no-fund',
        ...Object.entries(agents).map(([n, v]) => `${n}@${v}`),
      ],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  return bin;
}
