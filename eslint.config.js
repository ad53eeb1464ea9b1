// ESLint: typescript-eslint with type information, plus the import boundaries of docs/STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tmp/', 'test-results/', 'data/', 'scripts/', 'bin/', 'eslint.config.js', 'postcss.config.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'off', // migrations take Kysely<any> by design (they never import app types)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'all'],
    },
  },
  {
    // Tests read JSON responses (any) and poke at results; the unsafe-any family adds noise there.
    files: ['**/*.test.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Fastify plugins are async by contract even when they only register routes.
    files: ['src/server/**/*.routes.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**', '**/shared/**', 'kysely', 'fastify', 'node:fs', 'node:fs/*'], message: 'The domain is pure: no IO, no server or web code.' }] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass time in.' }, { object: 'Math', property: 'random', message: 'Pass randomness in.' }],
    },
  },
  {
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', 'kysely', 'fastify'], message: 'The web app talks to the server over HTTP only.' }] }] },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['src/server/modules/**/*.repository.ts', 'src/server/modules/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['kysely'], allowTypeImports: true, message: 'Only repositories, db/ and audit/ use Kysely.' }] }] },
  },
);
