/** The four kinds of user (DESIGN.md "Users and their day"). */
export const roles = ['clerk', 'officer', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Where each role lands after login: `/` renders this role's home. */
export const roleHome: Record<Role, string> = {
	clerk: '/books',
	officer: '/review',
	supervisor: '/dashboard',
	admin: '/admin'
};
