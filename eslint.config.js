// ESLint with typescript-eslint's type-checked rules; formatting is Prettier's (its config turns
// off the rules that would fight it). `npm test` runs it with --max-warnings 0.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.tools/',
      'data/',
      'coverage/',
      'scripts/bootstrap.mjs',
      'scripts/start.mjs',
      'scripts/test.mjs',
      'eslint.config.js',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'warn',
    },
  },
  prettier,
);
