import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../core/config/schema.js';
import { ROOT } from '../../helpers/spawn.js';

describe('docs/config.schema.json', () => {
  it('is the schema the code validates with (regenerate: node scripts/gen-schema.mjs)', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'config.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });

  it('documents every top-level key and setting in docs/config.md', () => {
    const md = readFileSync(path.join(ROOT, 'docs', 'config.md'), 'utf8');
    const schema = configJsonSchema() as any;
    for (const key of Object.keys(schema.properties).filter((k) => k !== '$schema'))
      expect(md).toContain(`\`${key}\``);
    for (const key of Object.keys(schema.properties.settings.properties)) expect(md).toContain(`\`${key}\``);
    for (const key of Object.keys(schema.properties.providers.items.properties))
      expect(md).toContain(`\`${key}\``);
  });
});
