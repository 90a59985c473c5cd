import type { Context } from 'hono';
import { z } from 'zod';
import { applyConfig, type ApplyResult } from '../../config/apply.js';
import { ConfigError } from '../../config/errors.js';
import { exportConfig } from '../../config/export.js';
import { ConfigSchema } from '../../config/schema.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { AppEnv } from '../env.js';
import { createBackup, deleteBackup, isBackupName, listBackups } from '../../store/backups.js';
import type { Store } from '../../store/index.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { Ok } from './schemas.js';

const Backup = z.object({
  name: z.string(),
  bytes: z.number().int(),
  createdAt: z.number().describe('Epoch milliseconds.'),
});

const ImportIn = z
  .object({
    config: z
      .record(z.string(), z.unknown())
      .describe('A config-file document (docs/config.md), e.g. what GET /api/export returned.'),
    dryRun: z.boolean().optional().describe('Report what would change; write nothing.'),
  })
  .strict();

const ImportOut = z.object({
  dryRun: z.boolean(),
  changes: z.array(z.string()).describe('What changed (or would), e.g. "combo main"; empty: nothing to do.'),
  generatedKeys: z
    .array(z.object({ name: z.string(), key: z.string() }))
    .describe('Gateway keys created without a key of their own: shown here once, never again.'),
});

/** A refused import: the first problem as usual, and all of them. */
interface ImportProblem {
  error: { message: string; param?: string };
  issues: Array<{ path: string; message: string }>;
}

class DryRunRollback extends Error {}

/** applyConfig inside a transaction that is always rolled back: what would change, nothing written. */
function dryRun(store: Store, run: () => ApplyResult): ApplyResult {
  let result: ApplyResult | undefined;
  try {
    store.transaction(() => {
      result = run();
      throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return { changes: result!.changes, generatedKeys: [] };
}

/** POST /api/import: validate the whole document first, then apply it (or only try, with dryRun). */
async function importDocument(c: Context<AppEnv>, b: z.infer<typeof ImportIn>, rt: Runtime) {
  const s = rt.store;
  const refuse = (problems: ConfigError['problems']) => {
    const first = problems[0]!;
    const body: ImportProblem = {
      error: {
        message: `${first.path ? `${first.path}: ` : ''}${first.message}`,
        ...(first.path ? { param: first.path } : {}),
      },
      issues: problems.map((p) => ({ path: p.path, message: p.message })),
    };
    return c.json(body, 400);
  };
  // Imported here: the config loader brings the YAML library, which start-up does not need.
  const { validateConfig } = await import('../../config/load.js');
  const checked = validateConfig(b.config);
  if (!checked.ok) return refuse(checked.problems);
  const cfg = checked.config;
  if (cfg.settings?.lanExposure === true && s.internal.get('passwordHash') === undefined)
    throw new ApiError(
      409,
      'Set a dashboard password first: anyone on the network could otherwise open the dashboard.',
      'settings.lanExposure',
    );
  try {
    if (b.dryRun) {
      const r = dryRun(s, () => applyConfig(s, cfg, 'import'));
      return c.json({ dryRun: true, ...r });
    }
    const r = applyConfig(s, cfg, 'import');
    if (r.changes.length) rt.reload('import');
    return c.json({ dryRun: false, ...r });
  } catch (err) {
    // References the schema cannot check (a budget naming a missing key) fail inside the
    // transaction, so nothing was written.
    if (err instanceof ConfigError) return refuse(err.problems);
    throw err;
  }
}

/** The dashboard's Storage page: export, import, database snapshots. */
export function storageRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  return routeGroup('storage', (r) => [
    r.get('/export', {
      summary:
        'The whole configuration as a config-file document (providers with accounts, combos, gateway key names and scopes, settings, …). Provider keys and proxy credentials only with ?secrets=true, and then a dashboard session must repeat the password or admin token in X-OmniRoute-Confirm; otherwise accounts say keepApiKey and proxies show ***.',
      response: ConfigSchema,
      errors: {
        401: 'Secrets asked for by a dashboard session without the password (or admin token) in X-OmniRoute-Confirm.',
      },
      handler: async (c) => {
        const secrets = c.req.query('secrets') === 'true';
        // A session cookie may be a stolen one: handing out every key needs the credential again.
        const admin = c.get('admin');
        if (secrets && admin?.via !== 'token' && !(await admin?.confirm(c.req.header('x-omniroute-confirm'))))
          throw new ApiError(
            401,
            'Exporting secrets needs the dashboard password (or the admin token) again, in the X-OmniRoute-Confirm header.',
            'x-omniroute-confirm',
          );
        return c.json(exportConfig(s, { secrets }));
      },
    }),
    r.post('/import', {
      summary:
        'Apply a config-file document, idempotently (the same rules as --config: entities matched by name, absent ones left alone). Validated first: an invalid document writes nothing.',
      body: ImportIn,
      response: ImportOut,
      errors: {
        400: 'Invalid document: `error.param` and `issues[].path` are key paths inside `config`.',
        409: 'The document turns lanExposure on while no dashboard password is set.',
      },
      handler: (c, b) => importDocument(c, b, rt),
    }),
    r.get('/backups', {
      summary: 'Database snapshots in <data dir>/backups, newest first (those taken before migrations too).',
      response: z.array(Backup),
      handler: (c) => c.json(listBackups(s.dataDir)),
    }),
    r.post('/backups', {
      summary:
        'Take a consistent snapshot of the database (SQLite VACUUM INTO). Provider keys stay encrypted in it: restoring needs the same data key.',
      response: Backup,
      handler: (c) => {
        // Queued request-log entries belong in the snapshot.
        s.requestLog.flush();
        return c.json(createBackup(s.db, s.dataDir), 201 as 200);
      },
    }),
    r.delete('/backups/:name', {
      summary: 'Delete one snapshot.',
      response: Ok,
      errors: { 400: 'Not a backup file name.', 404: 'No such backup.' },
      handler: (c) => {
        const name = c.req.param('name');
        if (!isBackupName(name))
          throw new ApiError(400, `"${name}" is not a backup name (omniroute-….db).`, 'name');
        if (!deleteBackup(s.dataDir, name)) throw new ApiError(404, `No backup "${name}".`, 'name');
        return c.json({ ok: true });
      },
    }),
  ]);
}
