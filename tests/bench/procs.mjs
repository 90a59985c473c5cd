// The processes a benchmark starts: node scripts run from the repository root, the port each
// one announces, and the CPU each one uses.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Every process started, for the caller to stop at the end. */
export const children = [];

export function start(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  // A parent that stops reading must not crash on a closed pipe.
  child.stdout.on('error', () => {});
  children.push(child);
  return child;
}

/** The port a bench server (`listening N`) or the gateway (`Endpoint: http://…:N`) announces. */
export const portOf = (child) =>
  new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening (\d+)|Endpoint:\s+http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(Number(m[1] ?? m[2]));
    });
    child.on('exit', () => reject(new Error(`exited early: ${out}`)));
  });

// CPU seconds a process has used (user + system), from /proc: a measure of a server's own cost
// per request that does not depend on how busy the other processes keep the two cores.
export const cpuSeconds = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
