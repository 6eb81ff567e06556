/**
 * Checks one entry against its register's schema and the rules of DOMAIN.md: required fields,
 * parseable dates in range and in order, dates in words agreeing with figures, ID numbers,
 * code lists, names. Returns issues (codes + params); nothing here throws or writes.
 */
import {
	compareDates,
	parseDateFigures,
	sameDate,
	formatDate,
	type PartialDate
} from '../dates/partial-date';
import { checkCmnd, checkPersonalId, type Sex } from '../ids/personal-id';
import type { FieldDef } from './field-kinds';
import type { Issue } from './issues';
import { normalizeFieldValue } from './normalize-field';
import { getRegisterSchema, principalBirthDateKey, type RegisterType } from './schemas';

export interface ValidationContext {
	/** The clock, passed in so checks are reproducible. */
	today?: Date;
}

const MIN_YEAR = 1900;
const PARENT_MIN_AGE = 12;

// Which dates must not come before which: [earlier, later, code].
const ORDER: Partial<Record<RegisterType, [string, string, string][]>> = {
	death: [
		['nktNgaySinh', 'nktNgayChet', 'date.deathBeforeBirth'],
		['nktNgayChet', 'ngayDangKy', 'date.registeredBeforeDeath']
	]
};
// Parents' birth dates and the child's: [parent, child].
const PARENTS: Partial<Record<RegisterType, [string, string][]>> = {
	birth: [
		['meNgaySinh', 'nksNgaySinh'],
		['chaNgaySinh', 'nksNgaySinh']
	],
	recognition: [['cmNgaySinh', 'ncNgaySinh']]
};

const sexOf = (code: string | null | undefined): Sex | undefined =>
	code === '1' ? 'male' : code === '2' ? 'female' : undefined;

export function validateEntry(
	type: RegisterType,
	values: Record<string, string>,
	context: ValidationContext = {}
): Issue[] {
	const today = context.today ?? new Date();
	const schema = getRegisterSchema(type);
	const issues: Issue[] = [];
	const normalized = new Map<string, string>();
	for (const def of schema) {
		const written = values[def.key] ?? '';
		if (!written.trim()) {
			if (def.required) issues.push({ field: def.key, code: 'field.required', severity: 'error' });
			continue;
		}
		const r = normalizeFieldValue(def, written);
		issues.push(...r.issues);
		if (r.normalized !== null) normalized.set(def.key, r.normalized);
	}
	const dates = new Map<string, PartialDate>();
	for (const def of schema) {
		const v = normalized.get(def.key);
		if (v === undefined || (def.kind !== 'date' && def.kind !== 'dateWords')) continue;
		const r = parseDateFigures(v);
		if (r.ok) dates.set(def.key, r.value);
	}
	issues.push(...checkDateRanges(schema, dates, today));
	issues.push(...checkDateOrder(type, dates));
	issues.push(...checkIds(schema, normalized, dates));
	issues.push(...checkEntryNumber(normalized.get('so'), dates.get('ngayDangKy')));
	return issues;
}

function checkDateRanges(
	schema: readonly FieldDef[],
	dates: Map<string, PartialDate>,
	today: Date
): Issue[] {
	const issues: Issue[] = [];
	const now = { year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() };
	for (const def of schema) {
		const d = dates.get(def.key);
		if (!d) continue;
		if (def.kind === 'date' && (d.year < MIN_YEAR || d.year > now.year))
			issues.push({
				field: def.key,
				code: 'date.yearOutOfRange',
				// Before 1900 happens (the deceased in old books): look again, but do not block.
				severity: d.year > now.year ? 'error' : 'warning',
				params: { year: d.year, min: MIN_YEAR, max: now.year }
			});
		else if (def.kind === 'date' && compareDates(d, now) > 0)
			issues.push({
				field: def.key,
				code: 'date.future',
				severity: 'error',
				params: { date: formatDate(d) }
			});
		const figures = def.sameDateAs ? dates.get(def.sameDateAs) : undefined;
		if (figures && !sameDate(figures, d))
			issues.push({
				field: def.key,
				code: 'date.wordsMismatch',
				severity: 'error',
				params: { figures: formatDate(figures), words: formatDate(d) }
			});
	}
	return issues;
}

