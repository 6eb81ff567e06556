import fs from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../container';
import type { Env } from '../env';
import { generatePassword } from '../auth/password';
import type { Role } from '../../auth/roles';
import { seedDemoBooks } from './demo-books';

/** The demo's people: real units of Đắk Lắk (post-2025 codes), one account per role and place. */
export const demoUsers: { username: string; name: string; role: Role; unit: string }[] = [
	{ username: 'canbo.tanlap', name: 'Nguyễn Thị Hoa', role: 'clerk', unit: '24121' },
	{ username: 'canbo.bmt', name: "H'Hương Niê", role: 'clerk', unit: '24133' },
	{ username: 'congchuc.tanlap', name: 'Trần Văn Minh', role: 'officer', unit: '24121' },
	{ username: 'congchuc2.tanlap', name: 'Lê Thị Thu', role: 'officer', unit: '24121' },
	{ username: 'congchuc.bmt', name: 'Y Phôn Ksor', role: 'officer', unit: '24133' },
	{ username: 'lanhdao.daklak', name: 'Phạm Quốc Dũng', role: 'supervisor', unit: '66' },
	{ username: 'quantri', name: 'Quản trị hệ thống', role: 'admin', unit: '66' }
];

export const DEMO_LOGINS_FILE = 'demo-logins.txt';

/** Seeds the demo on an empty database; prints where it runs and the logins. */
export async function seedDemoIfEmpty(
	s: Services,
	env: Env,
	log: (line: string) => void
): Promise<boolean> {
	if ((await s.users.count()) > 0) return false;
	log('sohoa: empty database, seeding the demo (Tỉnh Đắk Lắk)…');
	// Users last: they mark the demo as seeded, so an interrupted seeding is completed next start.
	if ((await s.database.db.selectFrom('book').select('id').executeTakeFirst()) === undefined) {
		await seedDemoBooks(s, log);
	}
	const logins: string[] = [];
	for (const u of demoUsers) {
		const password = generatePassword();
		await s.users.add(
			{ username: u.username, displayName: u.name, role: u.role, units: [u.unit], password },
			null
		);
		logins.push(`${u.role}\t${u.username}\t${password}`);
	}
	const file = path.join(env.dataDir, DEMO_LOGINS_FILE);
	await fs.mkdir(env.dataDir, { recursive: true });
	await fs.writeFile(
		file,
		`# sohoa demo logins, generated at seeding (role, username, password)\n${logins.join('\n')}\n`,
		{ mode: 0o600 }
	);
	log(`sohoa: demo logins (also in ${file}):`);
	for (const l of logins) log(`  ${l.replaceAll('\t', '  ')}`);
	return true;
}
