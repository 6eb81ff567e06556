/** Below this, an OCR reading is marked for the clerk to check against the scan. */
export const LOW_CONFIDENCE = 0.75;

/** Tesseract reports 0–100, our own scores 0–1: read both the same way. */
export function unitConfidence(c: number | null): number | null {
	if (c === null || Number.isNaN(c)) return null;
	return c > 1 ? c / 100 : c;
}
