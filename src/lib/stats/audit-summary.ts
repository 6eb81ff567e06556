/**
 * What a sampling audit measured. Only the simple random part estimates the book's error rate
 * (an entry drawn for its risk is more likely wrong, so counting it would bias the rate upwards);
 * the risk-weighted part is reported beside it. The audit passes once every random item is
 * checked and the measured rate is at most the supervisor's threshold.
 */
import { clopperPearson, wilson, type Interval } from './intervals';

export interface AuditItemResult {
	part: 'random' | 'risk';
	result: 'ok' | 'error' | null;
}

export type AuditStatus = 'pending' | 'passed' | 'failed';

export interface AuditSummary {
	randomSize: number;
	randomChecked: number;
	randomErrors: number;
	riskSize: number;
	riskChecked: number;
	riskErrors: number;
	/** Errors over checked random items; null before any is checked. */
	errorRate: number | null;
	wilson: Interval | null;
	exact: Interval | null;
	status: AuditStatus;
}

export function summariseAudit(items: readonly AuditItemResult[], threshold: number): AuditSummary {
	const count = (part: AuditItemResult['part'], pred: (i: AuditItemResult) => boolean) =>
		items.filter((i) => i.part === part && pred(i)).length;
	const randomSize = count('random', () => true);
	const randomChecked = count('random', (i) => i.result !== null);
	const randomErrors = count('random', (i) => i.result === 'error');
	const errorRate = randomChecked > 0 ? randomErrors / randomChecked : null;
	const status: AuditStatus =
		randomSize === 0 || randomChecked < randomSize
			? 'pending'
			: (errorRate ?? 1) <= threshold
				? 'passed'
				: 'failed';
	return {
		randomSize,
		randomChecked,
		randomErrors,
		riskSize: count('risk', () => true),
		riskChecked: count('risk', (i) => i.result !== null),
		riskErrors: count('risk', (i) => i.result === 'error'),
		errorRate,
		wilson: wilson(randomErrors, randomChecked),
		exact: clopperPearson(randomErrors, randomChecked),
		status
	};
}

/**
 * How likely an approved entry is to hold an error, for the risk-weighted draw: an ordinary entry
 * weighs 1; each field the workbench flagged, each OCR value the clerk changed and each return
 * make it likelier.
 */
export function entryRisk(f: { flagged: number; changed: number; returns: number }): number {
	return 1 + f.flagged + 0.5 * f.changed + 2 * f.returns;
}
