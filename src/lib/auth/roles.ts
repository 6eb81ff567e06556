/** The four kinds of user (DESIGN.md "Users and their day"). */
export const roles = ['clerk', 'officer', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export const roleLabels: Record<Role, { vi: string; en: string }> = {
	clerk: { vi: 'Cán bộ nhập liệu', en: 'Data-entry clerk' },
	officer: { vi: 'Công chức tư pháp – hộ tịch', en: 'Civil-status officer' },
	supervisor: { vi: 'Lãnh đạo Phòng/Sở Tư pháp', en: 'Supervisor' },
	admin: { vi: 'Quản trị', en: 'Administrator' }
};

/** Where each role lands after login: `/` renders this role's home. */
export const roleHome: Record<Role, string> = {
	clerk: '/books',
	officer: '/review',
	supervisor: '/dashboard',
	admin: '/admin'
};
