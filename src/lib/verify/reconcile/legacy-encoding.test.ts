import { describe, expect, it } from 'vitest';
import { decodeTcvn3, decodeVni, detectEncoding } from './legacy-encoding';
import { stripInvisibles } from '../../text/vietnamese';

// Real syllables in TCVN3 (ABC) as Excel shows them with a Latin font, and the Unicode they are.
// Every tone on a, ă, â, e, ê, i, o, ô, ơ, u, ư, y and đ appears at least once.
const TCVN3: [string, string][] = [
	['NguyÔn', 'Nguyễn'],
	['TrÇn', 'Trần'],
	['Lª', 'Lê'],
	['Ph¹m', 'Phạm'],
	['§Æng', 'Đặng'],
	['§ç', 'Đỗ'],
	['Hoµng', 'Hoàng'],
	['Tr\u00adêng', 'Trường'],
	['L\u00ad¬ng', 'Lương'],
	['D\u00ad¬ng', 'Dương'],
	['H\u00adng', 'Hưng'],
	['Th\u00adîng', 'Thượng'],
	['Ng÷', 'Ngữ'],
	['Thø', 'Thứ'],
	['Sù', 'Sự'],
	['Tö', 'Tử'],
	['Tõ', 'Từ'],
	['Hoa', 'Hoa'],
	['Thñy', 'Thủy'],
	['Lò', 'Lũ'],
	['Vò', 'Vũ'],
	['Bïi', 'Bùi'],
	['Cóc', 'Cúc'],
	['Lôc', 'Lục'],
	['V¨n', 'Văn'],
	['Th¾ng', 'Thắng'],
	['B»ng', 'Bằng'],
	['¼n', 'ẳn'],
	['L½ng', 'Lẵng'],
	['ThÞ', 'Thị'],
	['Kh¸nh', 'Khánh'],
	['Ch©u', 'Châu'],
	['TuÊn', 'Tuấn'],
	['CÈm', 'Cẩm'],
	['LÉm', 'Lẫm'],
	['NhËt', 'Nhật'],
	['Ðn', 'én'],
	['Ìo', 'èo'],
	['Ò', 'ề'],
	['Îo', 'ẻo'],
	['Ïo', 'ẽo'],
	['Ñ', 'ẹ'],
	['NghÖ', 'Nghệ'],
	['HiÕu', 'Hiếu'],
	['BiÓn', 'Biển'],
	['KiÒu', 'Kiều'],
	['LiÔn', 'Liễn'],
	['Ých', 'ích'],
	['×', 'ì'],
	['Ø', 'ỉ'],
	['Ü', 'ĩ'],
	['ß', 'ò'],
	['á', 'ỏ'],
	['â', 'õ'],
	['ã', 'ó'],
	['ä', 'ọ'],
	['Hå', 'Hồ'],
	['Tæ', 'Tổ'],
	['Tç', 'Tỗ'],
	['Tè', 'Tố'],
	['Té', 'Tộ'],
	['Tê', 'Tờ'],
	['Të', 'Tở'],
	['Tì', 'Tỡ'],
	['Tí', 'Tớ'],
	['Tî', 'Tợ'],
	['Mü', 'Mỹ'],
	['Lý', 'Lý'],
	['Kú', 'Kỳ'],
	['Kû', 'Kỷ'],
	['ú', 'ỳ'],
	['þ', 'ỵ'],
	['ý', 'ý'],
	['Tõ', 'Từ'],
	['¡', 'Ă'],
	['¢', 'Â'],
	['£', 'Ê'],
	['¤', 'Ô'],
	['¥', 'Ơ'],
	['¦', 'Ư'],
	['§', 'Đ'],
	['®', 'đ']
];

