import { describe, expect, it } from 'vitest';
import { readDotenv, setDotenv } from '../../../core/cli-tools/edit/dotenv.js';
import { JsoncError, readJsonc, setIn } from '../../../core/cli-tools/edit/jsonc.js';
import {
  readTomlString,
  scanToml,
  setRootKey,
  setTable,
  TomlError,
  tomlString,
} from '../../../core/cli-tools/edit/toml.js';

describe('JSON / JSONC / JSON5 editor', () => {
  it('creates a file from nothing', () => {
    expect(setIn('', ['env', 'A'], 'x')).toBe('{\n  "env": {\n    "A": "x"\n  }\n}\n');
  });

  it('changes one value and keeps comments, order and indentation', () => {
    const src = [
      '{',
      '    // my theme',
      '    "theme": "dark", /* why */',
      '    "env": {',
      '        "KEEP": "1", // mine',
      '        "A": "old"',
      '    }',
      '}',
      '',
    ].join('\n');
    const out = setIn(src, ['env', 'A'], 'new');
    expect(out).toBe(src.replace('"old"', '"new"'));
    const added = setIn(out, ['env', 'B'], 'b');
    expect(added).toContain('        "A": "new",\n        "B": "b"\n    }');
    expect(added).toContain('// my theme');
    expect(added).toContain('"KEEP": "1", // mine');
    expect(readJsonc(added)).toEqual({ theme: 'dark', env: { KEEP: '1', A: 'new', B: 'b' } });
  });

  it('adds after a trailing comment without swallowing it', () => {
    const out = setIn('{\n  "a": 1 // note\n}\n', ['b'], 2);
    expect(out).toBe('{\n  "a": 1, // note\n  "b": 2\n}\n');
  });

  it('keeps JSON5: unquoted keys, single quotes, trailing commas', () => {
    const src = "{\n  // json5\n  gateway: { port: 18789, },\n  models: {\n    mode: 'merge',\n  },\n}\n";
    const out = setIn(src, ['models', 'providers', 'x'], { baseUrl: 'u' });
    expect(out).toContain(
      'mode: \'merge\',\n    "providers": {\n      "x": {\n        "baseUrl": "u"\n      }\n    },\n  },',
    );
    expect(out).toContain('gateway: { port: 18789, },');
    expect(readJsonc(out)).toEqual({
      gateway: { port: 18789 },
      models: { mode: 'merge', providers: { x: { baseUrl: 'u' } } },
    });
  });

  it('keeps single quotes on a JSON5 string it replaces', () => {
    const out = setIn("{ model: { primary: 'a/b' } }", ['model', 'primary'], "it's/x");
    expect(out).toBe("{ model: { primary: 'it\\'s/x' } }");
    expect(readJsonc(out)).toEqual({ model: { primary: "it's/x" } });
  });

  it('fills empty objects and one-line objects', () => {
    expect(setIn('{"env": {}}', ['env', 'A'], 'x')).toBe('{"env": {\n  "A": "x"\n}}');
    expect(setIn('{"a": {"b": 1}}', ['a', 'c'], 2)).toBe('{"a": {"b": 1, "c": 2}}');
  });

  it('replaces a non-object on the way, leaves an equal value untouched', () => {
    expect(readJsonc(setIn('{"model": "old"}', ['model', 'name'], 'm'))).toEqual({ model: { name: 'm' } });
    const same = '{ "a" : "x" }';
    expect(setIn(same, ['a'], 'x')).toBe(same);
  });

  it('keeps CRLF line endings', () => {
    expect(setIn('{\r\n  "a": 1\r\n}\r\n', ['b'], 2)).toBe('{\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n');
  });

  it('refuses what it cannot read', () => {
    expect(() => setIn('{"a": 1', ['b'], 2)).toThrow(JsoncError);
    expect(() => setIn('[1, 2]', ['b'], 2)).toThrow(JsoncError);
    expect(() => setIn('{"a": /* open', ['b'], 2)).toThrow(JsoncError);
  });
});

