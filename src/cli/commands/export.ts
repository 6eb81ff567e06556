import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createOcrPool, type OcrPool } from '../../lib/ocr/engine/ocr-pool';
import type { ExportOptions } from '../../lib/server/services/export-service';
import { t } from '../../lib/i18n/index';
import { readEnv } from '../../lib/server/env';
import { withServices } from '../context';
import { CliError, usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';

const USAGE =
	'usage: sohoa export --book ID --out DIR [--name-pattern P] [--greyscale] [--legibility-sample N]';

export interface ExportRequest {
	bookId: string;
	out: string;
	options: ExportOptions;
}

/**
 * `sohoa export --book ID --out DIR`: builds the book's package now (approved entries only) and
 * writes `DIR/<package>.zip` (one PDF per entry) and `DIR/<package>.xlsx` (the import Excel) beside
 * it, each under a temporary name renamed into place, so DIR never holds half a file. Prints the
 * zip's path on stdout; the Excel's path, duplicates and checks go to stderr.
 */
export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
	const request = await parseExport(argv);
	return withServices(async (s) => {
		let pool: OcrPool | null = null;
		try {
			const result = await s.exports.exportNow(request.bookId, request.options, {
				// Renewed while it builds: killed, the export is marked interrupted once it runs out.
				leaseMs: readEnv().jobLeaseMs,
				ocr: () => (pool ??= createOcrPool({ size: 1 })),
				progress: async ({ done, total }) => {
					if (done === total || done % 50 === 0) io.stderr.write(`export: ${done}/${total} PDFs\n`);
					return true;
				}
			});
			const zipPath = path.resolve(request.out, result.zipName);
			const xlsxPath = path.resolve(request.out, result.xlsxName);
			await writeAtomically(zipPath, result.zip);
			await writeAtomically(xlsxPath, result.xlsx);
			const r = result.report;
			io.stderr.write(
				`export: ${result.entries} entries, largest PDF ${r.pdf.largest} bytes (limit ${r.pdf.maxBytes}), ` +
					`legibility ${r.legibility.passed}/${r.legibility.checked} names found, ${r.ms} ms\n`
			);
			for (const d of r.duplicates) {
				io.stderr.write(
					`export: entry ${d.seq} repeats an entry of "${d.ofBookTitle}" (${t('en', `export.duplicate.${d.reason}`)})` +
						`${d.excluded ? ', left out' : ', kept: the other copy is not exported yet'}\n`
				);
			}
			for (const l of r.leftOut.filter((x) => !x.code.startsWith('export.duplicate')))
				io.stderr.write(`export: entry ${l.seq} left out: ${t('en', l.code)}\n`);
			io.stderr.write(`export: Excel ${xlsxPath}\n`);
			io.stdout.write(`${zipPath}\n`);
			return 0;
		} finally {
			await (pool as OcrPool | null)?.close();
		}
	});
}

export async function parseExport(argv: string[]): Promise<ExportRequest> {
	const { values } = parseOrUsage(argv, {
		book: { type: 'string' },
		out: { type: 'string' },
		'name-pattern': { type: 'string' },
		greyscale: { type: 'boolean' },
		'legibility-sample': { type: 'string' }
	});
	const bookId = values.book?.trim();
	const out = values.out?.trim();
	if (!bookId) throw usageError(`--book is required; ${USAGE}`);
	if (!out) throw usageError(`--out is required; ${USAGE}`);
	const sample = values['legibility-sample'];
	if (sample !== undefined && !/^\d{1,4}$/.test(sample))
		throw usageError(`--legibility-sample must be a whole number (got "${sample}")`);
	await ensureDirectory(out);
	const options: ExportOptions = {};
	if (values['name-pattern'] !== undefined) options.namePattern = values['name-pattern'];
	if (values.greyscale) options.greyscale = true;
	if (sample !== undefined) options.legibilitySample = Number(sample);
	return { bookId, out, options };
}

async function ensureDirectory(dir: string): Promise<void> {
	try {
		if (!(await stat(dir)).isDirectory()) throw usageError(`--out ${dir}: not a directory`);
		return;
	} catch (e) {
		if (e instanceof CliError) throw e;
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
			throw usageError(`--out ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
	}
	try {
		await mkdir(dir, { recursive: true });
	} catch (e) {
		throw usageError(
			`--out ${dir}: cannot create (${(e as NodeJS.ErrnoException).code ?? String(e)})`
		);
	}
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
	const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		await writeFile(tmp, bytes);
		await rename(tmp, file);
	} catch (e) {
		await rm(tmp, { force: true });
		throw new CliError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
	}
}
