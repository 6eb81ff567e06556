import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import type { Services } from '../../src/lib/server/container';
import { generateEntries } from '../../src/lib/synth/index';

/**
 * The load run's data: one book of prefilled birth entries per clerk (so a clerk owns every entry
 * they touch), the clerks themselves, and books of scanned pages for the OCR workers.
 */

const root = process.cwd();

export interface SeededClerk {
	username: string;
	password: string;
	bookId: string;
	firstEntry: string;
	entryIds: string[];
}

/** Runs `sohoa …` against the run's database; throws with its stderr on failure. */
export function sohoa(env: NodeJS.ProcessEnv, args: string[]): string {
	const r = spawnSync(process.execPath, [path.join(root, 'bin', 'sohoa.js'), ...args], {
		cwd: root,
		env,
		encoding: 'utf8',
		maxBuffer: 64 * 2 ** 20
	});
	if (r.status !== 0) throw new Error(`sohoa ${args[0]} failed (${r.status}): ${r.stderr}`);
	return r.stdout;
}

async function insertInBatches<T extends keyof DB & string>(
	db: Kysely<DB>,
	table: T,
	rows: Record<string, unknown>[],
	size: number
): Promise<void> {
	for (let i = 0; i < rows.length; i += size) {
		// The row shapes are the table's own (built just above); Kysely's generic insert type is not
		// expressible over a table parameter.
		await db
			.insertInto(table)
			.values(rows.slice(i, i + size) as never)
			.execute();
	}
}

/** A book of `count` prefilled entries, every field written as OCR would have left it. */
async function addBook(
	db: Kysely<DB>,
	unit: string,
	number: number,
	count: number
): Promise<{ bookId: string; entryIds: string[] }> {
	const at = new Date().toISOString();
	const bookId = randomUUID();
	await db
		.insertInto('book')
		.values({
			id: bookId,
			unit_code: unit,
			register_type: 'birth',
			book_number: `${String(number).padStart(2, '0')}/2008`,
			year: 2008,
			title: 'Sổ đăng ký khai sinh',
			expected_entries: count,
			template_id: null,
			created_at: at,
			created_by: null
		})
		.execute();
	const synth = generateEntries({
		type: 'birth',
		count,
		year: 2008,
		bookNumber: number,
		seed: 'load'
	});
	const entries = synth.map((_, i) => ({
		id: randomUUID(),
		book_id: bookId,
		unit_code: unit,
		register_type: 'birth',
		page_id: null,
		seq: i + 1,
		region: null,
		state: 'prefilled',
		version: 1,
		transcribed_by: null,
		last_edited_by: null,
		submitted_by: null,
		approved_by: null,
		return_reason: null,
		return_code: null,
		created_at: at,
		updated_at: at
	}));
	const fields = synth.flatMap((e, i) =>
		Object.entries(e.fields).map(([key, value]) => ({
			entry_id: entries[i]!.id,
			key,
			value,
			normalized_override: null,
			ocr_value: value,
			ocr_confidence: 0.9,
			ocr_issues: null,
			flag: null,
			bbox: null,
			updated_at: at,
			updated_by: null
		}))
	);
	await db.transaction().execute(async (trx) => {
		await insertInBatches(trx, 'entry', entries, 500);
		await insertInBatches(trx, 'entry_field', fields, 1000);
	});
	return { bookId, entryIds: entries.map((e) => e.id) };
}

/** Clerks (made through the user service, as `sohoa user add` does), each with their own book. */
export async function seedClerks(
	s: Services,
	opts: { unit: string; clerks: number; entriesPerClerk: number; prefix: string }
): Promise<SeededClerk[]> {
	const out: SeededClerk[] = [];
	for (let c = 1; c <= opts.clerks; c++) {
		const username = `${opts.prefix}${c}`;
		const password = `pw-${randomUUID()}`;
		await s.users.add({ username, role: 'clerk', units: [opts.unit], password }, null);
		const { bookId, entryIds } = await addBook(s.database.db, opts.unit, c, opts.entriesPerClerk);
		out.push({ username, password, bookId, firstEntry: entryIds[0]!, entryIds });
	}
	return out;
}

/**
 * Scanned pages for the OCR books: a few generated register pages (kept between runs under
 * bench-results/), each stored as scanners deliver them (JPEG q85, as the demo does) in slightly
 * different brightness per copy, so every page is a different image that OCR reads in full (the
 * OCR cache is keyed by the image's hash).
 */
export async function scanFiles(outDir: string, books: number, pagesPerBook: number) {
	const cache = path.join(root, 'bench-results', 'load-pages');
	const generated = () =>
		fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => f.endsWith('.png')) : [];
	if (generated().length < 8) {
		const r = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'scripts/gen-pages.ts',
				'--out',
				cache,
				'--pages',
				'8',
				'--preset',
				'faded'
			],
			{ cwd: root, encoding: 'utf8' }
		);
		if (r.status !== 0) throw new Error(`gen-pages failed: ${r.stderr}`);
	}
	const bases = generated()
		.sort()
		.map((f) => path.join(cache, f));
	const perBook: string[][] = [];
	for (let b = 0; b < books; b++) {
		const dir = path.join(outDir, `book-${b + 1}`);
		fs.mkdirSync(dir, { recursive: true });
		const files: string[] = [];
		for (let p = 0; p < pagesPerBook; p++) {
			const file = path.join(dir, `page-${String(p + 1).padStart(3, '0')}.jpg`);
			const copy = b * pagesPerBook + p;
			await sharp(bases[p % bases.length]!)
				.modulate({ brightness: 1 - 0.002 * copy })
				.jpeg({ quality: 85 })
				.toFile(file);
			files.push(file);
		}
		perBook.push(files);
	}
	return perBook;
}
