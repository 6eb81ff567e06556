import { GlobalFonts } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Page fonts: DejaVu (full Vietnamese coverage), resolved from node_modules. */
export type PageFont = 'sans' | 'serif' | 'mono' | 'condensed';

export const PAGE_FONTS: readonly PageFont[] = ['sans', 'serif', 'mono', 'condensed'];

/** Canvas family names we register, so we never depend on system fonts. */
export const FAMILY: Record<PageFont, string> = {
	sans: 'SohoaDejaVuSans',
	serif: 'SohoaDejaVuSerif',
	mono: 'SohoaDejaVuMono',
	condensed: 'SohoaDejaVuCondensed'
};

const FILES: Record<PageFont, [regular: string, bold: string]> = {
	sans: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'],
	serif: ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf'],
	mono: ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'],
	condensed: ['DejaVuSansCondensed.ttf', 'DejaVuSansCondensed-Bold.ttf']
};

let registered = false;

export function ensureFonts(): void {
	if (registered) return;
	const require = createRequire(import.meta.url);
	const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
	for (const font of PAGE_FONTS) {
		for (const file of FILES[font]) {
			if (!GlobalFonts.registerFromPath(path.join(dir, file), FAMILY[font]))
				throw new Error(`font not registered: ${file}`);
		}
	}
	registered = true;
}
