import { expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { addUser, auditCount, BUON_MA_THUOT, TAN_LAP } from './fixtures';
import { AppError } from '../../src/lib/server/errors';

forEachDatabase('resident extracts', (t) => {
	async function residentCount() {
		const db = t.services.database.db;
		const r = await db
			.selectFrom('resident')
			.select(db.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(r.n);
	}

	it('imports an extract in one go, with matching keys and normalised dates', async () => {
		const clerk = await addUser(t.services, 'clerk', TAN_LAP);
		const audit = await auditCount(t.services.database.db);
		const { rows, extractId } = await t.services.residents.importExtract(clerk, {
			unitCode: TAN_LAP,
			fileName: 'trich-xuat.csv',
			rows: [
				// Decomposed (NFD) input, as some exports write it, and a year-only birth date.
				{ full_name: 'Nguye\u0302\u0303n  Thị Hoa', birth_date: '2/3/1990', sex: 'Nữ' },
				{ full_name: "H'Hương Niê", birth_date: '1985', personal_id: '066 185 000 123' }
			]
		});
		expect(rows).toBe(2);
		const stored = await t.services.database.db
			.selectFrom('resident')
			.select(['full_name', 'name_key', 'birth_date', 'birth_year', 'personal_id'])
			.where('extract_id', '=', extractId)
			.orderBy('full_name')
			.execute();
		expect(stored).toEqual([
			{
				full_name: "H'Hương Niê",
				name_key: expect.any(String),
				birth_date: '1985',
				birth_year: 1985,
				personal_id: '066185000123'
			},
			{
				full_name: 'Nguyễn Thị Hoa',
				name_key: 'nguyen thi hoa',
				birth_date: '02/03/1990',
				birth_year: 1990,
				personal_id: null
			}
		]);
		expect(await auditCount(t.services.database.db)).toBe(audit + 1);
	});

	it('refuses the whole file, naming the rows, when a row cannot be read', async () => {
		const before = await residentCount();
		const e = await t.services.residents
			.importExtract(null, {
				unitCode: TAN_LAP,
				fileName: 'hong.csv',
				rows: [
					{ full_name: 'Trần Văn An', birth_date: '01/01/1990' },
					{ full_name: '  ', birth_date: '01/01/1990' },
					{ full_name: 'Lê Thị Bích', birth_date: '31/02/1990' }
				]
			})
			.catch((x: unknown) => x);
		expect(e).toBeInstanceOf(AppError);
		const err = e as AppError;
		expect([err.status, err.code, err.params]).toEqual([
			422,
			'resident.badRows',
			{ count: 2, file: 'hong.csv' }
		]);
		expect(err.details).toEqual({
			problems: [
				{ row: 2, code: 'resident.nameMissing' },
				{ row: 3, code: 'resident.badBirthDate', value: '31/02/1990' }
			]
		});
		expect(await residentCount()).toBe(before);
	});

	it("refuses another commune's extract from a clerk, an unknown unit and an empty file", async () => {
		const clerk = await addUser(t.services, 'clerk', TAN_LAP);
		const before = await residentCount();
		const attempts: [() => Promise<unknown>, number, string][] = [
			[
				() =>
					t.services.residents.importExtract(clerk, {
						unitCode: BUON_MA_THUOT,
						fileName: 'x.csv',
						rows: [{ full_name: 'Y Phôn Ksor' }]
					}),
				404,
				'http.notFound'
			],
			[
				() =>
					t.services.residents.importExtract(null, {
						unitCode: '99999',
						fileName: 'x.csv',
						rows: [{ full_name: 'Y Phôn Ksor' }]
					}),
				422,
				'unit.unknown'
			],
			[
				() =>
					t.services.residents.importExtract(null, {
						unitCode: TAN_LAP,
						fileName: 'x.csv',
						rows: []
					}),
				422,
				'resident.emptyExtract'
			]
		];
		for (const [attempt, status, code] of attempts) {
			const e = (await attempt().catch((x: unknown) => x)) as AppError;
			expect([e.status, e.code]).toEqual([status, code]);
		}
		expect(await residentCount()).toBe(before);
	});
});
