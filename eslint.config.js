import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import path from 'node:path';

// Dependency direction is enforced here: shared/ imports nothing platform-specific, the renderer
// never reaches into electron/, and electron/core never imports Electron itself.
const noPlatformInShared = {
  patterns: [
    { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'shared/ is pure TypeScript: no Node modules.' },
    {
      group: ['electron', 'exceljs', 'sqlite3', 'kysely', 'react', 'react-dom', '@mui/*'],
      message: 'shared/ is pure TypeScript: no platform packages.',
    },
    { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import electron/ or renderer/.' },
  ],
};

// The main side's house rules (issue #12): electron/core/features/<name>/ reach each other only through a
// feature's index.ts, and electron/core/platform/ never reaches into a feature. Resolved on the file
// system, so it holds for every relative spelling of an import.
const FEATURES = path.join(import.meta.dirname, 'electron/core/features') + path.sep;
const PLATFORM = path.join(import.meta.dirname, 'electron/core/platform') + path.sep;
const DOOR_GLUE = ['dispatch', 'handlers', 'session-door'].map((name) => path.join(import.meta.dirname, 'electron/core', name));
const featureOf = (file) => (file.startsWith(FEATURES) ? file.slice(FEATURES.length).split(path.sep)[0] : null);
const houseRules = {
  rules: {
    'feature-boundaries': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = context.filename;
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = path.resolve(path.dirname(from), spec);
          if (featureOf(from) && DOOR_GLUE.includes(target)) {
            // A feature that reached the dispatcher would close an import cycle through handlers.ts
            // (its own handler map is read before it is initialised).
            context.report({ node, message: 'A feature must not import the dispatcher, the handler registry or the session door.' });
            return;
          }
          const targetFeature = featureOf(target + path.sep) ?? featureOf(target);
          if (!targetFeature) return;
          if (from.startsWith(PLATFORM)) {
            context.report({ node, message: `platform/ must not import a feature (${targetFeature}); invert the dependency.` });
            return;
          }
          if (featureOf(from) === targetFeature) return;
          const index = path.join(FEATURES, targetFeature);
          if (target !== index && target !== path.join(index, 'index')) {
            context.report({ node, message: `Import the ${targetFeature} feature through its index.ts, not its inner files.` });
          }
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
    // Issue #12: SQL lives in `*.repository.ts` (and migrations, and platform/db, the data layer itself);
    // services keep the rules and own the transactions. Which files are exempt is decided where the rule
    // is switched on below, so this only recognises a query: a Kysely query builder or a raw sql`` tag.
    'sql-in-repositories': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const QUERY_STARTS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
        const report = (node, what) =>
          context.report({ node, message: `${what} belongs in a *.repository.ts: move the query there and call it from here.` });
        return {
          CallExpression(node) {
            const callee = node.callee;
            if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && QUERY_STARTS.has(callee.property.name)) {
              report(node, `.${callee.property.name}()`);
            }
          },
          TaggedTemplateExpression(node) {
            const tag = node.tag.type === 'MemberExpression' ? node.tag.object : node.tag;
            if (tag.type === 'Identifier' && tag.name === 'sql') report(node, 'Raw sql``');
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      // Sanitising user text means matching control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // ExcelJS's streaming reader corrupts Chinese text unless loaded through our fixed wrapper.
    files: ['electron/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['electron/core/platform/io/excel/exceljs.ts', 'electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'exceljs',
              allowTypeImports: true,
              message: 'Import ExcelJS from electron/core/platform/io/excel/exceljs (fixes its UTF-8 chunk bug).',
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its error (and, in a handler, its transaction order).
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', noPlatformInShared] } },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', 'electron', 'sqlite3', 'kysely', 'node:*'],
              message: 'The renderer talks to the main side only through the contract (renderer/src/api).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload may import Electron.' },
            {
              name: 'exceljs',
              allowTypeImports: true,
              message: 'Import ExcelJS from electron/core/platform/io/excel/exceljs (fixes its UTF-8 chunk bug).',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    plugins: { house: houseRules },
    rules: { 'house/feature-boundaries': 'error' },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['**/*.repository.ts', 'electron/core/platform/db/**'],
    rules: { 'house/sql-in-repositories': 'error' },
  },
);
