import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createOcrPool } from '../../lib/ocr/engine/ocr-pool';
import { ocrFile, toContractJson, type OcrFileResult } from '../../lib/ocr/pipeline';
import type { LayoutSpec } from '../../lib/ocr/segment/layout';
import { layoutFromTemplate, toLayoutSpec } from '../../lib/ocr/segment/template-adapter';
import { defaultTemplateFor, listTemplates } from '../../lib/ocr/templates';

const USAGE =
	'usage: sohoa ocr FILE… [--type birth|death|marriage|…] [--template ID|FILE.json] [--jobs N] --json';

interface Io {
	stdout: { write(s: string): unknown };
	stderr: { write(s: string): unknown };
}

/**
 * `sohoa ocr FILE… [--type T] [--template ID|T.json] --json`: one JSON line per input file on stdout,
 * in input order. A file that cannot be read still gets its line, `{"file","pages":[],"ms","error"}`
 * (a page that cannot be read: `{"page","error"}` in `pages`), so line n is always file n; its error
 * is also printed as one line on stderr and the exit status is 1. Bad arguments: exit 2, no output.
 */
export async function ocrCommand(argv: string[], io: Io): Promise<number> {
	let values: { type?: string; template?: string; json?: boolean; jobs?: string };
	let files: string[];
	try {
		const parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				type: { type: 'string' },
				template: { type: 'string' },
				json: { type: 'boolean' },
				jobs: { type: 'string' }
			}
		});
		values = parsed.values;
		files = parsed.positionals;
	} catch (e) {
		io.stderr.write(`sohoa ocr: ${(e as Error).message}\n${USAGE}\n`);
		return 2;
	}
	if (files.length === 0 || !values.json) {
		io.stderr.write(
			`sohoa ocr: ${files.length ? '--json is required' : 'no input file'}\n${USAGE}\n`
		);
		return 2;
	}
	if (values.type !== undefined && !/^[a-z][a-z-]*$/.test(values.type)) {
		io.stderr.write(`sohoa ocr: bad --type "${values.type}"\n${USAGE}\n`);
		return 2;
	}
	const size = values.jobs === undefined ? undefined : Number(values.jobs);
	if (size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= 64)) {
		io.stderr.write(`sohoa ocr: --jobs must be an integer from 1 to 64\n`);
		return 2;
	}
	let template: LayoutSpec | undefined;
	if (values.template) {
		if (!values.type) {
			io.stderr.write(`sohoa ocr: --template needs --type\n${USAGE}\n`);
			return 2;
		}
		const builtIn = listTemplates().find((t) => t.id === values.template);
		if (builtIn) template = layoutFromTemplate(builtIn);
		else {
			try {
				const r = toLayoutSpec(JSON.parse(await readFile(values.template, 'utf8')));
				if ('problem' in r) throw new Error(r.problem);
				template = r.spec;
			} catch (e) {
				io.stderr.write(`sohoa ocr: template ${values.template}: ${(e as Error).message}\n`);
				return 2;
			}
		}
	} else if (values.type) {
		const t = defaultTemplateFor(values.type);
		if (t) template = layoutFromTemplate(t);
		else
			io.stderr.write(
				`sohoa ocr: no page layout for "${values.type}" (pass --template): entries will be empty\n`
			);
	}
	const pool = createOcrPool({ size });
	let failed = false;
	try {
		// Files are read one after another; pages within a file share the pool's workers.
		const start = (file: string): Promise<OcrFileResult> =>
			ocrFile(
				file,
				{ type: values.type, template, onPage: (d, t) => progress(io, file, d, t) },
				pool
			);
		// Keep the pool busy: as many files under way as it has workers, written in input order.
		const waiting = files.slice();
		const running: Promise<OcrFileResult>[] = [];
		const startNext = () => {
			const file = waiting.shift();
			if (file !== undefined) running.push(start(file));
		};
		for (let i = 0; i < pool.size; i++) startNext();
		for (let r = running.shift(); r; r = running.shift()) {
			startNext();
			const result = await r;
			io.stdout.write(JSON.stringify(toContractJson(result)) + '\n');
			if (result.error) {
				failed = true;
				io.stderr.write(`sohoa ocr: ${result.error.message}\n`);
			}
			for (const p of result.pages)
				if ('error' in p) {
					failed = true;
					io.stderr.write(`sohoa ocr: ${p.error.message}\n`);
				}
		}
	} finally {
		await pool.close();
	}
	return failed ? 1 : 0;
}

function progress(io: Io, file: string, done: number, total: number): void {
	io.stderr.write(`ocr ${file}: page ${done}/${total}\n`);
}
