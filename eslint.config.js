// Lint, and the architecture's arrows (see README "Code layout"): renderer -> types of app/contract and app/common;
// main -> app; app -> nothing of ours above it, and layers inside it. Only main/ may import electron. A wrong-way import fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls'];

// What app/ may not import (the pure core). A later block's options for a rule replace an earlier block's rather than
// adding to them, so each folder's block below repeats these through appRules().
const CORE_FORBIDDEN_PATHS = [
  { name: 'electron', message: 'app/ is the pure core: only main/ may import electron.' },
  { name: 'react', message: 'app/ is the pure core: no React.' },
  { name: 'react-dom', message: 'app/ is the pure core: no React.' },
  { name: 'zustand', message: 'app/ is the pure core: no UI state.' },
];

// Each arrow: a pattern on what an import names, refused for a static import and for a dynamic import(), which
// no-restricted-imports does not see.
const CORE_ARROWS = [
  { source: '(^|/)main/', message: 'app/ must not import from main/.' },
  { source: '(^|/)renderer/', message: 'app/ must not import from renderer/.' },
  { source: '(^|/)hub/', message: 'app/ must not import the hub: a counter talks to it over HTTP.' },
];

// Layers inside app/: the RM client and the SQLite plumbing know nothing of awards; the sandbox (RM's stand-in) shares
// nothing with the client, so a signing bug cannot be matched by the same bug in its verifier; app/common/ is the
// grammar every room imports, the renderer included.
const RM_ARROWS = [
  {
    source: '(^|/)(awards|store|sandbox)/',
    message: 'app/rm/ is the Revenue Monster client: it knows nothing of awards, the database or the sandbox.',
  },
];
const STORE_ARROWS = [{ source: '(^|/)awards/', message: 'app/store/ is SQLite plumbing: it knows nothing of awards.' }];
// On the specifier as written, since no-restricted-imports does not resolve it: app/sandbox/ is one flat folder, so
// an import stays in bounds when it names a package, starts with ./ or ../common/, and has no .. after its first
// segment (../common/../rm/x and ./../rm/x leave by the back door; an absolute path leaves by the front).
const SANDBOX_ARROWS = [
  {
    source: '^(?!(?:[^./]|\\./|\\.\\./common/))|^[^/]*/(?:.*/)?\\.\\.(?:/|$)',
    message: 'app/sandbox/ shares no code with the rest of Kaunter but app/common/ (above all not app/rm): write what RM does from its documentation, here.',
  },
];
const COMMON_ARROWS = [
  {
    source: `^(\\.\\.(/|$)|node:|(${NODE_BUILTINS.slice(1).join('|')})$)`,
    message: 'app/common/ is the grammar every room imports, the renderer included: nothing from outside its folder, no Node module.',
  },
];

// The contract's handlers call the services; the database belongs to the folders that own its tables: app/awards/ (the
// award record), app/store/ (the plumbing, and the hub link's row) and app/shifts/ (which owns the shifts table, a
// record of its own beside the awards). No other folder runs SQL: app/sync/ replicates the trail through named
// statements in app/awards/ and app/store/, a handler does not even import the database, and the CLI's commands may
// open a database file (that is what a command line does) but run no statement on it.
const HANDLER_ARROWS = [{ source: '(^|/)store/', message: 'A handler calls services; the database belongs to app/awards/ and app/store/.' }];
const SQL_MESSAGE = 'SQL lives in app/awards/, app/shifts/ and app/store/ only: call a named statement there that runs it.';
const NO_SQL = [
  { selector: "CallExpression[callee.property.name=/^(prepare|pragma|transaction)$/]", message: SQL_MESSAGE },
  // app/store/statements.ts's cache of prepared statements is SQL too.
  { selector: "CallExpression[callee.name='prepared']", message: SQL_MESSAGE },
  // exec() is also a RegExp's: refused only on something that names a database.
  { selector: "CallExpression[callee.property.name='exec'][callee.object.name=/^(db|database)$/i]", message: SQL_MESSAGE },
  { selector: "CallExpression[callee.property.name='exec'][callee.object.property.name=/^(db|database)$/i]", message: SQL_MESSAGE },
];
// import() with a computed source would slip past every arrow above, which read the source's text.
const PLAIN_IMPORT = [{ selector: "ImportExpression[source.type!='Literal']", message: 'import() takes a plain string, so the layering rules can read it.' }];

