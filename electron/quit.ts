// Quit (from the tray, the dock, the OS): `before-quit` is held until the core has drained its
// in-flight streams and closed the database; then the app quits for real. The tray keeps the
// app alive with no window (the default would be to quit on Windows and Linux).
import type { Core, Logger } from '../core/index.js';
import type { ShellApp } from './electron-like.js';

/** How long Quit waits for in-flight streams before cutting them. */
export const QUIT_GRACE_MS = 10_000;

export interface QuitOptions {
  app: Pick<ShellApp, 'on' | 'quit'>;
  core: Pick<Core, 'stop'>;
  logger: Logger;
  /** Runs before the core stops: stop the watcher, unsubscribe from the core's events. */
  beforeStop: () => void;
  /** Runs once the core has stopped, before the app quits: remove the tray. */
  afterStop: () => void;
}

export interface QuitControl {
  /** True from the first quit request on: closing the window then really closes it. */
  isQuitting(): boolean;
  /** Resolves when the core has stopped. */
  stopped: Promise<void>;
}

export function holdQuitUntilStopped(o: QuitOptions): QuitControl {
  const log = (m: string) => o.logger.info(m);
  let quitting = false;
  let stopped = false;
  let resolveStopped!: () => void;
  const stoppedPromise = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      log('quitting: draining in-flight requests');
      o.beforeStop();
      try {
        const r = await o.core.stop(QUIT_GRACE_MS);
        log(r.drained ? 'stopped cleanly' : `stopped; ${r.cut} stream(s) cut after ${QUIT_GRACE_MS} ms`);
      } catch (err) {
        o.logger.error(`error while stopping: ${err instanceof Error ? err.message : String(err)}`);
      }
      stopped = true;
      o.afterStop();
      resolveStopped();
      o.app.quit();
    })());

  o.app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    void shutdown();
  });
  o.app.on('window-all-closed', () => {});
  return { isQuitting: () => quitting, stopped: stoppedPromise };
}
