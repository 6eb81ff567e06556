import units2025 from '../units/units-2025.json';
import type { Rng } from './rng';
import type { Ethnicity } from './names-data';

/** A commune as a book writes it: three levels before 1 July 2025 (commune, district, province),
 * two after (districts were abolished). */
export interface Place {
	commune: string;
	district?: string;
	province: string;
	/** Two-digit statistics code of the province that registers births there (ID prefix "0" + code). */
	provinceCode: string;
	/** Years the three-level name was current; historical names appear in books of those years. */
	from?: number;
	until?: number;
	/** Groups living there in numbers, so minority people get plausible places. */
	ethnicities?: readonly Ethnicity[];
}

interface CuratedProvince {
	province: string;
	code: string;
	from?: number;
	until?: number;
	ethnicities?: readonly Ethnicity[];
	districts: readonly (readonly [district: string, communes: readonly string[]])[];
}

/** Pre-2025 (historical) units, spelled as books of their time write them. Curated by hand; a
 * small, representative set, not a complete gazetteer. */
const CURATED: readonly CuratedProvince[] = [
	{
		province: 'thành phố Hà Nội',
		code: '01',
		districts: [
			['quận Ba Đình', ['Phường Phúc Xá', 'Phường Kim Mã', 'Phường Ngọc Hà']],
			['quận Cầu Giấy', ['Phường Mai Dịch', 'Phường Dịch Vọng', 'Phường Nghĩa Đô']],
			['huyện Đông Anh', ['Xã Uy Nỗ', 'Xã Kim Chung', 'Thị trấn Đông Anh']],
			['huyện Sóc Sơn', ['Xã Phù Linh', 'Xã Mai Đình']]
		]
	},
	{
		province: 'thành phố Hà Nội',
		code: '01',
		from: 2008,
		districts: [
			['huyện Thạch Thất', ['Xã Bình Yên', 'Xã Hạ Bằng']],
			['huyện Chương Mỹ', ['Thị trấn Chúc Sơn', 'Xã Phụng Châu']],
			['quận Hà Đông', ['Phường Quang Trung', 'Phường Văn Quán']]
		]
	},
	{
		province: 'tỉnh Hà Tây',
		code: '01',
		until: 2008,
		districts: [
			['thị xã Hà Đông', ['Phường Quang Trung', 'Xã Văn Khê']],
			['huyện Thạch Thất', ['Xã Bình Yên', 'Xã Hạ Bằng']],
			['huyện Chương Mỹ', ['Thị trấn Chúc Sơn', 'Xã Phụng Châu']]
		]
	},
	{
		province: 'tỉnh Hải Dương',
		code: '30',
		districts: [
			['huyện Tứ Kỳ', ['Xã An Thanh', 'Xã Quang Phục', 'Thị trấn Tứ Kỳ']],
			['thành phố Hải Dương', ['Phường Trần Phú', 'Phường Ngọc Châu']]
		]
	},
	{
		province: 'tỉnh Nam Định',
		code: '36',
		districts: [
			['huyện Hải Hậu', ['Xã Hải Anh', 'Thị trấn Yên Định', 'Xã Hải Minh']],
			['huyện Giao Thủy', ['Xã Giao Thiện', 'Xã Giao Hà']]
		]
	},
	{
		province: 'tỉnh Thanh Hóa',
		code: '38',
		districts: [
			['huyện Hoằng Hóa', ['Xã Hoằng Đạo', 'Xã Hoằng Lộc']],
			['huyện Thọ Xuân', ['Xã Xuân Lai', 'Thị trấn Thọ Xuân']]
		]
	},
	{
		province: 'tỉnh Nghệ An',
		code: '40',
		districts: [
			['huyện Diễn Châu', ['Xã Diễn Kỷ', 'Xã Diễn Thành']],
			['huyện Quỳnh Lưu', ['Xã Quỳnh Hậu', 'Xã Quỳnh Lâm']]
		]
	},
	{
		province: 'tỉnh Bình Định',
		code: '52',
		districts: [
			['huyện Tuy Phước', ['Xã Phước Lộc', 'Thị trấn Diêu Trì']],
			['thị xã An Nhơn', ['Phường Bình Định', 'Xã Nhơn Hậu']]
		]
	},
	{
		province: 'tỉnh Khánh Hòa',
		code: '56',
		districts: [
			['thành phố Nha Trang', ['Phường Vĩnh Hải', 'Xã Vĩnh Lương']],
			['huyện Diên Khánh', ['Xã Diên An', 'Thị trấn Diên Khánh']]
		]
	},
	{
		province: 'tỉnh Đắk Lắk',
		code: '66',
		ethnicities: ['Ê Đê', 'Kinh'],
		districts: [
			['thành phố Buôn Ma Thuột', ['Xã Ea Kao', 'Phường Tân Lợi', 'Phường Tự An', 'Xã Hòa Thắng']],
			['huyện Krông Pắc', ['Xã Ea Phê', 'Thị trấn Phước An', 'Xã Ea Kly']],
			['huyện Buôn Đôn', ['Xã Krông Na', 'Xã Ea Wer']],
			["huyện Cư M'gar", ['Xã Ea Tul', 'Thị trấn Quảng Phú']]
		]
	},
	{
		province: 'tỉnh Gia Lai',
		code: '64',
		ethnicities: ['Gia Rai', 'Kinh'],
		districts: [
			['thành phố Pleiku', ['Phường Hội Thương', 'Xã Biển Hồ']],
			['huyện Chư Păh', ['Xã Ia Ka', 'Xã Ia Nhin']],
			['huyện Ia Grai', ['Xã Ia Dêr', 'Xã Ia Sao']]
		]
	},
	{
		province: 'tỉnh Sơn La',
		code: '14',
		ethnicities: ['Thái', 'Mông', 'Kinh'],
		districts: [
			['huyện Mường La', ['Xã Chiềng Lao', 'Xã Ít Ong']],
			['thành phố Sơn La', ['Phường Chiềng Lề', 'Xã Chiềng Ngần']],
			['huyện Thuận Châu', ['Xã Chiềng Pấc', 'Xã Phổng Lái']]
		]
	},
	{
		province: 'tỉnh Hà Giang',
		code: '02',
		ethnicities: ['Mông'],
		districts: [
			['huyện Đồng Văn', ['Xã Lũng Cú', 'Xã Sủng Là']],
			['huyện Mèo Vạc', ['Xã Pải Lủng', 'Xã Xín Cái']]
		]
	},
	{
		province: 'tỉnh Lào Cai',
		code: '10',
		ethnicities: ['Mông', 'Kinh'],
		districts: [
			['huyện Sa Pa', ['Xã Tả Van', 'Thị trấn Sa Pa']],
			['huyện Bắc Hà', ['Xã Bản Phố', 'Xã Tả Van Chư']]
		]
	},
	{
		province: 'tỉnh Sóc Trăng',
		code: '94',
		ethnicities: ['Khmer', 'Kinh'],
		districts: [
			['huyện Trần Đề', ['Xã Lịch Hội Thượng', 'Xã Đại Ân 2']],
			['thị xã Vĩnh Châu', ['Phường Khánh Hòa', 'Xã Vĩnh Hải']]
		]
	},
	{
		province: 'tỉnh Trà Vinh',
		code: '84',
		ethnicities: ['Khmer', 'Kinh'],
		districts: [['huyện Trà Cú', ['Xã Phước Hưng', 'Xã Ngãi Xuyên', 'Thị trấn Trà Cú']]]
	},
	{
		province: 'thành phố Hồ Chí Minh',
		code: '79',
		districts: [
			['quận 1', ['Phường Bến Nghé', 'Phường Đa Kao']],
			['quận Bình Thạnh', ['Phường 25', 'Phường 13']],
			['huyện Củ Chi', ['Xã Tân Thạnh Đông', 'Xã Phước Vĩnh An']]
		]
	},
	{
		province: 'tỉnh Lâm Đồng',
		code: '68',
		districts: [
			['huyện Đạ Tẻh', ['Xã An Nhơn', 'Thị trấn Đạ Tẻh']],
			['thành phố Đà Lạt', ['Phường 9', 'Xã Tà Nung']]
		]
	},
	{
		province: 'thành phố Cần Thơ',
		code: '92',
		districts: [
			['quận Ninh Kiều', ['Phường An Hòa', 'Phường Xuân Khánh']],
			['huyện Phong Điền', ['Xã Nhơn Ái', 'Thị trấn Phong Điền']]
		]
	}
];

