// Run by server-crash.spec.ts in a process of its own (`node --import tsx`), before the server
// starts: a book of rendered register pages whose ten entries went through the real workflow
// (saved and submitted by a clerk, approved by an officer) on the DATA_DIR's database.
// Prints `{"bookId","entries","officer":{"username","password"}}` on stdout.
import { createServices } from '../../../src/lib/server/container';
import { readEnv } from '../../../src/lib/server/env';
import { addUser, TAN_LAP } from '../../integration/fixtures';
import { approveEntry, importBook, renderedPages } from '../../integration/export-fixtures';

const s = await createServices({ env: readEnv() });
try {
	const clerk = await addUser(s, 'clerk', TAN_LAP);
	const officer = await addUser(s, 'officer', TAN_LAP);
	const book = await importBook(s, TAN_LAP, await renderedPages());
	for (const id of book.entries) await approveEntry(s, clerk, officer, id);
	process.stdout.write(
		JSON.stringify({
			bookId: book.bookId,
			entries: book.entries,
			officer: { username: officer.username, password: officer.password }
		}) + '\n'
	);
} finally {
	await s.database.close();
}
