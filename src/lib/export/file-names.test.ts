import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FILE_NAME_PATTERN,
	asciiWord,
	checkFileNamePattern,
	fileBaseName,
	uniqueNames,
	type FileNameFacts
} from './file-names';

const facts = (o: Partial<FileNameFacts> = {}): FileNameFacts => ({
	typeCode: 'KS',
	year: 2008,
	book: '02',
	so: '15',
	seq: 7,
	name: 'Nguyễn Văn An',
	sex: '1',
	...o
});

describe('export file names', () => {
	it('follows the default rule: type, year, book, number, name, sex', () => {
		expect(fileBaseName(DEFAULT_FILE_NAME_PATTERN, facts())).toBe(
			'KS.2008.Q02.S015.NGUYEN-VAN-AN.NAM'
		);
	});

	it.each([
		[{ name: "H'Nhi Êban", sex: '2' }, 'KS.2008.Q02.S015.H-NHI-EBAN.NU'],
		[{ name: 'ĐỖ THỊ  LAN', sex: '3' }, 'KS.2008.Q02.S015.DO-THI-LAN.KXD'],
		[{ so: '15/2008', book: '02/2008' }, 'KS.2008.Q02.S015.NGUYEN-VAN-AN.NAM'],
		[{ so: 'Số 7' }, 'KS.2008.Q02.S007.NGUYEN-VAN-AN.NAM'],
		// No sex in a marriage register, no name: those parts are left out, never written empty.
		[{ typeCode: 'KH', sex: null }, 'KH.2008.Q02.S015.NGUYEN-VAN-AN'],
		[{ name: '  ' }, 'KS.2008.Q02.S015.NAM']
	])('%o → %s', (o, expected) => {
		expect(fileBaseName(DEFAULT_FILE_NAME_PATTERN, facts(o))).toBe(expected);
	});

	it('has no spaces or non-ASCII characters whatever the name', () => {
		const n = fileBaseName(DEFAULT_FILE_NAME_PATTERN, facts({ name: 'Y Ngông Niê Kdăm / ñ (x)' }));
		expect(n).toMatch(/^[A-Z0-9.-]+$/);
		expect(n).toBe('KS.2008.Q02.S015.Y-NGONG-NIE-KDAM-N-X.NAM');
	});

	it('follows a configured pattern', () => {
		expect(fileBaseName('{type}_{year}_{seq}.{name}', facts())).toBe('KS_2008_007.NGUYEN-VAN-AN');
	});

	it.each([
		['{type}.{year}.{book}', 'export.patternNotIdentifying'],
		['{type}.{nope}.{so}', 'export.patternUnknownToken'],
		['{type} {so}', 'export.patternInvalid'],
		['../{so}', 'export.patternInvalid'],
		['', 'export.patternInvalid']
	])('refuses the pattern %s (%s)', (pattern, code) => {
		expect(checkFileNamePattern(pattern)).toEqual({ ok: false, code, params: { pattern } });
	});

	it('accepts the default pattern', () => {
		expect(checkFileNamePattern(DEFAULT_FILE_NAME_PATTERN)).toEqual({ ok: true });
	});

	it('resolves collisions in order, case-insensitively, never onto an existing name', () => {
		expect(uniqueNames(['A', 'B', 'a', 'A', 'A-2'], '.pdf')).toEqual([
			'A.pdf',
			'B.pdf',
			'a-3.pdf',
			'A-4.pdf',
			'A-2.pdf'
		]);
		const names = uniqueNames(['X', 'X', 'X'], '.pdf');
		expect(new Set(names).size).toBe(3);
		expect(uniqueNames(['X', 'X', 'X'], '.pdf')).toEqual(names);
	});

	it('folds and bounds a long name', () => {
		expect(asciiWord('Nguyễn '.repeat(30)).length).toBeLessThanOrEqual(60);
		expect(asciiWord('Nguyễn '.repeat(30))).not.toMatch(/-$/);
	});
});