export const HISTORICAL_PLACES: readonly Place[] = CURATED.flatMap((p) =>
	p.districts.flatMap(([district, communes]) =>
		communes.map((commune) => ({
			commune,
			district,
			province: p.province,
			provinceCode: p.code,
			from: p.from,
			until: p.until,
			ethnicities: p.ethnicities
		}))
	)
);

interface UnitRow {
	code: string;
	name: string;
	level: string;
	parent: string | null;
}

/** Lower-case the unit type word ("Tỉnh Đắk Lắk" → "tỉnh Đắk Lắk") as running text writes it. */
function lowerType(name: string): string {
	return name.replace(/^(Tỉnh|Thành phố)(?= )/u, (t) => t.toLowerCase());
}

const PROVINCE_ETHNICITIES: Record<string, readonly Ethnicity[]> = {
	'66': ['Ê Đê', 'Kinh'],
	'52': ['Gia Rai', 'Kinh'],
	'14': ['Thái', 'Mông', 'Kinh'],
	'08': ['Mông', 'Kinh'],
	'15': ['Mông', 'Kinh'],
	'11': ['Thái', 'Mông'],
	'12': ['Thái', 'Mông'],
	'86': ['Khmer', 'Kinh'],
	'91': ['Khmer', 'Kinh'],
	'92': ['Khmer', 'Kinh']
};

