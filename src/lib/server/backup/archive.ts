import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import * as tar from 'tar-stream';
import { AppError } from '../errors';

/**
 * A backup archive is a plain tar file written and read through `tar-stream` (see DECISIONS.md):
 * regular files only, streamed member by member so GBs of blobs are never held in memory, sizes
 * past 8 GiB in the GNU base-256 form the library writes and reads. This module only adapts the
 * library to files on disk and turns its failures into the two kinds a restore reports.
 */

const CHUNK = 1 << 20;
const END_OF_ARCHIVE = 1024;

/** A damaged archive: `truncated` when it ends early, `damaged` for anything else. */
export class ArchiveFormatError extends Error {
	constructor(
		message: string,
		readonly kind: 'truncated' | 'damaged' = 'damaged'
	) {
		super(message);
	}
}

/** A file that changed while it was copied into the archive (blobs and snapshots never should). */
const changed = (part: string) => new AppError(409, 'backup.sourceChanged', { part });

/** SHA-256 and size of a file, read as a stream (to check a blob before it goes into an archive). */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of createReadStream(file, {
		highWaterMark: CHUNK
	}) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		bytes += chunk.byteLength;
	}
	return { sha256: hash.digest('hex'), bytes };
}

/**
 * Writes members into a new file (`wx`: never over an existing one). tar-stream cannot take a
 * member back once it is packed, so whatever must be checked is checked before `addFile`.
 */
export class ArchiveWriter {
	readonly #pack = tar.pack();
	readonly #written: Promise<void>;
	#failure: unknown = null;

	private constructor(private readonly fh: fs.FileHandle) {
		this.#pack.on('error', () => {}); // reported by #drain's loop
		this.#written = this.#drain().catch((e: unknown) => {
			this.#failure = e;
			this.#pack.destroy(e as Error);
		});
	}

	static async create(file: string): Promise<ArchiveWriter> {
		return new ArchiveWriter(await fs.open(file, 'wx'));
	}

	/** The packed bytes go to the file as the library produces them (its buffer stays small). */
	async #drain(): Promise<void> {
		for await (const chunk of this.#pack as unknown as AsyncIterable<Buffer>) {
			let done = 0;
			while (done < chunk.byteLength) {
				const { bytesWritten } = await this.fh.write(chunk, done, chunk.byteLength - done);
				done += bytesWritten;
			}
		}
	}

	/** A failure of the file under the archive (a full disk) explains any failure of the pack. */
	#explain(e: unknown): unknown {
		return this.#failure ?? e;
	}

	async add(name: string, bytes: Uint8Array): Promise<void> {
		try {
			await new Promise<void>((resolve, reject) => {
				this.#pack.entry({ name, size: bytes.byteLength }, asBuffer(bytes), (e) =>
					e ? reject(e) : resolve()
				);
			});
		} catch (e) {
			throw this.#explain(e);
		}
	}

	/**
	 * Copies a file in as a member of `size` bytes (its size when it was stat'ed or hashed);
	 * `onChunk` sees every chunk (to hash it). A file that turns out shorter or longer is
	 * `backup.sourceChanged`: nothing changes under a snapshot or a content-addressed name.
	 */
	async addFile(
		name: string,
		file: string,
		size: number,
		onChunk: (chunk: Buffer) => void = () => {}
	): Promise<void> {
		const source = await fs.open(file, 'r');
		try {
			let packed!: (e?: Error | null) => void;
			const finished = new Promise<void>((resolve, reject) => {
				packed = (e) => (e ? reject(e) : resolve());
			});
			// Settled below, or not at all when the copy fails first.
			void finished.catch(() => {});
			const entry = this.#pack.entry({ name, size }, packed);
			entry.on('error', () => {}); // reported through `packed`
			const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)));
			let at = 0;
			while (at < size) {
				const { bytesRead } = await source.read(buf, 0, Math.min(buf.length, size - at), at);
				if (bytesRead === 0) throw changed(name);
				// The pack keeps what it is given until it is written: hand it a copy, not `buf`.
				const chunk = Buffer.from(buf.subarray(0, bytesRead));
				onChunk(chunk);
				await write(entry, chunk);
				at += bytesRead;
			}
			const { bytesRead } = await source.read(Buffer.alloc(1), 0, 1, size);
			if (bytesRead !== 0) throw changed(name);
			entry.end(null); // streamx types want an argument: no last chunk
			await finished;
		} catch (e) {
			// A half-written member cannot be finished: the archive is given up (see `abort`).
			this.#pack.destroy();
			throw this.#explain(e);
		} finally {
			await source.close();
		}
	}

	/** Writes the end-of-archive blocks and flushes the file to disk. */
	async finish(): Promise<void> {
		this.#pack.finalize();
		await this.#written;
		if (this.#failure) throw this.#failure;
		await this.fh.sync();
		await this.fh.close();
	}

	/** Stops writing after a failure (the caller removes the file). */
	async abort(): Promise<void> {
		this.#pack.destroy();
		await this.#written;
		await this.fh.close().catch(() => {});
	}
}

