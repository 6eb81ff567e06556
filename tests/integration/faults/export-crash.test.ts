import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../databases';
import { addUser, TAN_LAP, type TestUser } from '../fixtures';
import { approveEntry, importBook, renderedPages } from '../export-fixtures';
import {
	auditVerify,
	corruptBlobs,
	LEASE_SECONDS,
	SohoaProcess,
	databaseIntegrity,
	until
} from './crash-harness';

/**
 * A book's export killed with SIGKILL half-way, in a `sohoa worker` (the background export) and in
 * `sohoa export` (the command): nothing half-written is ever published or marked done, no entry is
 * marked exported, and the export run again (the job's retry, the command once more) is whole.
 */
forEachDatabase('an export killed mid-way', (t) => {
	let officer: TestUser;
	let book: { bookId: string; entries: string[] };
	const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-crash-export-'));
	const processes: SohoaProcess[] = [];
	beforeAll(async () => {
		const clerk = await addUser(t.services, 'clerk', TAN_LAP);
		officer = await addUser(t.services, 'officer', TAN_LAP);
		book = await importBook(t.services, TAN_LAP, await renderedPages());
		for (const id of book.entries) await approveEntry(t.services, clerk, officer, id);
	}, 60_000);
	afterAll(async () => {
		for (const p of processes) await p.dispose();
		fs.rmSync(outDir, { recursive: true, force: true });
	});

	const start = (args: string[]) => {
		const p = new SohoaProcess(t, args);
		processes.push(p);
		return p;
	};

	const exportRow = (id: string) =>
		t.services.database.db
			.selectFrom('book_export')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

	const exportsOfEntries = () =>
		t.services.database.db
			.selectFrom('entry_export')
			.select(['entry_id', 'book_export_id', 'file_name'])
			.where('entry_id', 'in', book.entries)
			.execute();

	const auditActions = async (action: string) =>
		(
			await t.services.database.db
				.selectFrom('audit_log')
				.select('subject_id')
				.where('action', '=', action)
				.execute()
		).map((r) => r.subject_id);

	/** A package's zip holds one loadable one-page PDF per entry; its Excel names each of them. */
	async function expectWholePackage(zip: Uint8Array, xlsx: Uint8Array, fileNames: string[]) {
		const files = unzipSync(zip);
		expect(Object.keys(files).sort()).toEqual([...fileNames].sort());
		for (const name of fileNames) {
			const pdf = await PDFDocument.load(files[name]!);
			expect(pdf.getPageCount(), name).toBe(1);
		}
		const sheet = unzipSync(xlsx);
		const text = Object.entries(sheet)
			.filter(([name]) => name.startsWith('xl/') && name.endsWith('.xml'))
			.map(([, bytes]) => strFromU8(bytes))
			.join('\n');
		for (const name of fileNames) expect(text, `the Excel names ${name}`).toContain(name);
	}

	it('a worker killed mid-export publishes nothing; the job is retried and the package is whole', async () => {
		const s = t.services;
		const exportId = await s.exports.request(officer, book.bookId, { legibilitySample: 1 });
		const { job_id: jobId } = await exportRow(exportId);
		const first = start(['worker']);
		await until(
			'the export to be half-way',
			async () => {
				const job = await s.jobs.get(jobId!);
				return job?.state === 'running' && job.progress_done >= 1;
			},
			{ running: first }
		);
		await first.kill9();

		// Killed before the end: the export is not done, nothing to download, no entry marked.
		const killed = await exportRow(exportId);
		expect(killed).toMatchObject({ state: 'running', zip_hash: null, xlsx_hash: null });
		await expect(s.exports.download(officer, book.bookId, 'zip')).rejects.toMatchObject({
			status: 404
		});
		expect(await exportsOfEntries()).toEqual([]);
		const states = await s.database.db
			.selectFrom('entry')
			.select('state')
			.where('book_id', '=', book.bookId)
			.execute();
		expect(states.map((e) => e.state)).toEqual(book.entries.map(() => 'approved'));
		expect(await auditActions('book.export')).toEqual([]);
		expect(await databaseIntegrity(t)).toBe('ok');
		expect(corruptBlobs(t.dataDir)).toEqual([]);

		const second = start(['worker']);
		await until(
			'the retried export to finish',
			async () => (await s.jobs.get(jobId!))?.state === 'done',
			{ running: second }
		);
		expect(await s.jobs.get(jobId!)).toMatchObject({ attempts: 2, error: null });
		const done = await exportRow(exportId);
		expect(done).toMatchObject({ state: 'done', entries: book.entries.length, error: null });
		const marked = await exportsOfEntries();
		expect(marked).toHaveLength(book.entries.length);
		expect(marked.every((m) => m.book_export_id === exportId)).toBe(true);
		const zip = await s.exports.download(officer, book.bookId, 'zip');
		const xlsx = await s.exports.download(officer, book.bookId, 'xlsx');
		await expectWholePackage(
			zip.bytes,
			xlsx.bytes,
			marked.map((m) => m.file_name)
		);
		// Each entry was marked once, by the attempt that finished.
		const exported = await auditActions('entry.export');
		expect(exported.sort()).toEqual([...book.entries].sort());
		expect(await auditActions('book.export')).toEqual([book.bookId]);

		await second.kill9();
		expect(await databaseIntegrity(t)).toBe('ok');
		expect(corruptBlobs(t.dataDir)).toEqual([]);
		const verify = await auditVerify(t);
		expect(verify.code, verify.stderr).toBe(0);
	}, 120_000);

	it('`sohoa export` killed mid-way leaves no file under its final name; run again, the files are whole', async () => {
		const before = await exportsOfEntries();
		const args = ['export', '--book', book.bookId, '--out', outDir, '--legibility-sample', '1'];
		const command = start(args);
		await until('every PDF to be built', () => /export: (\d+)\/\1 PDFs/.test(command.output), {
			running: command
		});
		await command.kill9();
		// Only leftovers of an unfinished write may be there, never a .zip or .xlsx.
		expect(fs.readdirSync(outDir).filter((f) => !f.endsWith('.tmp'))).toEqual([]);
		expect(await exportsOfEntries()).toEqual(before);
		expect(await databaseIntegrity(t)).toBe('ok');

		// Its row is held by the dead process's lease, so it blocks another export until that runs out;
		// then it shows as interrupted, published nothing, and the book may be exported again.
		const killed = await t.services.database.db
			.selectFrom('book_export')
			.selectAll()
			.where('book_id', '=', book.bookId)
			.where('job_id', 'is', null)
			.orderBy('requested_at', 'desc')
			.executeTakeFirstOrThrow();
		expect(killed).toMatchObject({ state: 'running', zip_hash: null, xlsx_hash: null });
		expect(killed.lease_until).not.toBeNull();
		const interrupted = await until(
			'the killed export to be marked interrupted',
			async () => {
				const latest = (await t.services.exports.status(officer, book.bookId)).latest;
				return latest?.id === killed.id && latest.state === 'failed' ? latest : null;
			},
			{ timeoutMs: (LEASE_SECONDS + 10) * 1000 }
		);
		expect(interrupted).toMatchObject({
			zipName: null,
			error: { code: 'export.interrupted', params: {} }
		});
		expect((await exportRow(killed.id)).zip_hash).toBeNull();
		await expect(t.services.exports.download(officer, book.bookId, 'zip')).resolves.toMatchObject({
			// The earlier (worker's) package is still the one offered, not anything of the killed run.
			name: expect.stringMatching(/\.zip$/)
		});
		expect((await t.services.exports.status(officer, book.bookId)).blocked).toBeNull();

		const again = start(args);
		expect(await again.exited, again.output).toBe(0);
		const zipPath = again.output.split('\n').find((l) => l.endsWith('.zip'))!;
		const xlsxPath = /export: Excel (.+\.xlsx)/.exec(again.output)![1]!;
		const marked = await exportsOfEntries();
		expect(marked).toHaveLength(book.entries.length);
		await expectWholePackage(
			fs.readFileSync(zipPath),
			fs.readFileSync(xlsxPath),
			marked.map((m) => m.file_name)
		);
		const verify = await auditVerify(t);
		expect(verify.code, verify.stderr).toBe(0);
		expect(await databaseIntegrity(t)).toBe('ok');
	}, 120_000);
});
