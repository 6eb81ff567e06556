/**
 * Column headers of resident extracts: the population database's Vietnamese headers ("Họ, chữ đệm
 * và tên", "Ngày, tháng, năm sinh"…), common variants, or the canonical keys of the `sohoa
 * reconcile` contract, recognised on a folded form.
 */
import { matchKey } from '../../text/vietnamese';

export const RESIDENT_KEYS = [
	'id',
	'personal_id',
	'full_name',
	'birth_date',
	'sex',
	'birth_place',
	'native_place',
	'father_name',
	'mother_name',
	'residence'
] as const;
export type ResidentKey = (typeof RESIDENT_KEYS)[number];

/** The headers a population-database extract uses, as the error message names them. */
export const EXTRACT_HEADERS: Record<Exclude<ResidentKey, 'id'>, string> = {
	personal_id: 'Số định danh cá nhân',
	full_name: 'Họ, chữ đệm và tên',
	birth_date: 'Ngày, tháng, năm sinh',
	sex: 'Giới tính',
	birth_place: 'Nơi đăng ký khai sinh',
	native_place: 'Quê quán',
	father_name: 'Họ, chữ đệm và tên cha',
	mother_name: 'Họ, chữ đệm và tên mẹ',
	residence: 'Nơi thường trú'
};

// Folded header (punctuation dropped) → key.
const ALIASES: Record<string, ResidentKey> = {};
function alias(key: ResidentKey, ...names: string[]) {
	for (const n of names) ALIASES[foldHeader(n)] = key;
}

export function foldHeader(h: string): string {
	return matchKey(h.replace(/[_.,:;()/*-]+/g, ' '));
}

alias('id', 'id', 'resident_id', 'ma', 'ma cong dan', 'ma nhan khau');
alias(
	'personal_id',
	'personal_id',
	'Số định danh cá nhân',
	'Số định danh',
	'Số ĐDCN',
	'Số CCCD',
	'CCCD',
	'Số CMND/CCCD',
	'Số căn cước',
	'Số căn cước công dân'
);
alias(
	'full_name',
	'full_name',
	'Họ, chữ đệm và tên',
	'Họ chữ đệm và tên',
	'Họ và tên',
	'Họ tên',
	'Họ và tên công dân'
);
alias(
	'birth_date',
	'birth_date',
	'Ngày, tháng, năm sinh',
	'Ngày tháng năm sinh',
	'Ngày sinh',
	'Năm sinh'
);
alias('sex', 'sex', 'Giới tính', 'Phái');
alias('birth_place', 'birth_place', 'Nơi đăng ký khai sinh', 'Nơi ĐKKS', 'Nơi sinh');
alias('native_place', 'native_place', 'Quê quán', 'Nguyên quán');
alias(
	'father_name',
	'father_name',
	'Họ, chữ đệm và tên cha',
	'Họ và tên cha',
	'Họ tên cha',
	'Tên cha',
	'Cha'
);
alias(
	'mother_name',
	'mother_name',
	'Họ, chữ đệm và tên mẹ',
	'Họ và tên mẹ',
	'Họ tên mẹ',
	'Tên mẹ',
	'Mẹ'
);
alias('residence', 'residence', 'Nơi thường trú', 'Địa chỉ thường trú', 'Thường trú', 'Nơi cư trú');

export type HeaderMap = (ResidentKey | null)[];

/** Each column's key (null for columns not used); null when the row names no full-name column. */
export function mapHeaders(cells: readonly string[]): HeaderMap | null {
	const seen = new Set<ResidentKey>();
	const map = cells.map((c) => {
		const key = ALIASES[foldHeader(c ?? '')] ?? null;
		if (!key || seen.has(key)) return null;
		seen.add(key);
		return key;
	});
	return seen.has('full_name') ? map : null;
}
