import type { SendResult } from './edit-queue';

interface ApiError {
	error?: { code?: string; message?: string; params?: Record<string, unknown> };
}

/**
 * A save the server did not take, mapped to what the edit queue does next: wait and retry, settle a
 * stale version (`staleCode` is the endpoint's 409 code), or keep the edits and say why.
 */
export async function failedSend(res: Response, staleCode: string): Promise<SendResult> {
	// A restarting server or a proxy without it: the same as no network, try again later.
	if (res.status >= 500) return { kind: 'offline' };
	const body = (await res.json().catch(() => ({}))) as ApiError;
	const code = body.error?.code ?? `http.${res.status}`;
	if (res.status === 409 && code === staleCode)
		return { kind: 'conflict', currentVersion: Number(body.error?.params?.current) };
	return { kind: 'refused', status: res.status, code, message: body.error?.message ?? code };
}