describe('TOML editor', () => {
  const src = [
    '# my codex config',
    'model = "o3" # the default',
    'approval_policy = "on-request"',
    'notify = [',
    '  "notify-send", # multi-line array',
    '  "done",',
    ']',
    'instructions = """',
    'model = "not a key"',
    '[not.a.table]',
    '"""',
    '',
    '[mcp_servers.docs]',
    "command = 'npx'",
    'args = ["-y", "docs-mcp"]',
    'env = { TOKEN = "t", N = 1 }',
    '',
    '[model_providers.other]',
    'name = "Other"',
    'base_url = "https://other.example/v1"',
    '',
  ].join('\n');

  it('scans keys, tables, multi-line strings and arrays', () => {
    const st = scanToml(src);
    expect(st.filter((s) => s.kind === 'table').map((s) => s.path.join('.'))).toEqual([
      'mcp_servers.docs',
      'model_providers.other',
    ]);
    expect(readTomlString(src, [], 'model')).toBe('o3');
    expect(readTomlString(src, ['model_providers', 'other'], 'base_url')).toBe('https://other.example/v1');
  });

  it('replaces a root key in place and inserts new ones after the last root key', () => {
    let out = setRootKey(src, 'model', tomlString('auto'));
    expect(out).toContain('model = "auto" # the default');
    out = setRootKey(out, 'model_provider', tomlString('omniroute'));
    expect(out).toContain(
      'instructions = """\nmodel = "not a key"\n[not.a.table]\n"""\nmodel_provider = "omniroute"\n',
    );
    expect(readTomlString(out, [], 'model_provider')).toBe('omniroute');
  });

  it('adds a table at the end, or updates the keys of an existing one in place', () => {
    const entries: Array<[string, string]> = [
      ['name', tomlString('OmniRoute')],
      ['base_url', tomlString('http://127.0.0.1:1/v1')],
    ];
    const added = setTable(src, ['model_providers', 'omniroute'], entries);
    expect(added).toBe(
      src + '\n[model_providers.omniroute]\nname = "OmniRoute"\nbase_url = "http://127.0.0.1:1/v1"\n',
    );
    const existing =
      src + '[model_providers.omniroute]\nbase_url = "old" # keep me\nrequest_max_retries = 4\n';
    const updated = setTable(existing, ['model_providers', 'omniroute'], entries);
    expect(updated).toContain(
      'base_url = "http://127.0.0.1:1/v1" # keep me\nrequest_max_retries = 4\nname = "OmniRoute"\n',
    );
  });

  it('replaces an inline definition of the table by a [table] section', () => {
    const inline = '[model_providers]\nomniroute = { name = "x", base_url = "old" }\nkeep = { name = "k" }\n';
    const out = setTable(inline, ['model_providers', 'omniroute'], [['base_url', tomlString('new')]]);
    expect(out).toBe(
      '[model_providers]\nkeep = { name = "k" }\n\n[model_providers.omniroute]\nbase_url = "new"\n',
    );
  });

  it('puts root keys before the first table (and its comment) when there are none', () => {
    const out = setRootKey('# providers\n[model_providers.x]\nname = "x"\n', 'model', tomlString('m'));
    expect(out).toBe('model = "m"\n\n# providers\n[model_providers.x]\nname = "x"\n');
  });

  it('escapes strings and refuses broken files', () => {
    expect(tomlString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(() => scanToml('model = "unterminated\n')).toThrow(TomlError);
    expect(() => scanToml('[table\n')).toThrow(TomlError);
    expect(() => scanToml('key value\n')).toThrow(TomlError);
  });
});

describe('.env editor', () => {
  it('rewrites only the variable lines and appends new ones', () => {
    const src = '# mine\nexport OTHER="keep me"\nGEMINI_API_KEY=old # comment\n';
    const out = setDotenv(src, { GEMINI_API_KEY: 'sk-new', GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:1' });
    expect(out).toBe(
      '# mine\nexport OTHER="keep me"\nGEMINI_API_KEY=sk-new\nGOOGLE_GEMINI_BASE_URL=http://127.0.0.1:1\n',
    );
    expect(readDotenv(out)).toEqual({
      OTHER: 'keep me',
      GEMINI_API_KEY: 'sk-new',
      GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:1',
    });
  });

  it('quotes values that need it, keeps export and reads quoted values back', () => {
    const out = setDotenv('export A=1\n', { A: 'has space', B: "it's" });
    expect(out).toBe("export A='has space'\nB=\"it's\"\n");
    expect(readDotenv(out)).toEqual({ A: 'has space', B: "it's" });
    expect(setDotenv('A=1', { A: '1' })).toBe('A=1');
    expect(setDotenv('A=1', { B: '2' })).toBe('A=1\nB=2\n');
  });
});
