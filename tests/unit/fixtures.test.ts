import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ROOT, manifest } from '../helpers/fixtures.js';

describe('upstream fixtures', () => {
  it('are the real captures listed in MANIFEST.json, unmodified (sha256)', () => {
    const entries = manifest();
    expect(entries.length).toBe(37);
    for (const e of entries) {
      const sha = createHash('sha256')
        .update(readFileSync(path.join(FIXTURE_ROOT, e.file)))
        .digest('hex');
      expect(sha, e.file).toBe(e.sha256);
    }
  });
});
