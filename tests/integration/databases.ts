import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createServices, type Services } from '../../src/lib/server/container';
import { readEnv, type Env, type StorageSettings } from '../../src/lib/server/env';

export type DatabaseKind = 'sqlite' | 'postgres';

/** A clock the tests move by hand (session expiry, throttle windows); starts at real time. */
export class TestClock {
	#offsetMs = 0;
	now = (): Date => new Date(Date.now() + this.#offsetMs);
	advance(ms: number): void {
		this.#offsetMs += ms;
	}
	reset(): void {
		this.#offsetMs = 0;
	}
}

/** What a suite gets: filled in by `beforeAll`, so read it inside tests and hooks only. */
export interface DatabaseContext {
	kind: DatabaseKind;
	services: Services;
	env: Env;
	dataDir: string;
	clock: TestClock;
	/** PostgreSQL only: the suite's own schema. */
	pgSchema?: string;
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL?.trim() || null;
const inCi = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
let notedSkip = false;

/**
 * Services on a fresh database of the given kind, for tests that manage their own lifetime; blobs
 * under DATA_DIR unless `storage` says otherwise.
 */
export async function openTestDatabase(
	kind: DatabaseKind,
	storage: StorageSettings = { kind: 'fs' }
): Promise<DatabaseContext> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sohoa-${kind}-`));
	const clock = new TestClock();
	if (kind === 'sqlite') {
		const env = { ...testEnv(dataDir, null), storage };
		const services = await createServices({ env, now: clock.now });
		return { kind, services, env, dataDir, clock };
	}
	if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
	const pgSchema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
	const client = new pg.Client({ connectionString: testDatabaseUrl });
	await client.connect();
	try {
		await client.query(`CREATE SCHEMA ${pgSchema}`);
	} finally {
		await client.end();
	}
	const env = { ...testEnv(dataDir, testDatabaseUrl), storage };
	const services = await createServices({ env, now: clock.now, pgSchema });
	return { kind, services, env, dataDir, clock, pgSchema };
}

export async function closeTestDatabase(ctx: DatabaseContext | undefined): Promise<void> {
	if (!ctx) return;
	await ctx.services.database.close();
	if (ctx.pgSchema && testDatabaseUrl) {
		const client = new pg.Client({ connectionString: testDatabaseUrl });
		await client.connect();
		try {
			await client.query(`DROP SCHEMA IF EXISTS ${ctx.pgSchema} CASCADE`);
		} finally {
			await client.end();
		}
	}
	fs.rmSync(ctx.dataDir, { recursive: true, force: true });
}

/** The settings a test's services run with: read by the product's own `readEnv`, no demo, no job runner. */
export function testEnv(dataDir: string, databaseUrl: string | null): Env {
	return readEnv({
		DATA_DIR: dataDir,
		DATABASE_URL: databaseUrl ?? '',
		SOHOA_DEMO: '0',
		SOHOA_WORKERS: '0'
	});
}

/**
 * Runs the same describe block against a fresh SQLite database and, when TEST_DATABASE_URL is set,
 * against PostgreSQL in a schema of its own. In CI a missing TEST_DATABASE_URL fails the run: the
 * PostgreSQL half must never be skipped silently there.
 */
export function forEachDatabase(
	name: string,
	fn: (db: DatabaseContext) => void,
	/** Read when the suite starts (after the file's own beforeAll hooks, e.g. an S3 emulator's). */
	storage?: () => StorageSettings
): void {
	for (const kind of ['sqlite', 'postgres'] as const) {
		if (kind === 'postgres' && !testDatabaseUrl) {
			if (inCi) {
				describe(`${name} [postgres]`, () => {
					it('needs TEST_DATABASE_URL in CI', () => {
						throw new Error(
							'TEST_DATABASE_URL is not set: CI must run every database test on PostgreSQL too (.ci/run sets it)'
						);
					});
				});
			} else {
				if (!notedSkip) {
					notedSkip = true;
					console.warn(
						'NOTE: TEST_DATABASE_URL is not set; the PostgreSQL half of the database tests is skipped'
					);
				}
				describe.skip(`${name} [postgres: TEST_DATABASE_URL not set]`, () => {
					it('runs on PostgreSQL', () => {});
				});
			}
			continue;
		}
		describe(`${name} [${kind}]`, () => {
			// The context object is handed out now and filled before the first test runs.
			const ctx = { kind } as DatabaseContext;
			beforeAll(async () => {
				Object.assign(ctx, await openTestDatabase(kind, storage?.()));
			});
			afterAll(async () => {
				if (ctx.services) await closeTestDatabase(ctx);
			});
			fn(ctx);
		});
	}
}
