import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const frameworkImports = {
	patterns: [
		{
			group: ['svelte', 'svelte/*', '@sveltejs/*', '$app/*', '$env/*'],
			message: 'Domain code stays framework-free.'
		},
		{
			group: ['$lib/server/*', '**/server/*', '**/server'],
			message: 'Domain code must not reach into server code.'
		}
	]
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'bench-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// The app is always served at the site root (no `paths.base`), so plain hrefs are exact.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte.ts'],
		ignores: ['eslint.config.js', 'svelte.config.js'],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The pure core: OCR, verification, registers, text, dates, ids, i18n, auth rules, export rules.
		files: [
			'src/lib/ocr/**',
			'src/lib/verify/**',
			'src/lib/registers/**',
			'src/lib/text/**',
			'src/lib/dates/**',
			'src/lib/ids/**',
			'src/lib/i18n/**',
			'src/lib/auth/**',
			'src/lib/synth/**',
			'src/lib/export/**'
		],
		rules: { 'no-restricted-imports': ['error', frameworkImports] }
	}
);
