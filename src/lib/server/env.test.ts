import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from './env';

describe('SOHOA_JOB_LEASE_SECONDS', () => {
	it('defaults to a minute', () => {
		expect(readEnv({}).jobLeaseMs).toBe(60_000);
	});

	it('takes whole seconds from 1 to 3600', () => {
		expect(readEnv({ SOHOA_JOB_LEASE_SECONDS: '3' }).jobLeaseMs).toBe(3000);
		expect(readEnv({ SOHOA_JOB_LEASE_SECONDS: '3600' }).jobLeaseMs).toBe(3_600_000);
	});

	it.each(['0', '-5', '1.5', 'ten', '3601', ''])('refuses "%s", naming the variable', (value) => {
		expect(() => readEnv({ SOHOA_JOB_LEASE_SECONDS: value })).toThrow(ConfigError);
		expect(() => readEnv({ SOHOA_JOB_LEASE_SECONDS: value })).toThrow(/SOHOA_JOB_LEASE_SECONDS/);
	});
});
