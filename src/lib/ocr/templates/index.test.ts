import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../../synth/entries';
import { entryBoxes, listTemplates, loadTemplate } from './index';

const inUnit = (b: number[]) => b.every((v) => v >= 0 && v <= 1) && b[0]! < b[2]! && b[1]! < b[3]!;
const overlap = (a: number[], b: number[]) =>
	a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

describe('templates', () => {
	it('lists the four editions and loads them by id', () => {
		expect(
			listTemplates()
				.map((t) => t.id)
				.sort()
		).toEqual(['birth-form-v1', 'birth-table-v1', 'death-table-v1', 'marriage-table-v1']);
		expect(loadTemplate('death-table-v1').registerType).toBe('death');
		expect(() => loadTemplate('nope')).toThrow(/unknown template/);
	});

	it.each(listTemplates().map((t) => [t.id, t] as const))(
		'%s: keys exist, boxes valid and disjoint',
		(_, t) => {
			const keys = new Set(FIELD_KEYS[t.registerType]);
			for (const f of t.fields) {
				expect(keys.has(f.key), f.key).toBe(true);
				expect(inUnit(f.box), f.key).toBe(true);
				if (f.label?.box) expect(overlap(f.label.box, f.box), f.key).toBe(false);
			}
			for (const item of t.header.items) {
				expect(inUnit(item.box)).toBe(true);
				if (item.key) expect(keys.has(item.key), item.key).toBe(true);
			}
			for (let i = 0; i < t.fields.length; i++)
				for (let j = i + 1; j < t.fields.length; j++)
					expect(
						overlap(t.fields[i]!.box, t.fields[j]!.box),
						`${t.fields[i]!.key} × ${t.fields[j]!.key}`
					).toBe(false);
			expect(new Set(t.fields.map((f) => f.key)).size).toBe(t.fields.length);
			expect(entryBoxes(t)).toHaveLength(t.entriesPerPage);
			if (t.table) {
				// Each field lies inside one column, so a cut along the ruling lines keeps it whole.
				for (const f of t.fields)
					expect(
						t.table.columns.some((c) => f.box[0] >= c.x0 && f.box[2] <= c.x1),
						f.key
					).toBe(true);
			}
		}
	);
});
