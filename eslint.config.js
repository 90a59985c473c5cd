import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'out',
      'coverage',
      'tests/fixtures',
      'renderer/dist',
      '.native',
      '.scratch',
      '.agents',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'core/ never imports electron' }] },
      ],
    },
  },
  {
    // The dashboard runs in a browser (Chromium / the Electron window), not in Node.
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        location: 'readonly',
        history: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        EventSource: 'readonly',
        MessageEvent: 'readonly',
        Event: 'readonly',
        HTMLElement: 'readonly',
        HTMLLIElement: 'readonly',
        HTMLInputElement: 'readonly',
        URLSearchParams: 'readonly',
        Intl: 'readonly',
        RequestInit: 'readonly',
        PerformanceResourceTiming: 'readonly',
      },
    },
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'the dashboard runs in a browser' },
        { name: 'Buffer', message: 'the dashboard runs in a browser' },
      ],
    },
  },
);
