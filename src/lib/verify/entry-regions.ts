/**
 * Geometry of an entry's region on its scanned page, for a clerk correcting the segmentation:
 * moving or resizing a region, splitting one entry into two at a line, merging two into one.
 * Boxes are [x0, y0, x1, y1] in page pixels (top-left origin, x1/y1 exclusive).
 */

export type Box = [number, number, number, number];

export interface PageSize {
	width: number;
	height: number;
}

export type RegionRefusal =
	| { ok: false; code: 'region.outOfPage'; params: { width: number; height: number } }
	| { ok: false; code: 'region.empty'; params: Record<string, never> }
	| { ok: false; code: 'region.splitOutside'; params: { y: number; top: number; bottom: number } }
	| { ok: false; code: 'region.splitTooClose'; params: { min: number } };

/** A part thinner than this is a ruling or a slip of the mouse, not an entry. */
export const MIN_PART_HEIGHT = 8;

/**
 * A box drawn on the page, snapped to whole pixels: refused when it leaves the page or has no
 * area (a click without a drag, or corners given the wrong way round).
 */
export function checkBox(
	box: readonly number[],
	page: PageSize
): { ok: true; box: Box } | RegionRefusal {
	const [x0, y0, x1, y1] = box.map((v) => Math.round(v)) as Box;
	if ([x0, y0, x1, y1].some((v) => !Number.isFinite(v)))
		return { ok: false, code: 'region.empty', params: {} };
	if (x0 < 0 || y0 < 0 || x1 > page.width || y1 > page.height)
		return { ok: false, code: 'region.outOfPage', params: { ...page } };
	if (x1 <= x0 || y1 <= y0) return { ok: false, code: 'region.empty', params: {} };
	return { ok: true, box: [x0, y0, x1, y1] };
}

/** Cuts a region at line `y`: the entry keeps the upper part, a new one takes the lower. */
export function splitBox(
	region: Box,
	y: number
): { ok: true; upper: Box; lower: Box; y: number } | RegionRefusal {
	const cut = Math.round(y);
	const [x0, top, x1, bottom] = region;
	if (!(cut > top && cut < bottom))
		return { ok: false, code: 'region.splitOutside', params: { y: cut, top, bottom } };
	if (cut - top < MIN_PART_HEIGHT || bottom - cut < MIN_PART_HEIGHT)
		return { ok: false, code: 'region.splitTooClose', params: { min: MIN_PART_HEIGHT } };
	return { ok: true, upper: [x0, top, x1, cut], lower: [x0, cut, x1, bottom], y: cut };
}

/**
 * The fields that go with the lower part of a split: those whose box's centre lies at or below
 * the cut. A field without a box stays with the entry the clerk split (nothing says it moved).
 */
export function fieldsBelow(fields: readonly { key: string; bbox: Box | null }[], y: number) {
	return fields
		.filter((f) => f.bbox !== null && (f.bbox[1] + f.bbox[3]) / 2 >= y)
		.map((f) => f.key);
}

/** The smallest box holding both; a missing region is no constraint. */
export function unionOf(a: Box | null, b: Box | null): Box | null {
	if (!a) return b;
	if (!b) return a;
	return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export interface MergeFieldValue {
	value: string;
	flag: string | null;
}

export interface MergePlan {
	/** Keys whose value comes from the second entry (empty or missing in the first). */
	fill: string[];
	/** Keys both entries wrote differently: merging would lose one of them. */
	conflicts: { key: string; first: string; second: string }[];
}

const written = (f: MergeFieldValue | undefined): string => f?.value.normalize('NFC').trim() ?? '';

/**
 * How the fields of two entries merge: the first entry's written values win, its empty ones are
 * filled from the second; two different written values for one field are a conflict, because
 * keeping either would silently drop what a clerk (or OCR) read. The same value twice is not.
 * A field the clerk marked (illegible, blank) counts as written in the first entry. A field only
 * the second has comes along even when empty: its row holds where it is written on the page.
 */
export function planMerge(
	first: ReadonlyMap<string, MergeFieldValue>,
	second: ReadonlyMap<string, MergeFieldValue>
): MergePlan {
	const fill: string[] = [];
	const conflicts: MergePlan['conflicts'] = [];
	for (const [key, f2] of second) {
		const v2 = written(f2);
		const f1 = first.get(key);
		const v1 = written(f1);
		if (!v2 && !f2.flag) {
			// Nothing written, but a field the first lacks keeps its row (and the box drawn for it).
			if (!f1) fill.push(key);
			continue;
		}
		if (!v1 && !f1?.flag) fill.push(key);
		else if (v2 && v1 !== v2) conflicts.push({ key, first: v1, second: v2 });
	}
	fill.sort();
	conflicts.sort((a, b) => a.key.localeCompare(b.key));
	return { fill, conflicts };
}
