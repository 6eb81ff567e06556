/** Strings of the pages (books, workbench, review, dashboard, admin), both languages side by side. */
export const uiMessages = {
	'books.title': { vi: 'Sổ hộ tịch', en: 'Register books' }
} as const satisfies Record<string, { vi: string; en: string }>;
