import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { scannedPage } from './scans';

/** Scan files as clerks bring them, good and bad, written into a folder for the import tests. */

export const realScans = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../fixtures/real-scans'
);

export interface ScanFiles {
	/** Real two-page bilevel TIFF (1200×1800 pages). */
	tif: string;
	/** A birth-register page from the page generator, as a scanner's JPEG. */
	jpg: string;
	/** Page 1: a JPEG scan (`pdfScan`, 2550×3300); page 2: born-digital text, no image. */
	pdf: string;
	pdfScan: Buffer;
	random: string;
	truncatedJpg: string;
	empty: string;
	encryptedPdf: string;
	/** A tiny PNG whose header claims 40000×40000 pixels. */
	pixelBomb: string;
}

export async function writeScanFiles(dir: string): Promise<ScanFiles> {
	const write = (name: string, bytes: Buffer | string) => {
		const file = path.join(dir, name);
		fs.writeFileSync(file, bytes);
		return file;
	};
	const { bytes: jpeg } = await scannedPage('import-book-test');
	const pdfScan = await sharp(path.join(realScans, 'vietsample.tif'), { page: 0 })
		.jpeg()
		.toBuffer();
	return {
		tif: path.join(realScans, 'vietsample1.tif'),
		jpg: write('register-page.jpg', jpeg),
		pdf: write('scan.pdf', await scannedPdf(pdfScan)),
		pdfScan,
		random: write('random.png', pseudoRandomBytes(4096)),
		truncatedJpg: write('truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2))),
		empty: write('empty.tif', ''),
		encryptedPdf: write('locked.pdf', encryptedPdf()),
		pixelBomb: write('bomb.png', pixelBombPng(40_000, 40_000))
	};
}

async function scannedPdf(scan: Buffer): Promise<Buffer> {
	const doc = await PDFDocument.create();
	const image = await doc.embedJpg(scan);
	doc.addPage([612, 792]).drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
	doc.addPage([612, 792]).drawText('born digital, no scan');
	return Buffer.from(await doc.save());
}

/** Bytes that are no image format, the same on every run. */
function pseudoRandomBytes(n: number): Buffer {
	const blocks: Buffer[] = [];
	for (let i = 0; blocks.length * 32 < n; i++)
		blocks.push(createHash('sha256').update(`noise ${i}`).digest());
	return Buffer.concat(blocks).subarray(0, n);
}

/** A minimal PDF whose trailer names an /Encrypt dictionary. */
export function encryptedPdf(): string {
	return [
		'%PDF-1.4',
		'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
		'2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
		'3 0 obj << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >> endobj',
		'trailer << /Root 1 0 R /Encrypt 3 0 R >>',
		'%%EOF'
	].join('\n');
}

/** A decompression bomb in miniature: a valid 1-bit PNG header for a huge image, a few bytes of data. */
function pixelBombPng(width: number, height: number): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 1; // bit depth
	header[9] = 0; // greyscale
	return Buffer.concat([
		Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
		pngChunk('IEND', Buffer.alloc(0))
	]);
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
