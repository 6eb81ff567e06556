import { readEnv } from './env';
import { createServices, type Services } from './container';
import { seedDemoIfEmpty } from './demo/seed';

let services: Promise<Services> | undefined;

/**
 * The server process's services, built once at start-up: migrate, load units, seed the demo
 * when the database is empty (unless SOHOA_DEMO=0). A failure here stops the server loudly.
 */
export function getServices(): Promise<Services> {
	return (services ??= (async () => {
		const env = readEnv();
		const s = await createServices({ env });
		if (env.demo) await seedDemoIfEmpty(s, env, (line) => console.log(line));
		const shownHost = env.host === '0.0.0.0' ? '127.0.0.1' : env.host;
		console.log(`sohoa: ready at http://${shownHost}:${env.port} (data in ${env.dataDir})`);
		return s;
	})());
}
