/**
 * Geometry of the scan viewer: which part of the page is shown, where a page box sits in that
 * view (as fractions, so CSS percentages keep it right at any zoom), and where a pointer on the
 * rotated view falls on the page.
 */
export type Box = [number, number, number, number];
export type Rotation = 0 | 90 | 180 | 270;

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4] as const;

/** The next zoom step up or down from `zoom` (which need not be a step). */
export function clampZoom(zoom: number, direction: 1 | -1): number {
	const steps = ZOOM_STEPS as readonly number[];
	if (direction === 1) return steps.find((s) => s > zoom + 1e-9) ?? steps[steps.length - 1]!;
	return [...steps].reverse().find((s) => s < zoom - 1e-9) ?? steps[0]!;
}

/** The entry's region with a 1% margin, or the whole page when there is no region. */
export function viewBox(region: Box | null, width: number, height: number): Box {
	if (!region || width <= 0 || height <= 0) return [0, 0, width, height];
	const m = Math.round(width * 0.01);
	return [
		Math.max(0, region[0] - m),
		Math.max(0, region[1] - m),
		Math.min(width, region[2] + m),
		Math.min(height, region[3] + m)
	];
}

/** A page box as [left, top, width, height] fractions of the (unrotated) view. */
export function pageToView(b: Box, view: Box): [number, number, number, number] {
	const vw = view[2] - view[0] || 1;
	const vh = view[3] - view[1] || 1;
	return [(b[0] - view[0]) / vw, (b[1] - view[1]) / vh, (b[2] - b[0]) / vw, (b[3] - b[1]) / vh];
}

/**
 * A point given as fractions of the rotated view's bounding box → page pixels. The view turns
 * clockwise: at 90°, the view's top-left corner shows the page's bottom-left.
 */
export function viewToPage(
	[fx, fy]: [number, number],
	view: Box,
	rotation: Rotation
): [number, number] {
	const [u, v] =
		rotation === 90
			? [fy, 1 - fx]
			: rotation === 180
				? [1 - fx, 1 - fy]
				: rotation === 270
					? [1 - fy, fx]
					: [fx, fy];
	const clamp = (n: number) => Math.min(1, Math.max(0, n));
	return [view[0] + clamp(u) * (view[2] - view[0]), view[1] + clamp(v) * (view[3] - view[1])];
}

/**
 * The zoom step at which the scan is drawn near `target` screen pixels per scanned pixel, so
 * handwriting is readable without a click (a table row fitted to width is far too small);
 * never below fit-to-width.
 */
export function legibleZoom(viewWidth: number, containerWidth: number, target = 0.6): number {
	if (viewWidth <= 0 || containerWidth <= 0) return 1;
	const wanted = (target * viewWidth) / containerWidth;
	let best = 1;
	for (const s of ZOOM_STEPS)
		if (s >= 1 && Math.abs(s - wanted) < Math.abs(best - wanted)) best = s;
	return best;
}
