#!/usr/bin/env node
// `npx sohoa …`: runs the TypeScript CLI directly (tsx), so it needs no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
	stdout: process.stdout,
	stderr: process.stderr
});
