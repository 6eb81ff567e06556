import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDatabase } from './databases';
import { migrateToLatest } from '../../src/lib/server/db/connect';
import { migrations } from '../../src/lib/server/db/migrations/index';
import { seedUnits } from '../../src/lib/server/services/unit-service';

forEachDatabase('schema and units', (t) => {
	it('runs the migrations a second (and third) time without applying or breaking anything', async () => {
		const db = t.services.database.db;
		expect(await migrateToLatest(db)).toEqual([]);
		expect(await migrateToLatest(db)).toEqual([]);
		const applied = await db
			.selectFrom(sql<{ name: string }>`kysely_migration`.as('m'))
			.select('name')
			.orderBy('name')
			.execute();
		expect(applied.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
		// Seeding units again is a no-op, not a duplicate-key failure.
		expect(await seedUnits(db)).toBe(0);
	});

	it('loads the 3,355 post-2025 units once', async () => {
		const db = t.services.database.db;
		const n = await db
			.selectFrom('unit')
			.select(db.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(n.n)).toBe(3355);
		expect(await t.services.units.list()).toHaveLength(3355);
	});

	it('has Tỉnh Đắk Lắk (66) with its 102 communes, Tân Lập and Buôn Ma Thuột among them', async () => {
		const units = t.services.units;
		expect(await units.get('66')).toEqual({
			code: '66',
			name: 'Tỉnh Đắk Lắk',
			level: 'province',
			parent: null
		});
		const communes = await units.children('66');
		expect(communes).toHaveLength(102);
		expect(communes.every((c) => c.level === 'commune' && c.parent === '66')).toBe(true);
		expect(await units.get('24121')).toMatchObject({ name: 'Phường Tân Lập', parent: '66' });
		expect(await units.get('24133')).toMatchObject({ name: 'Phường Buôn Ma Thuột', parent: '66' });
		const subtree = await units.subtree(['66']);
		expect(subtree.size).toBe(103);
		expect((await units.subtree(['24121'])).size).toBe(1);
	});
});
