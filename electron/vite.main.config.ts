// Forge/Vite build of the main process (used by `npm run make`, not by `npm start`).
// ESM output (the package is "type": "module", Electron ≥ 28 loads ESM main scripts); the core
// is bundled in from ../core (imports of '../core/index.js' resolve to the TypeScript sources),
// while runtime dependencies stay external and ship in node_modules — better-sqlite3 has to,
// being native (rebuilt for Electron by Forge and unpacked from the asar).
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const external = Object.keys(pkg.dependencies).map((d) => new RegExp(`^${escape(d)}(/.*)?$`));

export default defineConfig({
  build: {
    target: 'node22',
    sourcemap: true,
    lib: { entry: 'electron/main.ts', formats: ['es'], fileName: () => '[name].js' },
    rollupOptions: { external },
  },
});
