// What one request-log row may hold (issue: "the request log cannot fill the disk", part 1):
// bodies, error texts and names are cut when the row is queued, with a marker saying how long
// they were, so an upstream that echoes a 20 MB prompt in its error no longer stores it twice.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase } from '../../core/store/database.js';
import { capBytes, capChars, logLimitsOf, NAME_MAX_CHARS } from '../../core/store/log-caps.js';
import { capLogDetail, type LogDetail } from '../../core/store/log-detail.js';
import { capEntry, RequestLogWriter, type RequestLogEntry } from '../../core/store/request-log.js';
import { DEFAULT_SETTINGS } from '../../core/store/repos/settings.js';
import { tempDir } from '../helpers/core.js';

const MB = 1024 * 1024;

const entry = (over: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  id: 'r1',
  ts: 1000,
  callerFormat: 'openai-chat',
  attempts: 2,
  status: 400,
  stream: false,
  ...over,
});

describe('text caps', () => {
  it('cut characters with a marker that gives the full length, never inside a surrogate pair', () => {
    expect(capChars('short', 10)).toBe('short');
    expect(capChars('a'.repeat(12), 10)).toBe(`${'a'.repeat(10)}…[truncated: 12 chars total]`);
    const emoji = 'a'.repeat(9) + '😀' + 'b';
    const cut = capChars(emoji, 10);
    expect(cut.startsWith('a'.repeat(9) + '…')).toBe(true);
    expect(cut).not.toContain('\ud83d');
  });

  it('cut bytes at a UTF-8 character boundary, with the total in bytes', () => {
    expect(capBytes('x'.repeat(100), 100)).toBe('x'.repeat(100));
    expect(capBytes('x'.repeat(101), 100)).toBe(`${'x'.repeat(100)}…[truncated: 101 bytes total]`);
    // 'é' is 2 bytes: 51 of them are 102 bytes; 50 fit in 100.
    expect(capBytes('é'.repeat(51), 101)).toBe(`${'é'.repeat(50)}…[truncated: 102 bytes total]`);
    expect(capBytes('€'.repeat(40), 100)).toBe(`${'€'.repeat(33)}…[truncated: 120 bytes total]`);
  });

  it('take their limits from the settings (defaults 256 KB and 4000 characters)', () => {
    expect(logLimitsOf(DEFAULT_SETTINGS)).toEqual({ bodyMaxBytes: 256 * 1024, errorMaxChars: 4000 });
  });

  it('leave a common detail as it is (same object) and copy only what they cut', () => {
    const limits = { bodyMaxBytes: 1000, errorMaxChars: 300 };
    const small: LogDetail = {
      steps: ['up/gpt'],
      attempts: [
        { providerId: 'up', upstreamModel: 'gpt', step: 'up/gpt', status: 500, error: 'busy', latencyMs: 1 },
      ],
      requestBody: '{"model":"up/gpt"}',
    };
    expect(capLogDetail(small, limits)).toBe(small);
    const big: LogDetail = {
      ...small,
      attempts: [...small.attempts, { ...small.attempts[0]!, error: 'e'.repeat(5000) }],
      requestBody: 'b'.repeat(5000),
    };
    const capped = capLogDetail(big, limits);
    expect(capped).not.toBe(big);
    expect(big.attempts[1]!.error).toHaveLength(5000); // the caller's object is not changed
    expect(capped.attempts[0]).toBe(small.attempts[0]);
    expect(capped.attempts[1]!.error).toBe(`${'e'.repeat(300)}…[truncated: 5000 chars total]`);
    expect(capped.requestBody).toBe(`${'b'.repeat(1000)}…[truncated: 5000 bytes total]`);
  });
});

describe('request log writer caps', () => {
  const stored = (dir: string) => {
    const db = new Database(path.join(dir, DB_FILE), { readonly: true });
    const row = db.prepare('SELECT * FROM request_log WHERE id = ?').get('r1') as Record<string, string> & {
      detail: string;
    };
    db.close();
    return row;
  };

  it('stores an echoed 2 MB error, a 1 MB model name and a 3 MB body as a few KB, with markers', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const w = new RequestLogWriter(db);
    const echo = 'E'.repeat(2 * MB);
    const model = 'm'.repeat(MB);
    w.record(
      entry({
        requestedModel: model,
        upstreamModel: model,
        combo: model,
        providerId: 'up',
        error: echo,
        detail: {
          steps: [`up/${model}`, `up/${model}`],
          attempts: [
            { providerId: 'up', upstreamModel: model, step: model, status: 400, error: echo, latencyMs: 1 },
            { providerId: 'up', upstreamModel: model, step: model, status: 400, error: echo, latencyMs: 1 },
          ],
          requestBody: 'B'.repeat(3 * MB),
        } satisfies LogDetail,
      }),
    );
    w.flush();
    db.close();
    const row = stored(dir);
    expect(row.error).toBe(`${'E'.repeat(4000)}…[truncated: ${2 * MB} chars total]`);
    for (const col of ['requested_model', 'upstream_model', 'combo'])
      expect(row[col]).toBe(`${'m'.repeat(NAME_MAX_CHARS)}…[truncated: ${MB} chars total]`);
    const detail = JSON.parse(row.detail) as LogDetail;
    expect(detail.requestBody).toBe(`${'B'.repeat(256 * 1024)}…[truncated: ${3 * MB} bytes total]`);
    expect(detail.attempts.map((a) => a.error)).toEqual([row.error, row.error]);
    expect(detail.steps.every((s) => s.length < NAME_MAX_CHARS + 40)).toBe(true);
    // The whole row: the body cap and a little more, instead of ~10 MB.
    const bytes = Object.values(row).reduce((n, v) => n + (typeof v === 'string' ? v.length : 8), 0);
    expect(bytes).toBeLessThan(256 * 1024 + 20_000);
  });

  it('applies limits changed at run time to what is recorded next', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const w = new RequestLogWriter(db);
    w.setLimits(logLimitsOf({ logBodyMaxKb: 1, logErrorMaxChars: 200 }));
    w.record(
      entry({ error: 'x'.repeat(1000), detail: { steps: [], attempts: [], requestBody: 'y'.repeat(5000) } }),
    );
    w.flush();
    db.close();
    const row = stored(dir);
    expect(row.error).toBe(`${'x'.repeat(200)}…[truncated: 1000 chars total]`);
    expect((JSON.parse(row.detail) as LogDetail).requestBody).toBe(
      `${'y'.repeat(1024)}…[truncated: 5000 bytes total]`,
    );
  });

  it('caps what the live tail shows the same way, and leaves a short entry as it is', () => {
    const limits = { bodyMaxBytes: 1024, errorMaxChars: 200 };
    const short = entry({ error: 'busy', requestedModel: 'up/gpt' });
    expect(capEntry(short, limits)).toBe(short);
    const long = capEntry(entry({ error: 'z'.repeat(300), requestedModel: 'q'.repeat(600) }), limits);
    expect(long.error).toBe(`${'z'.repeat(200)}…[truncated: 300 chars total]`);
    expect(long.requestedModel).toBe(`${'q'.repeat(512)}…[truncated: 600 chars total]`);
  });
});
