import { describe, expect, it } from 'vitest';
import { duplicateKeys, findDuplicates, type DuplicateCandidate } from './duplicates';

let n = 0;
const entry = (o: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
	id: `e${++n}`,
	bookId: 'commune',
	seq: n,
	registeringBody: 'UBND xã Tân Lập',
	bookNumber: '02',
	year: 2008,
	entryNumber: n,
	name: `Người ${n}`,
	birthDate: '01/02/2008',
	exported: false,
	...o
});

describe('duplicate detection', () => {
	it('keys on the registration and on the person, spelling-insensitively', () => {
		const a = entry({ registeringBody: 'UBND Xã Tân Lập', bookNumber: '02/2008', entryNumber: 5 });
		const b = entry({ registeringBody: 'ubnd xa tan lap', bookNumber: '2', entryNumber: 5 });
		expect(duplicateKeys(a)[0]).toEqual(duplicateKeys(b)[0]);
		// A year-only birth date does not identify a person.
		expect(duplicateKeys(entry({ birthDate: '2008' })).map((k) => k.reason)).toEqual([
			'sameRegistration'
		]);
	});

	it('leaves out the later of two equal registrations in one book', () => {
		const a = entry({ entryNumber: 9 });
		const b = entry({ entryNumber: 9 });
		const c = entry();
		expect(findDuplicates([b, c, a], [])).toEqual([
			{ id: b.id, of: a.id, ofBookId: 'commune', reason: 'sameRegistration', excluded: true }
		]);
	});

	it('leaves out an event already exported from the other copy, and only reports one not yet exported', () => {
		const district = (o: Partial<DuplicateCandidate>) => entry({ bookId: 'district', ...o });
		const exportedCopy = district({ entryNumber: 3, exported: true, name: 'X' });
		const pendingCopy = district({ entryNumber: 4, exported: false, name: 'Y' });
		const mine3 = entry({ entryNumber: 3, name: 'Z' });
		const mine4 = entry({ entryNumber: 4, name: 'W' });
		expect(findDuplicates([mine3, mine4], [exportedCopy, pendingCopy])).toEqual([
			{
				id: mine3.id,
				of: exportedCopy.id,
				ofBookId: 'district',
				reason: 'sameRegistration',
				excluded: true
			},
			{
				id: mine4.id,
				of: pendingCopy.id,
				ofBookId: 'district',
				reason: 'sameRegistration',
				excluded: false
			}
		]);
	});

	it('finds the same person and birth date under different numbers', () => {
		const a = entry({ name: 'NGUYỄN VĂN AN', birthDate: '27/08/2008' });
		const b = entry({ name: 'Nguyễn Văn An', birthDate: '27/08/2008', registeringBody: null });
		expect(findDuplicates([a, b], [])).toEqual([
			{ id: b.id, of: a.id, ofBookId: 'commune', reason: 'samePerson', excluded: true }
		]);
	});

	it('finds nothing among distinct entries', () => {
		expect(findDuplicates([entry(), entry(), entry()], [entry({ bookId: 'x' })])).toEqual([]);
	});
});
