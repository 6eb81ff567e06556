/**
 * The workbench's keyboard shortcuts, as data: one table drives both the key handler and the
 * cheat-sheet. Every shortcut needs Alt or Ctrl (or is a function key outside text fields):
 * Telex (s f r x j w z aa dd…) and VNI (digits 0–9) type plain letters and digits, so a
 * plain key is never taken from the clerk, and nothing fires while an input method composes.
 */

export const shortcutActions = [
	'nextAttention',
	'prevAttention',
	'acceptAndNext',
	'nextEntry',
	'prevEntry',
	'flagIllegible',
	'flagBlank',
	'editNormalized',
	'reocrField',
	'zoomIn',
	'zoomOut',
	'fitWidth',
	'rotate',
	'contrast',
	'cheatSheet'
] as const;
export type ShortcutAction = (typeof shortcutActions)[number];

export interface Shortcut {
	action: ShortcutAction;
	/** `KeyboardEvent.code` (layout-independent) or `key` for named keys. */
	code: string;
	alt?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	/** Shown in the cheat-sheet. */
	label: string;
}

export const shortcuts: readonly Shortcut[] = [
	{ action: 'nextAttention', code: 'ArrowDown', alt: true, label: 'Alt + ↓' },
	{ action: 'prevAttention', code: 'ArrowUp', alt: true, label: 'Alt + ↑' },
	{ action: 'acceptAndNext', code: 'Enter', ctrl: true, label: 'Ctrl + Enter' },
	{ action: 'nextEntry', code: 'PageDown', alt: true, label: 'Alt + Page Down' },
	{ action: 'prevEntry', code: 'PageUp', alt: true, label: 'Alt + Page Up' },
	{ action: 'flagIllegible', code: 'KeyI', alt: true, label: 'Alt + I' },
	{ action: 'flagBlank', code: 'KeyB', alt: true, label: 'Alt + B' },
	{ action: 'editNormalized', code: 'KeyN', alt: true, label: 'Alt + N' },
	{ action: 'reocrField', code: 'KeyO', alt: true, label: 'Alt + O' },
	{ action: 'zoomIn', code: 'Equal', alt: true, label: 'Alt + =' },
	{ action: 'zoomOut', code: 'Minus', alt: true, label: 'Alt + -' },
	{ action: 'fitWidth', code: 'Digit0', alt: true, label: 'Alt + 0' },
	{ action: 'rotate', code: 'KeyR', alt: true, label: 'Alt + R' },
	{ action: 'contrast', code: 'KeyC', alt: true, label: 'Alt + C' },
	{ action: 'cheatSheet', code: 'Slash', ctrl: true, label: 'Ctrl + /   ·   ?' }
];

/** The parts of a KeyboardEvent the matcher reads (so tests need no DOM). */
export interface KeyLike {
	key: string;
	code: string;
	altKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
	shiftKey: boolean;
	isComposing?: boolean;
	/** 229 while an input method holds the key (Chromium, older Safari). */
	keyCode?: number;
}

/**
 * The action a key press asks for, or null. `inText` says focus is in a text field, where a plain
 * "?" is text; outside one it opens the cheat-sheet.
 */
export function matchShortcut(e: KeyLike, inText: boolean): ShortcutAction | null {
	if (e.isComposing || e.keyCode === 229) return null;
	if (!inText && e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey) return 'cheatSheet';
	// AltGr arrives as Ctrl+Alt on Windows layouts that type letters with it: never a shortcut.
	if (e.altKey && e.ctrlKey) return null;
	for (const s of shortcuts) {
		if (s.code !== e.code && s.code !== e.key) continue;
		if (!!s.alt !== e.altKey || !!s.ctrl !== (e.ctrlKey || e.metaKey)) continue;
		if (s.shift !== undefined && s.shift !== e.shiftKey) continue;
		return s.action;
	}
	return null;
}
