import { describe, expect, it } from 'vitest';
import { REDACTED, redactErrorInfo, redactSecrets } from '../../../core/util/redact-secrets.js';
import { proxySecrets } from '../../../core/util/proxy-url.js';

const KEY = 'sk-proj-Abc123XyZ987def456GhI0wxyz';

describe('redactSecrets', () => {
  it('replaces full occurrences, with or without "Bearer", URL-encoded or JSON-escaped', () => {
    const text = `Incorrect API key provided: Bearer ${KEY}. Header was "authorization: Bearer ${KEY}"`;
    const out = redactSecrets(text, [KEY]);
    expect(out).not.toContain(KEY);
    expect(out).toBe(
      `Incorrect API key provided: Bearer ${REDACTED}. Header was "authorization: Bearer ${REDACTED}"`,
    );
    const slashy = 'ab/cd+ef==ghijklmnopq/rs';
    expect(redactSecrets(`{"k":"${slashy.replace(/\//g, '\\/')}"}`, [slashy])).toBe(`{"k":"${REDACTED}"}`);
    expect(redactSecrets(`key=${encodeURIComponent(slashy)}`, [slashy])).toBe(`key=${REDACTED}`);
  });

  it('replaces the partial forms providers echo: prefix…suffix, stars, truncations', () => {
    const forms = [
      'sk-proj-Abc1...wxyz', // first and last 4
      'sk-proj-****************************wxyz', // OpenAI's masked echo
      'sk-p…wxyz',
      '…0wxyz',
      '****0wxyz',
      'sk-proj-Abc123…', // a prefix, cut
      'Abc123XyZ987', // a bare piece of 8+ characters
    ];
    for (const f of forms) {
      const out = redactSecrets(`Incorrect API key provided: ${f}. You can find your key at x.`, [KEY]);
      expect(out, f).toBe(`Incorrect API key provided: ${REDACTED}. You can find your key at x.`);
    }
  });

  it('leaves ordinary text alone, and ignores values too short to look for', () => {
    const text = 'Rate limit reached for gpt-4.1 in organization org-123 on tokens per min. Retry in 20s.';
    expect(redactSecrets(text, [KEY])).toBe(text);
    expect(redactSecrets('the key abc is wrong', ['abc'])).toBe('the key abc is wrong');
    expect(redactSecrets(text, [undefined, null, ''])).toBe(text);
    // 4 characters without a mask are not enough to call it a key.
    expect(redactSecrets('see wxyz and sk-p', [KEY])).toBe('see wxyz and sk-p');
  });

  it('replaces a longer secret whole even when it contains a shorter one', () => {
    const inner = 'token-0123456789';
    const outer = `${inner}-and-more-9876543210`;
    expect(redactSecrets(`got ${outer}`, [inner, outer])).toBe(`got ${REDACTED}`);
  });

  it('redacts an error info copy (message, param, code), leaving the original', () => {
    const info = { status: 401, kind: 'authentication', message: `bad key ${KEY}`, code: KEY };
    const out = redactErrorInfo(info, [KEY]);
    expect(out.message).toBe(`bad key ${REDACTED}`);
    expect(out.code).toBe(REDACTED);
    expect(info.message).toContain(KEY);
  });
});

describe('proxySecrets', () => {
  it('is the password (as written and decoded), user:pass and the Basic token; none without credentials', () => {
    const s = proxySecrets('http://alice:p%40ss-w0rd-1234@proxy.example:3128');
    expect(s).toEqual(
      expect.arrayContaining([
        'p%40ss-w0rd-1234',
        'p@ss-w0rd-1234',
        'alice:p@ss-w0rd-1234',
        Buffer.from('alice:p@ss-w0rd-1234').toString('base64'),
      ]),
    );
    expect(s).not.toContain('alice');
    expect(proxySecrets('http://only-a-token-0123@proxy.example')).toContain('only-a-token-0123');
    expect(proxySecrets('http://proxy.example:3128')).toEqual([]);
    expect(proxySecrets(undefined)).toEqual([]);
  });
});