function appRules(arrows, syntax = []) {
  return {
    'no-restricted-imports': ['error', { paths: CORE_FORBIDDEN_PATHS, patterns: arrows.map(({ source, message }) => ({ regex: source, message })) }],
    'no-restricted-syntax': [
      'error',
      ...dynamicImportRules(arrows),
      ...PLAIN_IMPORT,
      ...syntax,
    ],
  };
}

function dynamicImportRules(arrows) {
  return arrows.map(({ source, message }) => ({ selector: `ImportExpression[source.value=/${source.replaceAll('/', '\\/')}/]`, message: `${message} (import() too)` }));
}

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
      ...appRules(CORE_ARROWS, NO_SQL),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location'],
    },
  },
  { files: ['app/awards/**', 'app/shifts/**'], rules: appRules(CORE_ARROWS) },
  { files: ['app/rm/**'], rules: appRules([...CORE_ARROWS, ...RM_ARROWS], NO_SQL) },
  { files: ['app/store/**'], rules: appRules([...CORE_ARROWS, ...STORE_ARROWS]) },
  { files: ['app/sandbox/**'], rules: appRules([...CORE_ARROWS, ...SANDBOX_ARROWS], NO_SQL) },
  { files: ['app/common/**'], rules: appRules([...CORE_ARROWS, ...COMMON_ARROWS], NO_SQL) },
  { files: ['app/handlers/**'], rules: appRules([...CORE_ARROWS, ...HANDLER_ARROWS], NO_SQL) },
  { files: ['app/commands/**'], rules: appRules(CORE_ARROWS, NO_SQL) },
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
            { group: ['**/app/rm/**'], message: 'hub/ never calls Revenue Monster and holds no merchant key: the RM client (app/rm/) is the counters\' alone.' },
            { group: ['**/app/store/database*', '**/app/core/**', '**/app/awards/transitions*', '**/app/awards/outbox*', '**/app/awards/relay*', '**/app/cli*', '**/app/commands/desk*', '**/app/commands/history.ts', '**/app/sync/restore*', '**/app/sync/outgoing*', '**/app/sync/pusher*', '**/app/store/hub-sync*', '**/app/awards/trail*', '**/app/awards/restored-trail*'], message: 'hub/ uses only the core\'s pure modules, not the counter\'s SQLite or its host.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...dynamicImportRules([
          { source: '(^|/)(main|renderer)/', message: 'hub/ must not import from main/ or renderer/.' },
          { source: 'app/(store/(database|hub-sync)|core/|awards/(transitions|outbox|relay|trail|restored-trail)|cli|commands/|sync/(restore|outgoing|pusher))', message: 'hub/ uses only the core\'s pure modules.' },
        ]),
        ...PLAIN_IMPORT,
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
      'no-restricted-syntax': ['error', ...dynamicImportRules([{ source: '(^|/)renderer/', message: 'main/ must not import from renderer/.' }]), ...PLAIN_IMPORT],
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
              regex: '(^|/)app/(?!contract\\.ts$|common/)',
              message: 'The renderer takes types from app/contract.ts and values from app/common/ (the shared grammar) only; everything else goes through window.kaunter.',
            },
            {
              group: ['**/app/contract.ts'],
              allowTypeImports: true,
              message: 'The renderer takes only types from the contract; the core is reached through window.kaunter.',
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
      'no-restricted-syntax': [
        'error',
        ...dynamicImportRules([
          { source: '(^|/)app/(?!common/)', message: 'The renderer reaches the core through window.kaunter; import() loads values, so only app/common/.' },
          { source: '(^|/)(main|hub)/', message: 'The renderer must not load main/ or hub/.' },
          { source: `^(node:|(${NODE_BUILTINS.slice(1).join('|')})$)`, message: 'The renderer runs in a sandboxed browser: no Node modules.' },
        ]),
        ...PLAIN_IMPORT,
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
