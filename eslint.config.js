import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NOT_THE_PIPELINE =
  'services/ and dashboard/ do not import the pipeline: shared logic lives in @wijksignaal/domain (or @wijksignaal/areas).';
const DOMAIN_IS_PURE =
  'domain/ does no I/O: the pipeline and the API run queries, read files and talk to Kafka or HTTP, and hand domain functions plain values.';
const DOMAIN_DEPENDS_ON_CONTRACTS =
  'domain/ depends on @wijksignaal/contracts only: the pipeline and the services depend on it, never the other way round.';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', 'dashboard/build/', '**/.svelte-kit/', '.data/', 'test-results/', '**/.kafka/', '**/*.tmp.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The read side never reaches into the write side: what both need lives in domain/ (pure rules) or
    // areas/ (the area registry), so the API, simulator and dashboard do not depend on the pipeline.
    files: ['services/**', 'dashboard/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@wijksignaal/pipelines', '@wijksignaal/pipelines/*'],
              message: NOT_THE_PIPELINE,
            },
            {
              regex: '^\\.{1,2}/(.*/)?pipelines/',
              message: NOT_THE_PIPELINE,
            },
          ],
        },
      ],
    },
  },
  {
    // domain/ is what both processes share, so it stays pure: no I/O and nothing from the processes.
    files: ['domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@duckdb/*',
                'kafkajs',
                'hono',
                'hono/*',
                '@hono/*',
                'node:fs',
                'node:fs/promises',
                'node:net',
                'node:http',
                'fs',
                'fs/promises',
                'net',
                'http',
              ],
              message: DOMAIN_IS_PURE,
            },
            {
              group: [
                '@wijksignaal/pipelines',
                '@wijksignaal/pipelines/*',
                '@wijksignaal/api',
                '@wijksignaal/api/*',
                '@wijksignaal/simulator/*',
                '@wijksignaal/launcher/*',
                '@wijksignaal/kafka-local/*',
                '@wijksignaal/areas/*',
                '@wijksignaal/dashboard/*',
              ],
              message: DOMAIN_DEPENDS_ON_CONTRACTS,
            },
            {
              regex: '^\\.{1,2}/(.*/)?(pipelines|services|areas|dashboard)/',
              message: DOMAIN_DEPENDS_ON_CONTRACTS,
            },
          ],
        },
      ],
    },
  },
);
