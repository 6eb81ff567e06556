/**
 * Nationalities as registers write them. Not a full country list: the countries Vietnamese
 * civil-status books name most, with their usual spellings; anything else is kept as written
 * and flagged for a look.
 */
import { matchKey } from '../text/normalize';

const rows: [string, string[]][] = [
	[
		'Việt Nam',
		['VN', 'Viet Nam', 'Vietnam', 'Việt-Nam', 'Nước CHXHCN Việt Nam', 'CHXHCN Việt Nam']
	],
	['Trung Quốc', ['China', 'TQ']],
	['Lào', ['Laos', 'CHDCND Lào']],
	['Campuchia', ['Cam-pu-chia', 'Cambodia', 'Căm-pu-chia']],
	['Thái Lan', ['Thailand']],
	['Hàn Quốc', ['Korea', 'South Korea', 'Đại Hàn']],
	['Triều Tiên', ['North Korea', 'CHDCND Triều Tiên']],
	['Nhật Bản', ['Japan', 'Nhật']],
	['Đài Loan', ['Taiwan', 'Đài Loan (Trung Quốc)']],
	['Hoa Kỳ', ['Mỹ', 'USA', 'Hợp chủng quốc Hoa Kỳ', 'United States']],
	['Pháp', ['France']],
	['Đức', ['Germany', 'CHLB Đức']],
	['Anh', ['Vương quốc Anh', 'United Kingdom', 'UK']],
	['Ô-xtrây-li-a', ['Úc', 'Australia', 'Ôxtrâylia']],
	['Ca-na-đa', ['Canada']],
	['Nga', ['Liên bang Nga', 'Russia', 'Liên Xô']],
	['Malaysia', ['Ma-lai-xi-a']],
	['Singapore', ['Xin-ga-po']],
	['Philippines', ['Phi-líp-pin']],
	['Indonesia', ['In-đô-nê-xi-a']],
	['Ấn Độ', ['India']],
	['Ba Lan', ['Poland']],
	['Séc', ['Tiệp Khắc', 'Czech']],
	['Cu Ba', ['Cuba']],
	['Hà Lan', ['Netherlands']],
	['Thụy Điển', ['Sweden']],
	['Na Uy', ['Norway']],
	['Đan Mạch', ['Denmark']],
	['Ý', ['Italia', 'Italy']],
	['Tây Ban Nha', ['Spain']],
	['Bỉ', ['Belgium']],
	['Thụy Sĩ', ['Switzerland']],
	['Niu Di-lân', ['New Zealand']],
	['Không quốc tịch', ['Không có quốc tịch', 'Stateless']]
];

/** Every spelling the list knows (names and aliases), as books write them. */
export const nationalitySpellings: readonly string[] = rows.flatMap(([name, aliases]) => [
	name,
	...aliases
]);

const byKey = new Map<string, string>();
for (const [name, aliases] of rows)
	for (const k of [name, ...aliases]) byKey.set(matchKey(k).replace(/[^a-z0-9]/g, ''), name);

/** The usual Vietnamese name of the country a written nationality names, or null. */
export function findNationality(text: string): string | null {
	const k = matchKey(text)
		.replace(/^(quoc tich|nuoc)\s+/, '')
		.replace(/[^a-z0-9]/g, '');
	return k ? (byKey.get(k) ?? null) : null;
}
