// typescript-eslint's recommended rules, unused variables as errors, and nothing
// about formatting (eslint-config-prettier: Prettier owns layout, see .prettierrc.json).
// Unused exports are found by knip (knip.json); `npm run lint` runs both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench/**', '.vscode-test/**', 'test/e2e/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Loaded by the VS Code test host: mocha comes from node_modules at run time, and
    // the suites must register after the 'pre-require' event, hence require().
    files: ['test/vscode/suite/index.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // A module-level pattern with the g or y flag keeps lastIndex between calls:
    // read it with matchAll (or make it local), never by resetting lastIndex.
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='lastIndex'][left.object.type='Identifier'][left.object.name=/^[A-Z][A-Z0-9_]*$/]",
          message: 'Module-level regular expressions with the g flag must not be stepped through lastIndex: use String.prototype.matchAll or a local RegExp.',
        },
      ],
    },
  },
  prettier,
);
