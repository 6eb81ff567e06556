import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4321);
export const baseURL = `http://127.0.0.1:${port}`;
// A fresh database per run: the web server command deletes it before starting. Kept outside
// Playwright's outputDir, which Playwright empties on its own schedule.
export const e2eDataDir = path.resolve('test-results/e2e-data');

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/playwright',
	fullyParallel: false,
	// Two cores: one browser at a time beside the server.
	workers: 1,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL,
		locale: 'vi-VN',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			// Debian's Chromium (`apt-get install chromium`): Playwright downloads no browser here.
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: `rm -rf "${e2eDataDir}" && node build`,
		url: `${baseURL}/login`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: e2eDataDir,
			SOHOA_DEMO: '1',
			DATABASE_URL: '',
			ORIGIN: baseURL
		}
	}
});
