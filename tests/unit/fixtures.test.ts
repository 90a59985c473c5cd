import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSTRUCTED_ROOT, corruptAnthropicStreams } from '../helpers/corrupt-streams.js';
import { FIXTURE_ROOT, loadChunkLines, manifest } from '../helpers/fixtures.js';

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

describe('constructed fixtures', () => {
  it('are made only of lines of the real captures (reordered, dropped or repeated, never edited)', () => {
    const real = new Set(
      manifest()
        .filter((e) => e.file.endsWith('.chunks.txt'))
        .flatMap((e) => loadChunkLines(e.file)),
    );
    const streams = corruptAnthropicStreams();
    expect(streams.map((s) => s.file).sort()).toEqual(
      readdirSync(path.join(CONSTRUCTED_ROOT, 'anthropic'))
        .map((f) => `anthropic/${f}`)
        .sort(),
    );
    for (const s of streams) {
      expect(s.lines.length, s.file).toBeGreaterThan(5);
      for (const line of s.lines) expect(real.has(line), `${s.file}: ${line.slice(0, 80)}`).toBe(true);
    }
  });
});
