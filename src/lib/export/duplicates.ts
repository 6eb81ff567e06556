/**
 * The same event scanned twice — from the commune's book and from the copy certified to the
 * district (DOMAIN.md §1) — must reach the national database once. Two keys find it: the
 * registration (registering body, book, year, entry number) and the person (name and full date
 * of birth).
 */
import { matchKey } from '../text/normalize';
import { bookNumberOnly } from './entry-values';

export interface DuplicateCandidate {
	id: string;
	bookId: string;
	/** Order in its book. */
	seq: number;
	registeringBody: string | null;
	bookNumber: string | null;
	/** Registration year. */
	year: number;
	entryNumber: number | null;
	name: string | null;
	/** Normalised "dd/MM/yyyy"; partial dates do not identify a person. */
	birthDate: string | null;
	/** Already left sohoa in an export. */
	exported: boolean;
}

export type DuplicateReason = 'sameRegistration' | 'samePerson';

export interface DuplicateFinding {
	id: string;
	/** The entry it repeats. */
	of: string;
	ofBookId: string;
	reason: DuplicateReason;
	/**
	 * True: left out of this export (the other one was exported, or comes first in this book).
	 * False: reported only — the other copy is in a book not exported yet; whichever book is
	 * exported first carries the event.
	 */
	excluded: boolean;
}

const bookKey = (b: string | null, year: number) =>
	matchKey(bookNumberOnly(b ?? '', year)).replace(/^0+(?=\d)/, '');

export function duplicateKeys(c: DuplicateCandidate): { reason: DuplicateReason; key: string }[] {
	const keys: { reason: DuplicateReason; key: string }[] = [];
	const body = matchKey(c.registeringBody ?? '');
	const book = bookKey(c.bookNumber, c.year);
	if (body && book && c.entryNumber !== null)
		keys.push({ reason: 'sameRegistration', key: `${body}|${book}|${c.year}|${c.entryNumber}` });
	const name = matchKey(c.name ?? '');
	if (name && c.birthDate && /^\d{2}\/\d{2}\/\d{4}$/.test(c.birthDate))
		keys.push({ reason: 'samePerson', key: `${name}|${c.birthDate}` });
	return keys;
}

/**
 * Findings for the entries of one book (`book`, in book order) against each other and against
 * entries of other books (`others`). One finding per duplicate entry: an exclusion wins over a
 * report, the registration key over the person key.
 */
export function findDuplicates(
	book: readonly DuplicateCandidate[],
	others: readonly DuplicateCandidate[]
): DuplicateFinding[] {
	const elsewhere = new Map<string, DuplicateCandidate[]>();
	for (const o of others)
		for (const { key } of duplicateKeys(o)) elsewhere.set(key, [...(elsewhere.get(key) ?? []), o]);
	const kept = new Map<string, DuplicateCandidate>();
	const findings: DuplicateFinding[] = [];
	for (const c of [...book].sort((a, b) => a.seq - b.seq)) {
		const keys = duplicateKeys(c);
		let finding: DuplicateFinding | null = null;
		for (const { reason, key } of keys) {
			const first = kept.get(key);
			const exported = elsewhere.get(key)?.find((o) => o.exported);
			const other = first ?? exported;
			if (other) {
				finding = { id: c.id, of: other.id, ofBookId: other.bookId, reason, excluded: true };
				break;
			}
		}
		if (!finding) {
			for (const { reason, key } of keys) {
				const other = elsewhere.get(key)?.[0];
				if (other) {
					finding = { id: c.id, of: other.id, ofBookId: other.bookId, reason, excluded: false };
					break;
				}
			}
			for (const { key } of keys) if (!kept.has(key)) kept.set(key, c);
		}
		if (finding) findings.push(finding);
	}
	return findings;
}
