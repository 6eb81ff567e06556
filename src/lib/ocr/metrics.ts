/** Character error rate: edit distance over the reference's length (code points, NFC, spaces collapsed). */
export function cer(hypothesis: string, reference: string): number {
	const norm = (s: string) => [...s.normalize('NFC').replace(/\s+/g, ' ').trim()];
	const h = norm(hypothesis);
	const r = norm(reference);
	if (r.length === 0) return h.length === 0 ? 0 : 1;
	let prev = new Uint32Array(h.length + 1).map((_, i) => i);
	let cur = new Uint32Array(h.length + 1);
	// Both rows hold h.length + 1 cells and j ≤ h.length, so every index below is in range.
	for (let i = 1; i <= r.length; i++) {
		cur[0] = i;
		for (let j = 1; j <= h.length; j++) {
			const sub = prev[j - 1]! + (r[i - 1] === h[j - 1] ? 0 : 1);
			cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
		}
		[prev, cur] = [cur, prev];
	}
	return prev[h.length]! / r.length;
}
