/**
 * An XLSX is a zip: before the spreadsheet reader opens one, every entry is inflated once here and
 * counted, so a zip bomb (a few kilobytes that unpack to gigabytes) or an archive that is not a
 * workbook is refused with its own message instead of exhausting memory or time. The sizes the
 * archive declares are not trusted: the bytes that actually come out are counted.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Unzip, UnzipInflate } from 'fflate';
import { AppError } from '../errors';

export const archiveLimits = {
	/** All entries together, unpacked. A 3-million-row extract unpacks to about 1.5 GB. */
	maxUnpackedBytes: 2 * 1024 ** 3,
	/** Unpacked bytes per byte of file: real workbooks stay far below 50, bombs go past 1000. */
	maxRatio: 200
};

const MB = 1024 ** 2;

export async function assertSafeWorkbook(file: string, name: string): Promise<void> {
	const { size } = await stat(file);
	const max = Math.min(archiveLimits.maxUnpackedBytes, Math.max(size, 1) * archiveLimits.maxRatio);
	const names = new Set<string>();
	let unpacked = 0;
	let over = false;
	let broken: string | null = null;
	const unzip = new Unzip((entry) => {
		names.add(entry.name);
		entry.ondata = (err, data) => {
			if (err) broken ??= err.message;
			else unpacked += data.length;
			if (unpacked > max && !over) {
				over = true;
				entry.terminate();
			}
		};
		entry.start();
	});
	unzip.register(UnzipInflate);
	// Small reads: one read of a bomb inflates to at most about 1000 times its size.
	const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
	try {
		for await (const chunk of stream) {
			unzip.push(chunk as Buffer);
			if (over || broken) break;
		}
		if (!over && !broken) unzip.push(new Uint8Array(0), true);
	} catch (e) {
		broken ??= e instanceof Error ? e.message : String(e);
	} finally {
		stream.destroy();
	}
	if (over)
		throw new AppError(422, 'resident.archiveTooLarge', { file: name, max: Math.floor(max / MB) });
	if (broken) throw new AppError(422, 'resident.unreadableFile', { file: name, reason: broken });
	if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml'))
		throw new AppError(422, 'resident.notSpreadsheet', { file: name });
}
