import { readEnv } from '../lib/server/env';
import { createServices, type Services } from '../lib/server/container';

/** Opens the configured database (migrating it) for one command, and always closes it. */
export async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
	const services = await createServices({ env: readEnv() });
	try {
		return await fn(services);
	} finally {
		await services.database.close();
	}
}
