import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	ssr: {
		// Native and wasm-heavy packages stay as runtime imports in the server bundle.
		external: [
			'better-sqlite3',
			'pg',
			'sharp',
			'@napi-rs/canvas',
			'tesseract.js',
			'@node-rs/argon2'
		]
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
