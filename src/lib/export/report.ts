/** What an export tells its user (stored with the export, shown on the export page). */
import type { DuplicateFinding } from './duplicates';

export interface LegibilityCheck {
	file: string;
	found: number;
	total: number;
}

export interface ExportReport {
	duplicates: (DuplicateFinding & { seq: number; ofBookTitle: string })[];
	/** Approved entries not in the package, and why. */
	leftOut: { id: string; seq: number; code: string }[];
	/** Files whose content changed since the entry's last export. */
	changed: string[];
	pdf: { count: number; largest: number; total: number; maxBytes: number; wholePages: number };
	legibility: { checked: number; passed: number; checks: LegibilityCheck[] };
	ms: number;
}
