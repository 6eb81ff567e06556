import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's minimum memory cost.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

/** A password nobody has to remember twice: printed once at seeding or user creation. */
export function generatePassword(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY345679';
	let out = '';
	while (out.length < 14) {
		for (const b of crypto.getRandomValues(new Uint8Array(32))) {
			// Reject the top of the byte range so every letter is equally likely.
			if (b < 255 - (255 % alphabet.length) && out.length < 14)
				out += alphabet[b % alphabet.length];
		}
	}
	return out;
}
