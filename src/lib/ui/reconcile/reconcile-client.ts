/**
 * What the candidate panel exchanges with `/api/v1/entries/:id/candidates` and
 * `/api/v1/entries/:id/reconciliation`, and the pure helpers it shows them with.
 */
export type Decision = 'linked' | 'absent' | 'undecided';

export interface ResidentShown {
	full_name: string;
	birth_date: string | null;
	sex: string | null;
	birth_place: string | null;
	native_place: string | null;
	father_name: string | null;
	mother_name: string | null;
	residence: string | null;
	personal_id: string | null;
}

export interface CandidateShown {
	residentId: string;
	score: number;
	match: boolean;
	agreements: Record<string, string>;
	resident: ResidentShown;
}

export interface DecisionShown {
	decision: Decision;
	residentId: string | null;
	decidedBy: string;
	decidedAt: string;
	score: number | null;
	resident: ResidentShown | null;
}

export interface CandidatesResponse {
	candidates: CandidateShown[];
	decision: DecisionShown | null;
	/** Contract key (full_name, mother_name…) → the entry's field key. */
	fieldMap: Record<string, string>;
}

/** The fields shown as "tên: khớp", in this order. */
export const SHOWN_FIELDS = [
	'full_name',
	'birth_date',
	'sex',
	'personal_id',
	'father_name',
	'mother_name',
	'birth_place'
] as const;

/** Levels that need no comment in the differences list. */
const SAME = new Set(['exact', 'agree', 'missing', 'partial', 'sameUnit']);

/** Fields where the book and the extract differ (the book's value is kept). */
export function differences(
	c: CandidateShown,
	fieldMap: Record<string, string>,
	fields: Record<string, string>
): { key: string; book: string; extract: string }[] {
	const out: { key: string; book: string; extract: string }[] = [];
	for (const key of SHOWN_FIELDS) {
		const level = c.agreements[key];
		const field = fieldMap[key];
		if (!level || SAME.has(level) || !field || key === 'sex') continue;
		const book = fields[field]?.trim() ?? '';
		const extract = c.resident[key as keyof ResidentShown] ?? '';
		if (book && extract) out.push({ key, book, extract });
	}
	return out;
}

/** Entry fields left empty that the linked resident can fill (ID, parents, birth place). */
export function fillable(
	r: ResidentShown,
	fieldMap: Record<string, string>,
	fields: Record<string, string>
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of ['personal_id', 'father_name', 'mother_name', 'birth_place'] as const) {
		const field = fieldMap[key];
		const value = r[key];
		if (field && value && !fields[field]?.trim()) out[field] = value;
	}
	return out;
}

async function asJson<T>(res: Response): Promise<T> {
	const body = (await res.json().catch(() => null)) as
		(T & { error?: undefined }) | { error: { message: string } } | null;
	if (!res.ok || !body || ('error' in body && body.error))
		throw new Error(
			body && 'error' in body && body.error ? body.error.message : `HTTP ${res.status}`
		);
	return body as T;
}

/** Candidates for the form's live values (POST: the values travel in the body, not the URL). */
export async function fetchCandidates(
	entryId: string,
	fields: Record<string, string>,
	signal?: AbortSignal
): Promise<CandidatesResponse> {
	const res = await fetch(`/api/v1/entries/${encodeURIComponent(entryId)}/candidates`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ fields }),
		signal
	});
	return asJson<CandidatesResponse>(res);
}

export async function putDecision(
	entryId: string,
	decision: Decision,
	residentId?: string
): Promise<DecisionShown> {
	const res = await fetch(`/api/v1/entries/${encodeURIComponent(entryId)}/reconciliation`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(residentId ? { decision, residentId } : { decision })
	});
	return asJson<DecisionShown>(res);
}
