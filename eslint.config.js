import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

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
    ignores: ['electron/core/io/excel/exceljs.ts', 'electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'exceljs',
              allowTypeImports: true,
              message: 'Import ExcelJS from electron/core/io/excel/exceljs (fixes its UTF-8 chunk bug).',
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
              message: 'Import ExcelJS from electron/core/io/excel/exceljs (fixes its UTF-8 chunk bug).',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import the renderer.' }],
        },
      ],
    },
  },
);
