import { describe, expect, it } from 'vitest';
import { keyingValues } from './keying-channel';

describe('keyingValues', () => {
	it('lays the queued values over the draft the server holds', () => {
		expect(
			keyingValues({ so: '12', meHoTen: 'Lê Thị B' }, { meHoTen: { value: 'Lê Thị Bính' } })
		).toEqual({ so: '12', meHoTen: 'Lê Thị Bính' });
	});
	it('keeps held values a queued edit does not set, and sends a cleared field as empty', () => {
		expect(keyingValues({ so: '12' }, { so: { flag: 'blank' }, ghiChu: { value: '' } })).toEqual({
			so: '12',
			ghiChu: ''
		});
	});
	it('never changes the held draft it was given', () => {
		const held = { so: '12' };
		keyingValues(held, { so: { value: '13' } });
		expect(held).toEqual({ so: '12' });
	});
});
