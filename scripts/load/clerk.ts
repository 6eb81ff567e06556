import { unflatten } from 'devalue';

/**
 * One simulated clerk over HTTP, doing what the workbench does: open the entry (the page's data
 * request, `/entries/:id/__data.json`, which carries the entry and the book queue's next entry),
 * save a few corrected fields (PATCH /api/v1/entries/:id with the version), submit, and go on to
 * the queue's next entry, with a short think time between steps.
 */

export type RequestKind = 'next' | 'save' | 'submit';

export interface Failure {
	kind: RequestKind;
	status: number;
	detail: string;
}

/** What the server acknowledged for one entry: its versions in order and the last saved values. */
export interface Acknowledged {
	versions: number[];
	fields: Record<string, string>;
}

export class Recorder {
	readonly latencies: Record<RequestKind, number[]> = { next: [], save: [], submit: [] };
	readonly failures: Failure[] = [];
	readonly acked = new Map<string, Acknowledged>();

	ack(entryId: string, version: number, fields: Record<string, string> = {}): void {
		const a = this.acked.get(entryId) ?? { versions: [], fields: {} };
		a.versions.push(version);
		Object.assign(a.fields, fields);
		this.acked.set(entryId, a);
	}

	get requests(): number {
		return this.latencies.next.length + this.latencies.save.length + this.latencies.submit.length;
	}
}

export interface ClerkPlan {
	base: string;
	cookie: string;
	firstEntry: string;
	/** Field keys a clerk corrects (two per save). */
	editableKeys: readonly string[];
	savesPerEntry: number;
	/** Mean pause between steps; each pause is drawn from 0.5–1.5× this. */
	thinkMs: number;
	/** No request starts after this moment (performance.now() scale). */
	until: number;
	label: string;
}

class RequestFailed extends Error {}

const pause = (meanMs: number) => new Promise((r) => setTimeout(r, meanMs * (0.5 + Math.random())));

/** Page data of the workbench for one entry, as the client router fetches it on navigation. */
interface WorkbenchData {
	entry: { id: string; version: number; state: string };
	nav: { next: string | null };
}

async function timed(
	rec: Recorder,
	kind: RequestKind,
	url: string,
	init: RequestInit
): Promise<unknown> {
	const t0 = performance.now();
	let res: Response;
	let text: string;
	try {
		res = await fetch(url, init);
		text = await res.text();
	} catch (e) {
		const cause = (e as { cause?: unknown }).cause;
		rec.failures.push({
			kind,
			status: 0,
			detail: `${String(e)}${cause ? `: ${String(cause)}` : ''}`
		});
		throw new RequestFailed();
	}
	rec.latencies[kind].push(performance.now() - t0);
	if (!res.ok) {
		rec.failures.push({ kind, status: res.status, detail: text.slice(0, 200) });
		throw new RequestFailed();
	}
	return JSON.parse(text) as unknown;
}

/** Reads `{nodes:[layout, page]}`; the layout is skipped as the client does between entries. */
function pageData(body: unknown): WorkbenchData {
	const nodes = (body as { nodes?: { type: string; data?: unknown[] }[] }).nodes;
	const page = nodes?.[1];
	if (!page || page.type !== 'data' || !page.data) {
		throw new Error(`unexpected page data: ${JSON.stringify(body).slice(0, 200)}`);
	}
	return unflatten(page.data) as WorkbenchData;
}

export async function runClerk(plan: ClerkPlan, rec: Recorder): Promise<number> {
	const json = { 'content-type': 'application/json', cookie: plan.cookie };
	let entryId: string | null = plan.firstEntry;
	let done = 0;
	let edit = 0;
	await pause(plan.thinkMs); // clerks do not start in step
	try {
		while (entryId && performance.now() < plan.until) {
			const data = pageData(
				await timed(
					rec,
					'next',
					`${plan.base}/entries/${entryId}/__data.json?x-sveltekit-invalidated=01`,
					{ headers: { cookie: plan.cookie } }
				)
			);
			let version = data.entry.version;
			for (let s = 0; s < plan.savesPerEntry; s++) {
				await pause(plan.thinkMs);
				if (performance.now() >= plan.until) return done;
				const fields: Record<string, string> = {};
				for (let k = 0; k < 2; k++) {
					const key = plan.editableKeys[edit++ % plan.editableKeys.length]!;
					fields[key] = `Nguyễn Thị Sửa ${plan.label}-${edit}`;
				}
				const saved = (await timed(rec, 'save', `${plan.base}/api/v1/entries/${entryId}`, {
					method: 'PATCH',
					headers: json,
					body: JSON.stringify({ version, fields })
				})) as { version: number };
				version = saved.version;
				rec.ack(entryId, version, fields);
			}
			await pause(plan.thinkMs);
			if (performance.now() >= plan.until) return done;
			const submitted = (await timed(
				rec,
				'submit',
				`${plan.base}/api/v1/entries/${entryId}/submit`,
				{ method: 'POST', headers: json, body: JSON.stringify({ version }) }
			)) as { version: number; state: string };
			rec.ack(entryId, submitted.version);
			done++;
			entryId = data.nav.next;
		}
	} catch (e) {
		// A refused request is recorded; the clerk stops rather than guess at the entry's state.
		if (!(e instanceof RequestFailed)) throw e;
	}
	return done;
}
