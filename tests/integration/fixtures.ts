import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import type { Services } from '../../src/lib/server/container';
import type { SessionUser } from '../../src/lib/server/auth/session-service';
import type { Role } from '../../src/lib/auth/roles';
import type { EntryState } from '../../src/lib/verify/entry-lifecycle';
import { expect } from 'vitest';
import { fieldKeys } from '../../src/lib/registers/index';
import { AppError } from '../../src/lib/server/errors';

/** Test data written straight into the tables (the import pipeline is not needed for these tests). */

export const TAN_LAP = '24121';
export const BUON_MA_THUOT = '24133';
export const DAK_LAK = '66';

let counter = 0;
const unique = (prefix: string) =>
	`${prefix}${(++counter).toString(36)}${randomBytes(3).toString('hex')}`;

export interface TestUser extends SessionUser {
	password: string;
}

/** A real user (hashed password, unit link, audit row) through the user service. */
export async function addUser(s: Services, role: Role, unit: string): Promise<TestUser> {
	const username = unique(`${role}.`);
	const password = randomBytes(12).toString('base64url');
	const u = await s.users.add({ username, role, units: [unit], password }, null);
	return {
		id: u.id,
		username: u.username,
		displayName: u.displayName,
		role: u.role,
		locale: 'vi',
		units: u.units,
		password
	};
}

export async function createBook(db: Kysely<DB>, unit: string, registerType = 'birth') {
	const id = randomUUID();
	const at = new Date().toISOString();
	await db
		.insertInto('book')
		.values({
			id,
			unit_code: unit,
			register_type: registerType,
			book_number: unique('Q'),
			year: 2008,
			title: `Sổ đăng ký khai sinh ${unit}`,
			expected_entries: 10,
			template_id: null,
			created_at: at,
			created_by: null
		})
		.execute();
	return { id, unit };
}

export interface EntryOptions {
	state?: EntryState;
	version?: number;
	fields?: Record<string, string>;
	transcribedBy?: string | null;
	lastEditedBy?: string | null;
	submittedBy?: string | null;
}

let seq = 0;

/** One entry of a book with OCR-like prefilled fields. */
export async function createEntry(
	db: Kysely<DB>,
	book: { id: string; unit: string },
	o: EntryOptions = {}
): Promise<string> {
	const id = randomUUID();
	const at = new Date().toISOString();
	await db
		.insertInto('entry')
		.values({
			id,
			book_id: book.id,
			unit_code: book.unit,
			register_type: 'birth',
			page_id: null,
			seq: ++seq,
			region: null,
			state: o.state ?? 'prefilled',
			version: o.version ?? 1,
			transcribed_by: o.transcribedBy ?? null,
			last_edited_by: o.lastEditedBy ?? null,
			submitted_by: o.submittedBy ?? null,
			approved_by: null,
			return_reason: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	const fields = Object.entries(o.fields ?? {});
	if (fields.length) {
		await db
			.insertInto('entry_field')
			.values(
				fields.map(([key, value]) => ({
					entry_id: id,
					key,
					value,
					normalized_override: null,
					ocr_value: value,
					ocr_confidence: 0.9,
					flag: null,
					bbox: null,
					updated_at: at,
					updated_by: null
				}))
			)
			.execute();
	}
	return id;
}

export async function auditCount(db: Kysely<DB>): Promise<number> {
	const r = await db
		.selectFrom('audit_log')
		.select(db.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function entryRow(db: Kysely<DB>, id: string) {
	return db.selectFrom('entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A text field of the birth register to edit: the child's full name when the schema has it. */
export function nameField(): string {
	const keys = fieldKeys('birth');
	if (keys.length === 0) throw new Error('the birth register has no fields');
	return keys.includes('nksHoTen') ? 'nksHoTen' : keys[0]!;
}

/** The service refusal a promise ends in (fails the test when it resolves or throws anything else). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e, 'expected a refusal').toBeInstanceOf(AppError);
	return e as AppError;
}
