// Shows native notifications that the rules let through.
import type { NotificationCtor, NotificationLike } from './electron-like.js';
import type { Decision, Notice, NotificationRules } from './notification-rules.js';

export class Notifier {
  /** Electron drops click handlers of notifications that were garbage-collected: keep them. */
  private readonly live = new Set<NotificationLike>();

  constructor(
    private readonly Notification: NotificationCtor,
    private readonly rules: NotificationRules,
    private readonly options: { onClick?: () => void; now?: () => number; log?: (msg: string) => void } = {},
  ) {}

  notify(n: Notice): Decision {
    const decision = this.rules.decide(n, (this.options.now ?? Date.now)());
    if (!decision.show) {
      this.options.log?.(`notification ${n.kind} (${n.key}) suppressed: ${decision.reason}`);
      return decision;
    }
    this.showNow(n.title, n.body);
    return decision;
  }

  /** Bypasses the rules: for one-off messages the user must see (e.g. the port moved). */
  showNow(title: string, body: string): void {
    if (!this.Notification.isSupported()) {
      this.options.log?.(`notification (unsupported here): ${title} — ${body}`);
      return;
    }
    const note = new this.Notification({ title, body });
    this.live.add(note);
    note.on('click', () => {
      this.live.delete(note);
      this.options.onClick?.();
    });
    note.on('close', () => this.live.delete(note));
    note.show();
    if (this.live.size > 20) this.live.delete(this.live.values().next().value!);
  }
}