// The same in VNI-Windows, including ư/ơ with every tone (a converter was seen to get these wrong).
const VNI: [string, string][] = [
	['Nguyeãn', 'Nguyễn'],
	['Traàn', 'Trần'],
	['Leâ', 'Lê'],
	['Phaïm', 'Phạm'],
	['Ñaëng', 'Đặng'],
	['Ñoã', 'Đỗ'],
	['Hoaøng', 'Hoàng'],
	['Tröôøng', 'Trường'],
	['Löông', 'Lương'],
	['Höng', 'Hưng'],
	['Thöôïng', 'Thượng'],
	['Ngöõ', 'Ngữ'],
	['Thöù', 'Thứ'],
	['Söï', 'Sự'],
	['Töû', 'Tử'],
	['Töø', 'Từ'],
	['Thôø', 'Thờ'],
	['Thôù', 'Thớ'],
	['Thôû', 'Thở'],
	['Thôõ', 'Thỡ'],
	['Thôï', 'Thợ'],
	['Vaên', 'Văn'],
	['Thaéng', 'Thắng'],
	['Baèng', 'Bằng'],
	['Aún', 'Ẳn'],
	['Laüng', 'Lẵng'],
	['Thò', 'Thị'],
	['Khaùnh', 'Khánh'],
	['Chaâu', 'Châu'],
	['Tuaán', 'Tuấn'],
	['Caåm', 'Cẩm'],
	['Nhaät', 'Nhật'],
	['Ngheä', 'Nghệ'],
	['Hieáu', 'Hiếu'],
	['Bieån', 'Biển'],
	['Kieàu', 'Kiều'],
	['Hoà', 'Hồ'],
	['Toå', 'Tổ'],
	['Thuûy', 'Thủy'],
	['Vuõ', 'Vũ'],
	['Buøi', 'Bùi'],
	['Myõ', 'Mỹ'],
	['Lyù', 'Lý'],
	['Kyø', 'Kỳ'],
	['Kyû', 'Kỷ'],
	['Ñinh', 'Đinh'],
	['Lí', 'Lí'],
	['Mì', 'Mì'],
	['Æ', 'Ỉ'],
	['Kó', 'Kĩ'],
	['î', 'ỵ'],
	['NGUYEÃN THÒ HÖÔNG', 'NGUYỄN THỊ HƯƠNG'],
	['TRÖÔØNG', 'TRƯỜNG'],
	['ÑAËNG', 'ĐẶNG']
];

describe('decodeTcvn3', () => {
	it.each(TCVN3)('%s → %s', (legacy, unicode) => {
		expect(decodeTcvn3(legacy)).toBe(unicode);
	});
	it('reads the soft hyphen as ư: decode before stripping invisibles', () => {
		expect(decodeTcvn3(stripInvisibles('Tr\u00adêng'))).toBe('Trường');
	});
});

describe('decodeVni', () => {
	it.each(VNI)('%s → %s', (legacy, unicode) => {
		expect(decodeVni(legacy)).toBe(unicode);
	});
});

describe('detectEncoding', () => {
	const unicodeNames = ['Nguyễn Văn An', 'Trần Thị Hòa', 'Lê Thủy', "H'Nhi Êban", 'Phạm Ngọc Ánh'];
	it('keeps Unicode text as it is (NFC and NFD)', () => {
		expect(detectEncoding(unicodeNames)).toBe('unicode');
		expect(detectEncoding(unicodeNames.map((s) => s.normalize('NFD')))).toBe('unicode');
		expect(detectEncoding(['Nguyen Van An', 'Tran Thi Hoa'])).toBe('unicode');
	});
	it('recognises a TCVN3 column and a VNI column', () => {
		expect(detectEncoding(['NguyÔn V¨n An', 'TrÇn ThÞ Hoa', '§Æng Tr\u00adêng', 'Lª Thñy'])).toBe(
			'tcvn3'
		);
		expect(detectEncoding(['Nguyeãn Vaên An', 'Traàn Thò Hoa', 'Ñaëng Tröôøng', 'Leâ Thuûy'])).toBe(
			'vni'
		);
	});
});
