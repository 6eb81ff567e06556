// Run by ocr-pool.test.ts in a child process with block-network.cjs preloaded.
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { createOcrPool } from '../ocr-pool';

const imagePath = process.argv[2];
if (imagePath === undefined) throw new Error('usage: ocr-offline.ts <image>');
const pool = createOcrPool({ size: 1 });
let sanity = 'not blocked';
try {
	await fetch('https://cdn.jsdelivr.net/');
} catch (e) {
	sanity = (e as Error).message;
}
const r = await pool.recognizePage(readFileSync(imagePath), { psm: 6 });
await pool.close();
process.stdout.write(
	JSON.stringify({ text: r.text, confidence: r.confidence, sanity, isMainThread })
);
