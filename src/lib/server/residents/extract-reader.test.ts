import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeUtf8End, readExtract, readExtractBatches } from './extract-reader';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sohoa-extract-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The reader takes the file in 1 MiB chunks. */
const CHUNK = 1 << 20;
const header = 'full_name,birth_date,mother_name\n';
const filler = (n: number) => `Lê Văn An,01/02/1990,Trần Thị Bình\n`.repeat(n);

async function rows(file: string) {
	const out = [];
	for await (const r of readExtract(file)) out.push(r);
	return out;
}

describe('readExtract (CSV)', () => {
	// A quoted field with an escaped quote, a delimiter and a line break inside, placed so that a
	// chunk boundary falls at each of its characters in turn: fields are sliced out of chunks, so
	// the parts before and after a boundary must be joined exactly once.
	const tricky = '"Phạm ""Út"", Thị\nHoa"';
	it.each(Array.from({ length: Buffer.byteLength(tricky) + 2 }, (_, k) => k))(
		'reads a quoted field across a chunk boundary at offset %i',
		async (k) => {
			const before = header + filler(1200);
			const pad = CHUNK - Buffer.byteLength(before) - ',1990,'.length - k;
			const last = `${'x'.repeat(pad)},1990,${tricky}\nHồ Văn Nam,1991,\n`;
			const file = path.join(dir, `boundary-${k}.csv`);
			writeFileSync(file, before + last);
			const read = await rows(file);
			expect(read).toHaveLength(1202);
			expect(read[1200]).toEqual({
				row: 1202,
				record: {
					full_name: 'x'.repeat(pad),
					birth_date: '1990',
					mother_name: 'Phạm "Út", Thị\nHoa'
				}
			});
			// The line break inside quotes counts as a line of the file.
			expect(read[1201]).toEqual({
				row: 1204,
				record: { full_name: 'Hồ Văn Nam', birth_date: '1991' }
			});
		}
	);

	it('yields the rows in batches whose concatenation is the row stream, CRLF lines included', async () => {
		const file = path.join(dir, 'batches.csv');
		writeFileSync(file, (header + filler(40_000)).replace(/\n/g, '\r\n'));
		let n = 0;
		let batches = 0;
		for await (const batch of readExtractBatches(file)) {
			batches++;
			for (const r of batch) {
				expect(r.row).toBe(n + 2);
				expect(r.record).toEqual({
					full_name: 'Lê Văn An',
					birth_date: '01/02/1990',
					mother_name: 'Trần Thị Bình'
				});
				n++;
			}
		}
		expect(n).toBe(40_000);
		expect(batches).toBeGreaterThan(1);
	});

	it('keeps a quote that does not open the field, and an empty quoted field', async () => {
		const file = path.join(dir, 'quotes.csv');
		writeFileSync(file, header + 'An "Bé",2001,""\n"",2002,x\n');
		expect(await rows(file)).toEqual([
			{ row: 2, record: { full_name: 'An "Bé"', birth_date: '2001' } },
			{ row: 3, record: { birth_date: '2002', mother_name: 'x' } }
		]);
	});
});

describe('UTF-8 detection', () => {
	it('finds where the last whole character of a chunk ends', () => {
		const b = (s: string) => Buffer.from(s, 'utf8');
		expect(completeUtf8End(b('an'))).toBe(2);
		expect(completeUtf8End(b('aễ'))).toBe(4);
		expect(completeUtf8End(b('aễ').subarray(0, 3))).toBe(1);
		expect(completeUtf8End(b('aễ').subarray(0, 2))).toBe(1);
		expect(completeUtf8End(b('a𠀀').subarray(0, 4))).toBe(1);
		expect(completeUtf8End(b('a𠀀'))).toBe(5);
		expect(completeUtf8End(b('aư').subarray(0, 2))).toBe(1);
		expect(completeUtf8End(new Uint8Array(0))).toBe(0);
	});

	// Characters of 2, 3 and 4 bytes cut by the 1 MiB chunk boundary after each of their bytes: the
	// file is still read as UTF-8 (Windows-1252 would turn them into other letters).
	const cuts = ['Ư', 'ệ', '𠀀'].flatMap((c) =>
		Array.from({ length: Buffer.byteLength(c) - 1 }, (_, i) => [c, i + 1] as const)
	);
	it.each(cuts)('reads a file as UTF-8 when %s is cut after its byte %i', async (c, k) => {
		const name = `${c}ng Thị Nguyệt`;
		const before = header + filler(1000);
		const pad = CHUNK - Buffer.byteLength(before) - k;
		const file = path.join(dir, `utf8-${k}-${Buffer.byteLength(c)}.csv`);
		writeFileSync(file, `${before}${'x'.repeat(pad)}${name},1990,\n`);
		const read = await rows(file);
		expect(read[1000]!.record.full_name).toBe('x'.repeat(pad) + name);
		expect(read[0]!.record.full_name).toBe('Lê Văn An');
	});

	it('reads a file that is not UTF-8 as Windows-1252', async () => {
		const file = path.join(dir, 'cp1252.csv');
		writeFileSync(
			file,
			Buffer.concat([
				Buffer.from(header),
				Buffer.from([0x4c, 0xea, 0x20, 0x41, 0x6e, 0x2c, 0x31, 0x39, 0x39, 0x30, 0x0a])
			])
		);
		expect((await rows(file))[0]!.record.full_name).toBe('Lê An');
	});
});
