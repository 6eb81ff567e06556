import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** The machine, as the benchmark pages note it. */
export function machineLine(): string {
	const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
	const model = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
	const gib = Math.round(os.totalmem() / 2 ** 30);
	return `nproc ${nproc}, ${model}, ${gib} GiB, Node ${process.version}`;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) a process has used so far, in ms; 0 once it is gone. */
export function processCpuMs(pid: number): number {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces) start at ") ".
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
		return (ticks * 1000) / TICKS_PER_SECOND;
	} catch {
		return 0;
	}
}

/**
 * The machine's 1-minute load average every few seconds: other people's work shares these cores,
 * and the figures are read against it.
 */
export class LoadSampler {
	readonly samples: number[] = [];
	#timer: NodeJS.Timeout | null = null;

	start(everyMs = 5000): void {
		this.samples.push(os.loadavg()[0]!);
		this.#timer = setInterval(() => this.samples.push(os.loadavg()[0]!), everyMs);
	}

	stop(): { min: number; median: number; max: number } {
		if (this.#timer) clearInterval(this.#timer);
		this.samples.push(os.loadavg()[0]!);
		const s = [...this.samples].sort((a, b) => a - b);
		return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
	}
}
