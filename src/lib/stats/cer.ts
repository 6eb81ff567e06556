/**
 * Character error rate of an OCR reading against the value the entry was approved with: the
 * Levenshtein distance over Unicode code points of the NFC forms, divided by the final value's
 * length. Vietnamese letters with tone marks count as one character each.
 */

/** Edits (insertions, deletions, substitutions) turning `a` into `b`, over code points. */
export function editDistance(a: string, b: string): number {
	const x = [...a.normalize('NFC')];
	const y = [...b.normalize('NFC')];
	if (x.length === 0) return y.length;
	if (y.length === 0) return x.length;
	let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
	let cur = new Array<number>(y.length + 1);
	for (let i = 1; i <= x.length; i++) {
		cur[0] = i;
		for (let j = 1; j <= y.length; j++) {
			const sub = prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
			cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
		}
		[prev, cur] = [cur, prev];
	}
	return prev[y.length]!;
}

/** The edits and the reference length one field contributes to a pooled CER. */
export function cerParts(ocr: string, final: string): { edits: number; chars: number } {
	return { edits: editDistance(ocr, final), chars: [...final.normalize('NFC')].length };
}

/** Pooled CER: total edits over total reference characters; null when there is no reference text. */
export function pooledCer(edits: number, chars: number): number | null {
	if (chars <= 0) return edits > 0 ? 1 : null;
	return Math.min(1, edits / chars);
}
