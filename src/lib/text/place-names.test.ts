import { describe, expect, it } from 'vitest';
import { restorePlace } from './place-names';

describe('restorePlace', () => {
	it.each([
		['Bệnh viện Đa khoa tỉnh Lâm Đông', 'Bệnh viện Đa khoa tỉnh Lâm Đồng'],
		['Trung tâm Y tê huyện Hải Hậu, tỉnh Nam Định', 'Trung tâm Y tế huyện Hải Hậu, tỉnh Nam Định'],
		[
			'Xã Vĩnh Lương, thành phổ Nha Trang, tính Khánh Hòa',
			'Xã Vĩnh Lương, thành phố Nha Trang, tỉnh Khánh Hòa'
		],
		['Trạm Ÿ tê phường Quang Trung', 'Trạm Y tế phường Quang Trung'],
		['Thị trần Sa Pa, huyện Sa Pa, tỉnh Lào Cai', 'Thị trấn Sa Pa, huyện Sa Pa, tỉnh Lào Cai'],
		['tỉnh Đãk Lãk', 'tỉnh Đắk Lắk'],
		['TINH DAK LAK', 'Tỉnh Đắk Lắk']
	])('%s → %s', (read, restored) => {
		expect(restorePlace(read)).toBe(restored);
	});

	it.each([
		'Xã Diên An, huyện Diên Khánh, tỉnh Khánh Hòa', // already right
		'thôn 3, xã Ea Kao', // a hamlet no list knows stays as read
		'Nhà riêng',
		''
	])('keeps %j', (place) => {
		expect(restorePlace(place)).toBe(place);
	});
});