type Entry = ReturnType<tar.Pack['entry']>;

/** The same bytes as a Buffer, not copied (a blob can be MBs). */
const asBuffer = (bytes: Uint8Array) =>
	Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Writes a chunk, waiting while the pack's buffer is full (or failing when the pack failed). */
async function write(entry: Entry, chunk: Buffer): Promise<void> {
	if (entry.write(chunk)) return;
	await new Promise<void>((resolve, reject) => {
		const drained = () => {
			entry.off('close', closed);
			resolve();
		};
		const closed = () => {
			entry.off('drain', drained);
			reject(new ArchiveFormatError('the archive was closed while a member was written'));
		};
		entry.once('drain', drained);
		entry.once('close', closed);
	});
}

export interface ArchiveMember {
	name: string;
	size: number;
}

/** Where a member's content goes: every chunk (reused after the call returns), then the end. */
export interface MemberSink {
	data(chunk: Buffer): void | Promise<void>;
	end(): void | Promise<void>;
}

/**
 * Reads an archive member by member. `onMember` is called with each member's name and size and
 * returns a sink for its content (or null to skip it); whatever it or a sink throws is thrown as
 * is. A damaged header, a member that is not a regular file or a file that is not tar throws
 * ArchiveFormatError `damaged`; a file that ends early (in a member, or before the end-of-archive
 * blocks) throws `truncated`.
 */
export async function readArchive(
	file: string,
	onMember: (m: ArchiveMember) => Promise<MemberSink | null> | MemberSink | null
): Promise<void> {
	const extract = tar.extract();
	const source = createReadStream(file, { highWaterMark: CHUNK });
	// What onMember or a sink threw, told apart from the library's own failures.
	let ours: { error: unknown } | null = null;
	const own = async <T>(work: () => T | Promise<T>): Promise<T> => {
		try {
			return await work();
		} catch (e) {
			ours ??= { error: e };
			throw e;
		}
	};
	try {
		await new Promise<void>((resolve, reject) => {
			extract.on('entry', (header, stream, next) => {
				readMember(header, stream as unknown as AsyncIterable<Buffer>, onMember, own).then(
					() => next(),
					(e: unknown) => next(e as Error)
				);
			});
			extract.on('finish', resolve);
			extract.on('error', reject);
			source.on('error', reject);
			source.pipe(extract as unknown as NodeJS.WritableStream);
		});
	} catch (e) {
		if (ours) throw (ours as { error: unknown }).error;
		throw e instanceof ArchiveFormatError || isFileError(e) ? e : formatError(e);
	} finally {
		source.destroy();
		extract.destroy();
	}
	// tar-stream reads on past zero blocks and accepts a file that simply stops between members.
	if (!(await endsWithEndOfArchive(file)))
		throw new ArchiveFormatError('the archive ends early', 'truncated');
}

async function readMember(
	header: tar.Header,
	stream: AsyncIterable<Buffer>,
	onMember: (m: ArchiveMember) => Promise<MemberSink | null> | MemberSink | null,
	own: <T>(work: () => T | Promise<T>) => Promise<T>
): Promise<void> {
	if (header.type !== 'file')
		throw new ArchiveFormatError(`unexpected member type "${header.type}"`);
	const sink = await own(() => onMember({ name: header.name, size: header.size }));
	for await (const chunk of stream) if (sink) await own(() => sink.data(chunk));
	if (sink) await own(() => sink.end());
}

/** The library's own errors, by the two messages it has for a file that ends early. */
function formatError(e: unknown): ArchiveFormatError {
	const message = e instanceof Error ? e.message : String(e);
	return /unexpected end of data/i.test(message)
		? new ArchiveFormatError('the archive ends early', 'truncated')
		: new ArchiveFormatError(`not a tar archive, or a damaged one: ${message}`);
}

/** An error of the file system (the archive unreadable), not of its content. */
const isFileError = (e: unknown) =>
	typeof (e as { code?: unknown } | null)?.code === 'string' &&
	/^E[A-Z]+$/.test((e as { code: string }).code);

async function endsWithEndOfArchive(file: string): Promise<boolean> {
	const fh = await fs.open(file, 'r');
	try {
		const { size } = await fh.stat();
		if (size < END_OF_ARCHIVE || size % 512 !== 0) return false;
		const tail = Buffer.alloc(END_OF_ARCHIVE);
		const { bytesRead } = await fh.read(tail, 0, END_OF_ARCHIVE, size - END_OF_ARCHIVE);
		return bytesRead === END_OF_ARCHIVE && tail.every((b) => b === 0);
	} finally {
		await fh.close();
	}
}
