import type { FileHandle } from 'node:fs/promises';

/**
 * The small part of POSIX ustar that backups need: regular files only, names under 100 bytes,
 * sizes past 8 GiB in the GNU base-256 form. GNU tar, bsdtar and 7-Zip read what this writes.
 * Written with positional writes so a member can be taken back (a blob that turns out corrupt
 * while it is being copied).
 */

const BLOCK = 512;
const CHUNK = 1 << 20;
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

/** A damaged archive: `truncated` when it ends early, `damaged` for anything else. */
export class TarFormatError extends Error {
	constructor(
		message: string,
		readonly kind: 'truncated' | 'damaged' = 'damaged'
	) {
		super(message);
	}
}

const truncated = () => new TarFormatError('the archive ends early', 'truncated');

function header(name: string, size: number, mtime: Date): Buffer {
	const h = Buffer.alloc(BLOCK);
	if (Buffer.byteLength(name) > 100) throw new TarFormatError(`name too long: ${name}`);
	h.write(name, 0, 100, 'utf8');
	h.write('0000644\0', 100, 8, 'ascii');
	h.write('0000000\0', 108, 8, 'ascii');
	h.write('0000000\0', 116, 8, 'ascii');
	if (size <= MAX_OCTAL_SIZE) h.write(size.toString(8).padStart(11, '0') + '\0', 124, 12, 'ascii');
	else {
		h[124] = 0x80;
		let v = BigInt(size);
		for (let i = 135; i > 124; i--, v >>= 8n) h[i] = Number(v & 0xffn);
	}
	const seconds = Math.floor(mtime.getTime() / 1000);
	h.write(seconds.toString(8).padStart(11, '0') + '\0', 136, 12, 'ascii');
	h.write('0', 156, 1, 'ascii');
	h.write('ustar\0', 257, 6, 'ascii');
	h.write('00', 263, 2, 'ascii');
	h.fill(0x20, 148, 156);
	h.write(checksum(h).toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
	return h;
}

function checksum(h: Buffer): number {
	let sum = 0;
	for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
	return sum;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Appends members to an open file; `finish` writes the end-of-archive blocks. */
export class TarWriter {
	#pos = 0;

	constructor(private readonly fh: FileHandle) {}

	get position(): number {
		return this.#pos;
	}

	async #write(bytes: Uint8Array): Promise<void> {
		let done = 0;
		while (done < bytes.byteLength) {
			const { bytesWritten } = await this.fh.write(bytes, done, bytes.byteLength - done, this.#pos);
			done += bytesWritten;
			this.#pos += bytesWritten;
		}
	}

	async add(name: string, bytes: Uint8Array, mtime = new Date()): Promise<void> {
		await this.#write(header(name, bytes.byteLength, mtime));
		await this.#write(bytes);
		await this.#write(Buffer.alloc(padding(bytes.byteLength)));
	}

	/**
	 * Copies a file in as a member of the size it had when stat'ed; `onChunk` sees every chunk (to
	 * hash it). A file that is shorter or longer than that size is an error: nothing changes under
	 * a snapshot or a content-addressed name.
	 */
	async addFile(
		name: string,
		source: FileHandle,
		size: number,
		onChunk: (chunk: Buffer) => void,
		mtime = new Date()
	): Promise<void> {
		await this.#write(header(name, size, mtime));
		const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)));
		let at = 0;
		while (at < size) {
			const { bytesRead } = await source.read(buf, 0, Math.min(buf.length, size - at), at);
			if (bytesRead === 0) throw new TarFormatError(`${name} shrank while it was copied`);
			const chunk = buf.subarray(0, bytesRead);
			onChunk(chunk);
			await this.#write(chunk);
			at += bytesRead;
		}
		const { bytesRead } = await source.read(Buffer.alloc(1), 0, 1, size);
		if (bytesRead !== 0) throw new TarFormatError(`${name} grew while it was copied`);
		await this.#write(Buffer.alloc(padding(size)));
	}

	/** Takes back everything written since `position` (a member that must not be kept). */
	async rewind(position: number): Promise<void> {
		await this.fh.truncate(position);
		this.#pos = position;
	}

	async finish(): Promise<void> {
		await this.#write(Buffer.alloc(BLOCK * 2));
	}
}

export interface TarMember {
	name: string;
	size: number;
}

/** Where a member's content goes: every chunk (reused after the call returns), then the end. */
export interface TarSink {
	data(chunk: Buffer): void | Promise<void>;
	end(): void | Promise<void>;
}

function parseSize(h: Buffer): number {
	if (h[124]! & 0x80) {
		let v = 0n;
		for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(h[i]!);
		if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarFormatError('member size out of range');
		return Number(v);
	}
	return parseOctal(h, 124, 12);
}

function parseOctal(h: Buffer, offset: number, length: number): number {
	const text = h
		.toString('ascii', offset, offset + length)
		.replace(/[\0 ]+$/, '')
		.trim();
	if (!/^[0-7]+$/.test(text)) throw new TarFormatError('bad number in a member header');
	return parseInt(text, 8);
}

/**
 * Reads a tar file member by member. `onMember` is called with each member's name and size and
 * returns a sink for its content (or null to skip it). Throws TarFormatError on a damaged header
 * or a file that ends early (a truncated copy); a missing end-of-archive marker counts as truncated.
 */
export async function readTar(
	fh: FileHandle,
	onMember: (m: TarMember) => Promise<TarSink | null> | TarSink | null
): Promise<void> {
	const { size: total } = await fh.stat();
	const h = Buffer.alloc(BLOCK);
	const buf = Buffer.allocUnsafe(CHUNK);
	let pos = 0;
	const readExactly = async (target: Buffer, length: number, at: number) => {
		if (at + length > total) throw truncated();
		let done = 0;
		while (done < length) {
			const { bytesRead } = await fh.read(target, done, length - done, at + done);
			if (bytesRead === 0) throw truncated();
			done += bytesRead;
		}
	};
	for (;;) {
		await readExactly(h, BLOCK, pos);
		pos += BLOCK;
		if (h.every((b) => b === 0)) return;
		if (h.toString('ascii', 257, 262) !== 'ustar')
			throw new TarFormatError('not a tar archive (or a damaged member header)');
		if (parseOctal(h, 148, 8) !== checksum(h))
			throw new TarFormatError('a member header is damaged (checksum mismatch)');
		const type = String.fromCharCode(h[156]!);
		if (type !== '0' && type !== '\0') throw new TarFormatError(`unexpected member type "${type}"`);
		const nameEnd = h.indexOf(0, 0);
		const name = h.toString('utf8', 0, nameEnd === -1 || nameEnd > 100 ? 100 : nameEnd);
		const prefixEnd = h.indexOf(0, 345);
		const prefix = h.toString('utf8', 345, prefixEnd === -1 || prefixEnd > 500 ? 500 : prefixEnd);
		const size = parseSize(h);
		const sink = await onMember({ name: prefix ? `${prefix}/${name}` : name, size });
		if (pos + size + padding(size) > total) throw truncated();
		if (sink) {
			let left = size;
			while (left > 0) {
				const n = Math.min(buf.length, left);
				await readExactly(buf, n, pos);
				await sink.data(buf.subarray(0, n));
				pos += n;
				left -= n;
			}
			await sink.end();
		} else pos += size;
		pos += padding(size);
	}
}
