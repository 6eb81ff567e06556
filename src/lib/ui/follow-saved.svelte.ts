/**
 * A form field's value that the user edits and the server saves, for `bind:value` /
 * `bind:checked={field.value}`. Bound, an input keeps what was typed or switched before the page
 * hydrated (Svelte adopts a bound input's changed value, while a plain `value=` or `checked=`
 * attribute is reset to the server's on hydration: a slow commune line shows the form seconds
 * before its scripts run). It follows the saved value only when that value changes (the inner
 * derived), not whenever a new `data` object arrives, so saving another form on the page or a
 * progress refresh leaves an unsaved edit alone.
 */
export function followSaved<T>(saved: () => T): { value: T } {
	const current = $derived(saved());
	let value = $derived(current);
	return {
		get value() {
			return value;
		},
		set value(next: T) {
			value = next;
		}
	};
}
