// Forge/Vite build of the preload: one CommonJS file (sandboxed preloads cannot be ESM or
// require siblings), named preload.cjs like the tsc output main.ts expects next to it.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    sourcemap: true,
    rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
  },
});
