/**
 * Renews a lease every third of its length until the returned stop is called: a live holder keeps
 * it through two missed renewals, a killed one loses it `leaseMs` after its last. A failed renewal
 * is left to the next beat (the holder's final write checks the lease anyway).
 */
export function renewWhileHeld(renew: () => Promise<unknown>, leaseMs: number): () => void {
	const beat = setInterval(() => {
		renew().catch(() => undefined);
	}, leaseMs / 3);
	return () => clearInterval(beat);
}
