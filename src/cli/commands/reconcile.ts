import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { loadIndexFromFile } from '../../lib/server/residents/load-index';
import { Matcher, type EntryRecord } from '../../lib/verify/reconcile/matcher';
import { CliError, usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';

const USAGE =
	'usage: sohoa reconcile --residents FILE.csv|.xlsx --entries FILE.jsonl [--top 5] [--json]';
const ENTRY_KEYS = [
	'full_name',
	'birth_date',
	'sex',
	'birth_place',
	'father_name',
	'mother_name',
	'personal_id'
] as const;

/**
 * `sohoa reconcile`: one JSON line per entry, in input order (DESIGN.md):
 * `{"id","candidates":[{"residentId","score","match","agreements"}],"ms"}`; `ms` is the time spent
 * on that entry, loading excluded. Without --json, a readable line per entry. Progress on stderr.
 */
export async function reconcileCommand(argv: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseOrUsage(argv, {
		residents: { type: 'string' },
		entries: { type: 'string' },
		top: { type: 'string' },
		json: { type: 'boolean' }
	});
	if (positionals.length) throw usageError(USAGE);
	if (!values.residents) throw usageError(`--residents is required; ${USAGE}`);
	if (!values.entries) throw usageError(`--entries is required; ${USAGE}`);
	const top = values.top === undefined ? 5 : Number(values.top);
	if (!Number.isInteger(top) || top < 1 || top > 100)
		throw usageError(`--top must be a whole number from 1 to 100 (got "${values.top}")`);
	for (const f of [values.residents, values.entries]) {
		try {
			await access(f, constants.R_OK);
		} catch {
			throw usageError(`${f}: no such file or not readable`);
		}
	}
	// Entries first: a bad line is refused before minutes of loading.
	const entries = await readEntries(values.entries);
	const started = performance.now();
	const { index, skipped } = await loadIndexFromFile(values.residents, (n) =>
		io.stderr.write(`residents: ${n} rows read\n`)
	);
	io.stderr.write(
		`residents: ${index.size} loaded${skipped ? `, ${skipped} rows without a name skipped` : ''} in ${Math.round(performance.now() - started)} ms\n`
	);
	const matcher = new Matcher(index, { top });
	for (const entry of entries) {
		const t0 = performance.now();
		const candidates = matcher.match({ ...entry, id: String(entry.id) }, top);
		const ms = Math.round((performance.now() - t0) * 100) / 100;
		if (values.json) {
			io.stdout.write(
				JSON.stringify({
					id: entry.id,
					candidates: candidates.map((c) => ({
						residentId: c.residentId,
						score: c.score,
						match: c.match,
						agreements: c.agreements
					})),
					ms
				}) + '\n'
			);
		} else {
			const best = candidates[0];
			io.stdout.write(
				best
					? `${entry.id}\t${best.residentId}\t${best.score.toFixed(4)}\t${best.match ? 'match' : 'review'}\t${index.view(best.index).full_name}\n`
					: `${entry.id}\t-\t-\tno candidate\n`
			);
		}
	}
	return 0;
}

type CliEntry = Omit<EntryRecord, 'id'> & { id: string | number };

async function readEntries(file: string): Promise<CliEntry[]> {
	const out: CliEntry[] = [];
	const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
	let n = 0;
	for await (const raw of lines) {
		n++;
		const line = raw.replace(/^\uFEFF/, '').trim();
		if (!line) continue;
		let v: unknown;
		try {
			v = JSON.parse(line);
		} catch {
			throw new CliError(`${file}, line ${n}: not valid JSON`);
		}
		if (typeof v !== 'object' || v === null || Array.isArray(v))
			throw new CliError(`${file}, line ${n}: expected a JSON object`);
		const o = v as Record<string, unknown>;
		if (typeof o.id !== 'string' && typeof o.id !== 'number')
			throw new CliError(`${file}, line ${n}: "id" (a string or number) is required`);
		const entry: CliEntry = { id: o.id };
		for (const k of ENTRY_KEYS) {
			const val = o[k];
			if (val === undefined || val === null) continue;
			if (typeof val !== 'string' && typeof val !== 'number')
				throw new CliError(`${file}, line ${n}: "${k}" must be a string`);
			entry[k] = String(val);
		}
		out.push(entry);
	}
	return out;
}
