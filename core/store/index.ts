import { ensureDataDir } from './data-dir.js';
import { openDatabase, type OpenOptions } from './database.js';
import type { Db } from './db.js';
import { AliasesRepo } from './repos/aliases.js';
import { ApiKeysRepo } from './repos/api-keys.js';
import { BudgetsRepo } from './repos/budgets.js';
import { CombosRepo } from './repos/combos.js';
import { ConnectionsRepo } from './repos/connections.js';
import { PriceOverridesRepo } from './repos/prices.js';
import { ProvidersRepo } from './repos/providers.js';
import { InternalValuesRepo, type SettingsRepo } from './repos/settings.js';
import { SealedSettingsRepo } from './repos/sealed-settings.js';
import { LogRetention } from './log-retention.js';
import { RequestLogWriter } from './request-log.js';
import { fileKeyProvider, SecretBox, type KeyProvider } from './secret-box.js';

export interface StoreOptions extends OpenOptions {
  dataDir: string;
  keyProvider?: KeyProvider;
  /** Told what went wrong in the background (request-log rows that could not be written). */
  onWarning?: (message: string) => void;
}

/** Everything persistent, behind one object. Only management calls and start-up touch it synchronously. */
export class Store {
  readonly db: Db;
  readonly box: SecretBox;
  readonly providers: ProvidersRepo;
  readonly connections: ConnectionsRepo;
  readonly combos: CombosRepo;
  readonly apiKeys: ApiKeysRepo;
  readonly settings: SettingsRepo;
  readonly internal: InternalValuesRepo;
  readonly budgets: BudgetsRepo;
  readonly prices: PriceOverridesRepo;
  readonly aliases: AliasesRepo;
  readonly requestLog: RequestLogWriter;
  /** Prunes the request log by age and database size; the core starts it (startCore). */
  readonly logRetention: LogRetention;
  readonly dataDir: string;

  constructor(options: StoreOptions) {
    this.dataDir = ensureDataDir(options.dataDir);
    // Before the database: a migration may seal stored values with it.
    this.box = new SecretBox(options.keyProvider ?? fileKeyProvider(this.dataDir));
    this.db = openDatabase(this.dataDir, { ...options, box: this.box });
    this.providers = new ProvidersRepo(this.db, this.box);
    this.connections = new ConnectionsRepo(this.db, this.box);
    this.combos = new CombosRepo(this.db);
    this.apiKeys = new ApiKeysRepo(this.db);
    this.settings = new SealedSettingsRepo(this.db, this.box);
    this.internal = new InternalValuesRepo(this.db);
    this.budgets = new BudgetsRepo(this.db);
    this.prices = new PriceOverridesRepo(this.db);
    this.aliases = new AliasesRepo(this.db);
    this.requestLog = new RequestLogWriter(this.db, { onError: options.onWarning });
    this.logRetention = new LogRetention(this.db, this.dataDir, { onWarning: options.onWarning });
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  healthy(): boolean {
    try {
      return (this.db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
    } catch {
      return false;
    }
  }

  close(): void {
    if (!this.db.open) return;
    this.logRetention.stop();
    this.requestLog.flush();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

export { resolveDataDir } from './data-dir.js';
export { fileKeyProvider, staticKeyProvider, type KeyProvider } from './secret-box.js';
export { NativeModuleError } from './database.js';