function checkDateOrder(type: RegisterType, dates: Map<string, PartialDate>): Issue[] {
	const issues: Issue[] = [];
	const birthKey = principalBirthDateKey(type);
	const pairs: [string, string, string][] = [...(ORDER[type] ?? [])];
	if (birthKey) pairs.push([birthKey, 'ngayDangKy', 'date.registeredBeforeBirth']);
	for (const [earlier, later, code] of pairs) {
		const a = dates.get(earlier);
		const b = dates.get(later);
		if (a && b && compareDates(a, b) > 0)
			issues.push({
				field: later,
				code,
				severity: 'error',
				params: { earlier: formatDate(a), later: formatDate(b) }
			});
	}
	for (const [parentKey, childKey] of PARENTS[type] ?? []) {
		const p = dates.get(parentKey);
		const c = dates.get(childKey);
		if (p && c && c.year - p.year < PARENT_MIN_AGE)
			issues.push({
				field: parentKey,
				code: 'date.parentTooYoung',
				severity: 'warning',
				params: { years: c.year - p.year, min: PARENT_MIN_AGE }
			});
	}
	return issues;
}

// The person a field belongs to: its key up to the part name ("meSoDinhDanhCaNhan" → "me").
const personPrefix = (key: string) =>
	key.replace(/(SoDinhDanhCaNhan|SoDinhDanh|SoGiayToTuyThan)$/, '');

function checkIds(
	schema: readonly FieldDef[],
	normalized: Map<string, string>,
	dates: Map<string, PartialDate>
): Issue[] {
	const issues: Issue[] = [];
	for (const def of schema) {
		const v = normalized.get(def.key);
		if (!v) continue;
		const prefix = personPrefix(def.key);
		const sex =
			sexOf(normalized.get(prefix + 'GioiTinh')) ??
			(def.group === 'mother' || def.group === 'wife'
				? 'female'
				: def.group === 'father' || def.group === 'husband'
					? 'male'
					: undefined);
		const ctx = { sex, birthYear: dates.get(prefix + 'NgaySinh')?.year };
		if (def.kind === 'personalId') {
			// Format errors came from normalisation; here only agreement with the entry.
			for (const i of checkPersonalId(v, ctx))
				if (i.severity === 'warning') issues.push({ field: def.key, ...i });
		} else if (def.key.endsWith('SoGiayToTuyThan')) {
			const docType = normalized.get(prefix + 'LoaiGiayToTuyThan');
			const found = docType === '1' ? checkCmnd(v) : docType === '4' ? checkPersonalId(v, ctx) : [];
			for (const i of found) issues.push({ field: def.key, ...i });
		}
	}
	return issues;
}

/** "01/2018" or "01": the year part, when written, should be the registration year. */
function checkEntryNumber(so: string | undefined, registered: PartialDate | undefined): Issue[] {
	if (!so) return [];
	const m = /^(\d+)(?:\s*\/\s*(\d{4}))?$/.exec(so);
	if (!m) return [{ field: 'so', code: 'so.format', severity: 'warning', params: { value: so } }];
	if (m[2] && registered && Number(m[2]) !== registered.year)
		return [
			{
				field: 'so',
				code: 'so.yearMismatch',
				severity: 'warning',
				params: { soYear: m[2], year: registered.year }
			}
		];
	return [];
}

/**
 * Entry numbers of one book-year (số restarts at 01 each year): duplicates, and gaps from 1 to
 * the highest number. Two copies of a book or a correction line explain some; hence warnings.
 */
export function checkEntryNumberSequence(numbers: string[]): Issue[] {
	const issues: Issue[] = [];
	const counts = new Map<number, number>();
	for (const raw of numbers) {
		const m = /^\s*(\d+)/.exec(raw);
		if (!m) {
			issues.push({
				field: 'so',
				code: 'sequence.unreadable',
				severity: 'warning',
				params: { value: raw }
			});
			continue;
		}
		const n = Number(m[1]);
		counts.set(n, (counts.get(n) ?? 0) + 1);
	}
	for (const [n, count] of [...counts].sort((a, b) => a[0] - b[0]))
		if (count > 1)
			issues.push({
				field: 'so',
				code: 'sequence.duplicate',
				severity: 'warning',
				params: { number: n, count }
			});
	const max = Math.max(0, ...counts.keys());
	let gapStart: number | null = null;
	for (let n = 1; n <= max + 1; n++) {
		if (n <= max && !counts.has(n)) gapStart ??= n;
		else if (gapStart !== null) {
			issues.push({
				field: 'so',
				code: 'sequence.gap',
				severity: 'warning',
				params: { from: gapStart, to: n - 1 }
			});
			gapStart = null;
		}
	}
	return issues;
}

/**
 * One entry's number against the other numbers of its book-year: another entry with the same
 * number, or the number just before it missing (the gap the clerk is most likely to explain).
 */
export function entryNumberIssuesInBook(mine: string, others: readonly string[]): Issue[] {
	const n = /^\s*(\d+)/.exec(mine)?.[1];
	if (n === undefined) return [];
	const num = Number(n);
	return checkEntryNumberSequence([...others, mine]).filter(
		(i) =>
			(i.code === 'sequence.duplicate' && i.params?.number === num) ||
			(i.code === 'sequence.gap' && i.params?.to === num - 1)
	);
}
