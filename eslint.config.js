// Lint, and the architecture's arrows (see README "Code layout"): renderer -> types of app/contract; main -> app;
// app -> nothing of ours above it. Only main/ may import electron. A wrong-way import fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls'];

// What app/ may not import (the pure core): shared by the app/ block and the stricter app/sandbox/ block below, because
// a later block's options for a rule replace an earlier block's rather than adding to them.
const CORE_FORBIDDEN_PATHS = [
  { name: 'electron', message: 'app/ is the pure core: only main/ may import electron.' },
  { name: 'react', message: 'app/ is the pure core: no React.' },
  { name: 'react-dom', message: 'app/ is the pure core: no React.' },
  { name: 'zustand', message: 'app/ is the pure core: no UI state.' },
];
const CORE_FORBIDDEN_PATTERNS = [
  { group: ['**/main/**', '../main', '../../main'], message: 'app/ must not import from main/.' },
  { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'app/ must not import from renderer/.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-output/', '.kaunter-dev/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['app/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: CORE_FORBIDDEN_PATHS, patterns: CORE_FORBIDDEN_PATTERNS }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location'],
    },
  },
  {
    // The sandbox is Revenue Monster's stand-in and every integration test's peer. It imports nothing of Kaunter's
    // outside its own folder (above all nothing of app/rm, directly or through another module), so a bug in the
    // client's signing cannot be matched by the same bug in the sandbox's verifier and pass unseen.
    files: ['app/sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: CORE_FORBIDDEN_PATHS,
          patterns: [
            ...CORE_FORBIDDEN_PATTERNS,
            {
              group: ['../**', '..'],
              message: 'app/sandbox/ shares no code with the rest of Kaunter (above all app/rm): write what RM does from its documentation, here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'main/ must not import from renderer/.' }] },
      ],
    },
  },
  {
    // The browser host's bridge runs in the page (it is that host's preload).
    files: ['main/browser-host/page/bridge.ts', 'test/fixtures/bridge-page/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.kaunter.' }],
          patterns: [
            {
              group: ['**/app/**', '../app', '../../app'],
              allowTypeImports: true,
              message: 'The renderer may import only types from app/ (the contract); everything else goes through window.kaunter.',
            },
            { group: ['**/main/**'], message: 'The renderer must not import from main/.' },
            { group: NODE_BUILTINS, message: 'The renderer runs in a sandboxed browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'build/**', '*.js', '*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/ may import electron.' }] },
      ],
    },
  },
);
