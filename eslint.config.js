// ESLint with typescript-eslint's type-checked rules; formatting is Prettier's (its config turns
// off the rules that would fight it). `npm test` runs it with --max-warnings 0.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', 'data/', 'scripts/*.mjs', 'eslint.config.js', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A type says what may be missing; `!` hides it.
      '@typescript-eslint/no-non-null-assertion': 'error',
      // `_` names what a destructuring or a signature leaves out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Promise-returning implementations of interfaces (payload codecs, the identity provider's adapter) are `async` without awaiting.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON answers of the API as they come (`any`), and assert on what they just found.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