let current: readonly Place[] | undefined;

/** Post-1 July 2025 communes from the repository's unit list (two levels). */
export function currentPlaces(): readonly Place[] {
	if (current) return current;
	const rows = units2025 as UnitRow[];
	const provinces = new Map(rows.filter((u) => u.level === 'province').map((u) => [u.code, u]));
	current = rows
		.filter((u) => u.level === 'commune' && u.parent && provinces.has(u.parent))
		.map((u) => ({
			commune: u.name,
			province: lowerType(provinces.get(u.parent!)!.name),
			provinceCode: u.parent!,
			from: 2025,
			ethnicities: PROVINCE_ETHNICITIES[u.parent!]
		}));
	if (current.length === 0) current = HISTORICAL_PLACES;
	return current;
}

/** Places whose names were current in `year`. */
export function placesForYear(year: number): readonly Place[] {
	if (year >= 2025) return currentPlaces();
	return HISTORICAL_PLACES.filter(
		(p) => (p.from === undefined || year >= p.from) && (p.until === undefined || year < p.until)
	);
}

export function pickPlace(rng: Rng, year: number, ethnicity?: Ethnicity): Place {
	const all = placesForYear(year);
	if (ethnicity && ethnicity !== 'Kinh') {
		const fitting = all.filter((p) => p.ethnicities?.includes(ethnicity));
		if (fitting.length > 0) return rng.pick(fitting);
	}
	return rng.pick(all);
}

/** "Xã Ea Kao, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk". */
export function formatPlace(p: Place): string {
	return [p.commune, p.district, p.province].filter(Boolean).join(', ');
}

/** The registering body: "UBND xã Ea Kao, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk". */
export function formatRegistrar(p: Place, long = false): string {
	const commune = p.commune.charAt(0).toLowerCase() + p.commune.slice(1);
	return `${long ? 'Ủy ban nhân dân' : 'UBND'} ${[commune, p.district, p.province].filter(Boolean).join(', ')}`;
}

/** Province only, as native places are often written ("tỉnh Nam Định"). */
export function formatProvince(p: Place): string {
	return p.province;
}

/** A birth place: a health facility in the place, or the place itself for home births. */
export function formatBirthPlace(rng: Rng, p: Place): string {
	const commune = p.commune.replace(/^(Xã|Phường|Thị trấn) /u, '');
	const provinceName = p.province.replace(/^(tỉnh|thành phố) /u, '');
	const kind = rng.weighted([
		['hospital', 5],
		['district', 2],
		['station', 2],
		['home', 1]
	] as const);
	if (kind === 'hospital') return `Bệnh viện Đa khoa ${p.province}`;
	if (kind === 'district' && p.district) return `Trung tâm Y tế ${p.district}, ${p.province}`;
	if (kind === 'station')
		return `Trạm Y tế ${p.commune.split(' ')[0]!.toLowerCase()} ${commune}, ${[p.district, p.province].filter(Boolean).join(', ')}`;
	if (kind === 'district') return `Bệnh viện Đa khoa ${provinceName}, ${p.province}`;
	return formatPlace(p);
}
