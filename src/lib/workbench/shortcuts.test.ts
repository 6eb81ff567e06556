import { describe, expect, it } from 'vitest';
import { matchShortcut, shortcuts, type KeyLike } from './shortcuts';

const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({
	code: '',
	altKey: false,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	...k
});

/** The keys a clerk presses to type a word with Telex or VNI: plain letters and digits. */
function keystrokes(typed: string): KeyLike[] {
	return [...typed].map((ch) => {
		const upper = ch !== ch.toLowerCase();
		const code = /[a-z]/i.test(ch)
			? `Key${ch.toUpperCase()}`
			: /\d/.test(ch)
				? `Digit${ch}`
				: ch === ' '
					? 'Space'
					: '';
		return key({ key: ch, code, shiftKey: upper });
	});
}

describe('matchShortcut', () => {
	it('never fires while typing Vietnamese with Telex or VNI', () => {
		const telex = 'Nguyeenx Vawn Aan, DDawngj Thij Hoaf, tuwr, quyeetj, zz ww jj ss ff rr xx';
		const vni = 'Nguye6n4 Va8n A6n, D9a8ng5 Thi5 Hoa2 1 2 3 4 5 6 7 8 9 0';
		for (const k of [...keystrokes(telex), ...keystrokes(vni)]) {
			expect(matchShortcut(k, true), `key ${k.key}`).toBeNull();
			expect(matchShortcut(k, false), `key ${k.key} outside a field`).toBeNull();
		}
	});

	it('ignores every key while an input method composes', () => {
		expect(
			matchShortcut(key({ key: 'Enter', code: 'Enter', ctrlKey: true, isComposing: true }), true)
		).toBeNull();
		expect(
			matchShortcut(key({ key: 'Process', code: 'KeyI', altKey: true, keyCode: 229 }), true)
		).toBeNull();
	});

	it('maps the modifier shortcuts, by physical key', () => {
		expect(matchShortcut(key({ key: 'Enter', code: 'Enter', ctrlKey: true }), true)).toBe(
			'acceptAndNext'
		);
		expect(matchShortcut(key({ key: 'ArrowDown', code: 'ArrowDown', altKey: true }), true)).toBe(
			'nextAttention'
		);
		// Alt+I on a layout where Alt changes the character still has the code KeyI.
		expect(matchShortcut(key({ key: 'ˆ', code: 'KeyI', altKey: true }), true)).toBe(
			'flagIllegible'
		);
		expect(matchShortcut(key({ key: 'b', code: 'KeyB', altKey: true }), true)).toBe('flagBlank');
	});

	it('treats AltGr (Ctrl+Alt) as typing, not as a shortcut', () => {
		expect(
			matchShortcut(key({ key: 'b', code: 'KeyB', altKey: true, ctrlKey: true }), true)
		).toBeNull();
	});

	it('opens the cheat-sheet on "?" only outside text fields', () => {
		const q = key({ key: '?', code: 'Slash', shiftKey: true });
		expect(matchShortcut(q, false)).toBe('cheatSheet');
		expect(matchShortcut(q, true)).toBeNull();
		expect(matchShortcut(key({ key: '/', code: 'Slash', ctrlKey: true }), true)).toBe('cheatSheet');
	});

	it('has one binding per action and no two actions on one key', () => {
		const actions = shortcuts.map((s) => s.action);
		expect(new Set(actions).size).toBe(actions.length);
		const keys = shortcuts.map((s) => `${s.alt}-${s.ctrl}-${s.shift}-${s.code}`);
		expect(new Set(keys).size).toBe(keys.length);
		for (const s of shortcuts) expect(s.alt || s.ctrl).toBe(true);
	});
});
