import type { SessionUser } from '$lib/server/auth/session-service';
import type { Services } from '$lib/server/container';
import type { Lang } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			services: Services;
			user: SessionUser | null;
			sessionToken: string | null;
			lang: Lang;
		}
		interface Error {
			message: string;
			code?: string;
		}
		interface PageData {
			lang: Lang;
		}
	}
}

export {};
