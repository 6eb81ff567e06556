import { describe, expect, it } from 'vitest';
import {
	checkField,
	cleanField,
	flagAll,
	flagUnreliablePage,
	kindOk,
	type FieldKind
} from './fields';

const w = (text: string, confidence = 0.95) => ({
	text,
	confidence,
	bbox: [0, 0, 1, 1] as [number, number, number, number]
});

describe('cleanField', () => {
	it.each([
		['text', ' | Nguyễn   Văn  An |', 'Nguyễn Văn An'],
		['text', 'Ha\u0300 No\u0302\u0323i', 'Hà Nội'],
		['date', '3-4-1990', '03/04/1990'],
		['date', '03 . 04 . l99O', '03/04/1990'],
		['date', '5/1990', '05/1990'],
		['sex', 'nữ', 'Nữ'],
		['sex', 'NAM', 'Nam'],
		['sex', 'Nư', 'Nữ'],
		['sex', 'Nử', 'Nữ'],
		['sex', 'N ữ x', 'N ữ x'],
		['name', 'NGUYEN VĂN AN', 'NGUYỄN VĂN AN'],
		['name', 'Trấn Thị Bình', 'Trần Thị Bình'],
		['name', "H'Hen Niê", "H'Hen Niê"],
		['place', 'Bệnh viện Đa khoa tính Lâm Đông', 'Bệnh viện Đa khoa tỉnh Lâm Đồng'],
		['dateWords', 'Ngày Báy Tháng Mươi Môt Năm', 'Ngày Bảy Tháng Mười Một Năm'],
		['ethnicity', 'Kính', 'Kinh'],
		['ethnicity', 'Ẽ Đê', 'Ê Đê'],
		['ethnicity', 'Khơ Me (Thổ)', 'Khơ Me (Thổ)'],
		['nationality', 'việt Nam', 'Việt Nam'],
		['id', '0O1 2O3 4S6 789', '001203456789'],
		['number', 'Số: l2', '12']
	] as [FieldKind, string, string][])('%s %j → %j', (kind, raw, out) => {
		expect(cleanField(kind, raw)).toBe(out);
	});
});

describe('kindOk', () => {
	it.each([
		['date', '31/12/1999', true],
		['date', '32/12/1999', false],
		['date', '1999', true],
		['date', 'hôm qua', false],
		['sex', 'Nữ', true],
		['dateWords', 'Ngày Hai Mươi Mốt Tháng Tư Năm Một Nghìn Chín Trăm Chín Mươi Lăm', true],
		['dateWords', 'Ngày Hai Mươi Tháng', false],
		['ethnicity', 'Kinh', true],
		['ethnicity', 'Khơ Me (Thổ', false],
		['nationality', 'Việt Nam', true],
		['nationality', 'Việt', false],
		['sex', 'Nu x', false],
		['id', '001203456789', true],
		['id', '0012034567', false],
		['name', 'Lê Thị 8a', false]
	] as [FieldKind, string, boolean][])('%s %j → %s', (kind, v, ok) => {
		expect(kindOk(kind, v)).toBe(ok);
	});
});

describe('checkField → needsAttention', () => {
	it('passes a clean confident name', () => {
		expect(checkField('name', [w('Nguyễn'), w('Thị'), w('Hoa')])).toMatchObject({
			value: 'Nguyễn Thị Hoa',
			confidence: 0.95,
			needsAttention: false,
			issues: []
		});
	});
	it.each([
		['a weak word', 'name', [w('Nguyễn'), w('Hoa', 0.4)], 'ocr.lowConfidence'],
		['nothing read', 'name', [], 'ocr.empty'],
		['a bad date', 'date', [w('31/31/1990')], 'ocr.kindMismatch'],
		['a non-syllable', 'name', [w('Nguyẽnx'), w('Hoa')], 'ocr.notVietnamese'],
		['a non-syllable place', 'place', [w('Hà'), w('Nộii')], 'ocr.notVietnamese']
	] as const)('flags %s', (_n, kind, words, issue) => {
		const r = checkField(kind, [...words]);
		expect(r.needsAttention).toBe(true);
		expect(r.issues).toContain(issue);
	});
	it('accepts minority names', () => {
		expect(checkField('name', [w("H'Nhi"), w('Niê')]).issues).not.toContain('ocr.notVietnamese');
	});
});

describe('flagUnreliablePage', () => {
	const field = (value: string, needsAttention: boolean) => ({
		value,
		needsAttention,
		issues: needsAttention ? ['ocr.lowConfidence'] : []
	});

	it('marks every field when most written fields are doubtful; blank ones do not count', () => {
		const page = [
			field('a', true),
			field('b', true),
			field('c', false),
			field('', true),
			field('', true)
		];
		const out = flagUnreliablePage(page);
		expect(out.every((f) => f.needsAttention)).toBe(true);
		expect(out[2]?.issues).toEqual(['ocr.pageUnreliable']);
		expect(out[0]?.issues).toEqual(['ocr.lowConfidence']);
	});

	it('leaves a mostly good page as it is', () => {
		const page = [field('a', true), field('b', false), field('c', false), field('', true)];
		expect(flagUnreliablePage(page)).toEqual(page);
	});
});

describe('flagAll', () => {
	it('adds the page-wide reason to the fields not yet marked, and only to them', () => {
		const page = [
			{ value: 'a', needsAttention: false, issues: [] },
			{ value: '', needsAttention: true, issues: ['ocr.empty'] }
		];
		expect(flagAll(page, 'ocr.tableMisaligned')).toEqual([
			{ value: 'a', needsAttention: true, issues: ['ocr.tableMisaligned'] },
			{ value: '', needsAttention: true, issues: ['ocr.empty'] }
		]);
	});
});
