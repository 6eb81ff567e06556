import { describe, expect, it } from 'vitest';
import {
	compareDates,
	compareIds,
	compareNames,
	compareParent,
	comparePart,
	comparePlaces,
	compareSex,
	jaroWinkler
} from './compare';
import { parseLooseDate, parseName, parsePlace } from './fields';

const n = (s: string) => parseName(s);
const d = (s: string) => parseLooseDate(s);

describe('compareNames', () => {
	it.each([
		['Nguyễn Thị Hòa', 'NGUYỄN THỊ HOÀ', 'exact'],
		['Nguyễn Thị Hòa', 'Nguyen Thi Hoa', 'folded'],
		['Nguyễn Thị Hòa', 'Nguyễn Thị Hóa', 'folded'],
		['Nguyễn Thị Hòa', 'Nguyễn Hòa', 'noMiddle'],
		['Nguyễn Thị Hòa', 'Nguyễn Thị Hoà'.normalize('NFD'), 'exact'],
		['Nguyễn Thị Hoàn', 'Nguyễn Thị Hoàng', 'close'],
		['Nguyễn Thị Hòa', 'Trần Văn Bình', 'differ'],
		["H'Nhi Êban", 'H’NHI ÊBAN', 'exact']
	])('%s ~ %s → %s', (a, b, level) => {
		expect(compareNames(n(a), n(b))).toBe(level);
	});
	it('is missing when either side is', () => {
		expect(compareNames(null, n('An'))).toBe('missing');
	});
});

describe('compareParent', () => {
	it.each([
		['Trần Thị Mai', 'TRẦN THỊ MAI', 'exact'],
		['Trần Thị Mai', 'Tran Thi Mai', 'folded'],
		['Trần Thị Mai', 'Lê Thị Mai', 'givenOnly'],
		['Trần Thị Mai', 'Lê Văn Cường', 'differ'],
		['Trần Thị Mai', '', 'missing']
	])('%s ~ %s → %s', (a, b, level) => expect(compareParent(n(a), n(b))).toBe(level));
});

describe('comparePart and Jaro–Winkler', () => {
	it('scores like the textbook examples', () => {
		expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
		expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
		expect(jaroWinkler('', 'a')).toBe(0);
	});
	it.each([
		['huong', 'huong', 'agree'],
		['huong', 'huomg', 'close'],
		['huong', 'lan', 'differ'],
		['', 'lan', 'missing']
	])('%s ~ %s → %s', (a, b, level) => expect(comparePart(a, b)).toBe(level));
});

describe('compareDates (partial dates stay partial)', () => {
	it.each([
		['27/08/2008', '27/08/2008', 'exact'],
		['2008', '27/08/2008', 'partial'],
		['08/2008', '27/08/2008', 'partial'],
		['08/07/2008', '07/08/2008', 'swapped'],
		['01/01/2008', '27/08/2008', 'sameYear'],
		['27/08/2007', '27/08/2008', 'yearOff1'],
		['27/08/1998', '27/08/2008', 'differ'],
		['', '27/08/2008', 'missing']
	])('%s ~ %s → %s', (a, b, level) => expect(compareDates(d(a), d(b))).toBe(level));
});

describe('compareIds, compareSex, comparePlaces', () => {
	it('personal IDs: equal, one digit off or two swapped, different', () => {
		expect(compareIds('066185000123', '066185000123')).toBe('agree');
		expect(compareIds('066185000123', '066185000124')).toBe('close');
		expect(compareIds('066185000123', '066185000213')).toBe('close');
		expect(compareIds('066185000123', '079190555555')).toBe('differ');
		expect(compareIds(null, '066185000123')).toBe('missing');
	});
	it('sex', () => {
		expect(compareSex(1, 1)).toBe('agree');
		expect(compareSex(1, 2)).toBe('differ');
		expect(compareSex(0, 2)).toBe('missing');
	});
	it('places: same unit under an old or new name, same province, different', () => {
		const p = (s: string) => parsePlace(s);
		expect(comparePlaces(p('Phường Tân Lập, Đắk Lắk'), p('P. Tân Lập, tỉnh Đắk Lắk'))).toBe(
			'sameUnit'
		);
		expect(
			comparePlaces(p('Phường Phúc Xá, Ba Đình, Hà Nội'), p('Phường Hồng Hà, Thành phố Hà Nội'))
		).toBe('sameUnit');
		expect(comparePlaces(p('xã Ea Tu, Đắk Lắk'), p('Phường Tân Lập, Đắk Lắk'))).toBe(
			'sameProvince'
		);
		expect(comparePlaces(p('Phường Tân Lập, Đắk Lắk'), p('Phường Ba Đình, Hà Nội'))).toBe('differ');
		expect(comparePlaces(null, p('Hà Nội'))).toBe('missing');
	});
});
