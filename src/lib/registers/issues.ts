/** A problem found in an entry: a code and params that the UI translates (issue-messages.ts). */
export interface Issue {
	field?: string;
	code: string;
	severity: 'error' | 'warning';
	params?: Record<string, string | number>;
}
