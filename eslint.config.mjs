import nx from '@nx/eslint-plugin';

/**
 * Module boundaries follow ../shared/ARCHITECTURE.md:
 *   graph, templates (pure)  <-  engine  <-  server (data access)  <-  apps
 * and the web app imports only the pure libs (and ui). A wrong import fails lint.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'tmp', 'data', '**/vite.config.*.timestamp*'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.cts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:pure', 'type:engine'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['type:pure', 'type:ui'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['type:pure', 'type:engine', 'type:data-access'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['type:pure', 'type:data-access'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'],
    // Lets consistent-type-imports keep value imports of classes that decorator metadata needs (Nest DI).
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Bundled Nest code emits decorator metadata file by file: a type imported as a value
      // becomes a reference to an export that does not exist at run time.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  {
    // Tool configuration files load the shared presets by path.
    files: ['**/*.cjs', '**/*.cts', '**/jest.config.*', '**/vite.config.*'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@nx/enforce-module-boundaries': 'off' },
  },
];
