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
  { group: ['**/hub/**', '../hub', '../../hub'], message: 'app/ must not import the hub: a counter talks to it over HTTP.' },
];
// A dynamic import() of the hub is refused the same way.
const CORE_FORBIDDEN_SYNTAX = ['error', { selector: "ImportExpression[source.value=/(^|\\/)hub\\//]", message: 'app/ must not load the hub: a counter talks to it over HTTP.' }];

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
      'no-restricted-syntax': CORE_FORBIDDEN_SYNTAX,
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
    // The launcher, not the core: it picks the hub's program for `kaunter hub ...` (see app/kaunter.mjs).
    files: ['app/kaunter.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The hub uses the core's pure modules; never Electron, the desktop host or the UI's code at run time (the UI is
    // built once and served as files).
    files: ['hub/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The hub is a server: no Electron.' },
            { name: 'react', message: 'The hub serves the built UI; it does not run React.' },
            { name: 'react-dom', message: 'The hub serves the built UI; it does not run React.' },
            { name: 'better-sqlite3', message: 'The hub keeps its records in PostgreSQL.' },
          ],
          patterns: [
            { group: ['**/main/**', '../main', '../../main'], message: 'hub/ must not import from main/ (the desktop host).' },
            { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'hub/ must not import from renderer/: it serves the built UI.' },
            { group: ['**/app/store/database*', '**/app/core/**', '**/app/awards/transitions*', '**/app/awards/outbox*', '**/app/awards/relay*', '**/app/cli*', '**/app/commands/desk*', '**/app/commands/history.ts', '**/app/sync/restore*', '**/app/sync/outgoing*', '**/app/sync/pusher*'], message: 'hub/ uses only the core\'s pure modules, not the counter\'s SQLite or its host.' },
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
    files: ['main/browser-host/page/bridge.ts', 'main/browser-host/page/display-bridge.ts', 'test/fixtures/bridge-page/**'],
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
            {
              group: ['**/hub/**', '!**/renderer/hub/**', '!./hub/**'],
              allowTypeImports: true,
              message: 'The head-office page may import only types from hub/ (its HTTP answers); it talks to the hub over HTTP.',
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
