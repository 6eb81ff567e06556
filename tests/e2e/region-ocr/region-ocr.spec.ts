import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test, expect, baseURL } from '../fixtures';

interface Truth {
	width: number;
	height: number;
	names: { value: string; bbox: [number, number, number, number] }[];
}

/** The names the demo wrote on page 1 of Tân Lập's 2012 book, with their ink boxes. */
function demoTruth(): Truth {
	const r = spawnSync(
		path.resolve('node_modules/.bin/tsx'),
		[path.resolve('tests/e2e/region-ocr/demo-truth.ts')],
		{ encoding: 'utf8' }
	);
	if (r.status !== 0) throw new Error(`demo-truth failed: ${r.stderr}`);
	return JSON.parse(r.stdout) as Truth;
}

test.describe('OCR of a region in the browser', () => {
	test.use({ as: 'clerk' });

	test('reads a name from a demo scan in Chromium, with every file from our own server', async ({
		page,
		context
	}) => {
		test.setTimeout(180_000);
		const truth = demoTruth();
		const requests: string[] = [];
		context.on('request', (r) => requests.push(r.url()));
		// Offline for real: anything not addressed to this server is refused, and noted above.
		await context.route(
			(url) => !url.href.startsWith(baseURL),
			(route) => route.abort('internetdisconnected')
		);

		await page.goto('/books');
		await page
			.getByTestId('book-row')
			.filter({ hasText: '2012' })
			.getByTestId('book-link')
			.first()
			.click();
		const href = await page.getByTestId('book-page').first().getByRole('link').getAttribute('href');
		const pageId = /\/pages\/([^/]+)\/image/.exec(href ?? '')?.[1];
		expect(pageId, href ?? '').toBeTruthy();

		await page.goto('/tools/region-ocr');
		await page.getByTestId('region-page-id').fill(pageId!);
		await page.getByTestId('region-load').click();
		await expect(page.getByTestId('region-image')).toBeVisible();
		await expect
			.poll(() =>
				page.getByTestId('region-image').evaluate((i: HTMLImageElement) => i.naturalWidth)
			)
			.toBe(truth.width);

		const read = async (box: [number, number, number, number]) => {
			// The ink box with a small margin, as a clerk would draw it around the name.
			const drawn = [box[0] - 8, box[1] - 6, box[2] + 8, box[3] + 6];
			for (const [i, name] of ['x0', 'y0', 'x1', 'y1'].entries())
				await page.getByTestId(`region-${name}`).fill(String(drawn[i]));
			await page.getByTestId('region-kind').selectOption('name');
			await page.getByTestId('region-run').click();
			await expect(page.getByTestId('region-result')).toBeVisible({ timeout: 120_000 });
			await expect(page.getByTestId('region-error')).toHaveCount(0);
			return {
				text: (await page.getByTestId('region-text').textContent())?.trim() ?? '',
				ms: Number(await page.getByTestId('region-ms').getAttribute('data-ms'))
			};
		};

		const timings: number[] = [];
		const texts: string[] = [];
		for (const name of truth.names.slice(0, 3)) {
			const got = await read(name.bbox);
			timings.push(got.ms);
			texts.push(got.text);
		}
		test.info().annotations.push({
			type: 'timing',
			description: `first call ${timings[0]} ms (worker + model), warm ${timings.slice(1).join(', ')} ms`
		});
		const core = requests.find((u) => /tesseract-core[\w-]*\.wasm\.js$/.test(u));
		console.log(
			`region OCR: first ${timings[0]} ms, warm ${timings.slice(1).join(' / ')} ms; core ${core}`
		);
		expect(texts).toEqual(truth.names.slice(0, 3).map((n) => n.value));

		// The worker, a core build and the Vietnamese model came from /ocr-assets; nothing left 127.0.0.1.
		const assets = requests.filter((u) => u.startsWith(`${baseURL}/ocr-assets/`));
		expect(assets.some((u) => u.endsWith('/worker.min.js'))).toBe(true);
		expect(assets.some((u) => /tesseract-core[\w-]*\.wasm\.js$/.test(u))).toBe(true);
		expect(assets.some((u) => u.endsWith('/4.0.0_best_int/vie.traineddata.gz'))).toBe(true);
		expect(
			requests.filter(
				(u) => !u.startsWith(baseURL) && !u.startsWith('blob:') && !u.startsWith('data:')
			)
		).toEqual([]);
	});

	test('says what is wrong with a box outside the image, in Vietnamese', async ({ page }) => {
		await page.goto('/books');
		await page
			.getByTestId('book-row')
			.filter({ hasText: '2012' })
			.getByTestId('book-link')
			.first()
			.click();
		const href = await page.getByTestId('book-page').first().getByRole('link').getAttribute('href');
		const pageId = /\/pages\/([^/]+)\/image/.exec(href ?? '')?.[1];
		await page.goto(`/tools/region-ocr?page=${pageId}`);
		await expect
			.poll(() =>
				page.getByTestId('region-image').evaluate((i: HTMLImageElement) => i.naturalWidth)
			)
			.toBeGreaterThan(0);
		for (const [name, v] of [
			['x0', 10],
			['y0', 10],
			['x1', 99999],
			['y1', 50]
		] as const)
			await page.getByTestId(`region-${name}`).fill(String(v));
		await page.getByTestId('region-run').click();
		await expect(page.getByTestId('region-error')).toContainText('nằm ngoài ảnh');
	});

	test('says the OCR engine could not be loaded when the model is missing, instead of hanging', async ({
		page
	}) => {
		await page.route('**/ocr-assets/vie@*/**', (route) => route.fulfill({ status: 404, body: '' }));
		await page.goto('/books');
		await page
			.getByTestId('book-row')
			.filter({ hasText: '2012' })
			.getByTestId('book-link')
			.first()
			.click();
		const href = await page.getByTestId('book-page').first().getByRole('link').getAttribute('href');
		await page.goto(`/tools/region-ocr?page=${/\/pages\/([^/]+)\/image/.exec(href ?? '')?.[1]}`);
		await expect
			.poll(() =>
				page.getByTestId('region-image').evaluate((i: HTMLImageElement) => i.naturalWidth)
			)
			.toBeGreaterThan(0);
		for (const [name, v] of [
			['x0', 100],
			['y0', 100],
			['x1', 500],
			['y1', 140]
		] as const)
			await page.getByTestId(`region-${name}`).fill(String(v));
		await page.getByTestId('region-run').click();
		await expect(page.getByTestId('region-error')).toContainText(
			'Không tải được bộ nhận dạng chữ từ máy chủ',
			{ timeout: 30_000 }
		);
	});

	test('serves only whitelisted OCR files, with their types and long caching', async ({ page }) => {
		const get = (p: string) => page.request.get(`/ocr-assets/${p}`, { maxRedirects: 0 });
		const wasm = await get('tesseract.js-core@7.0.0/tesseract-core-simd-lstm.wasm');
		expect(wasm.status()).toBe(200);
		expect(wasm.headers()['content-type']).toBe('application/wasm');
		expect(wasm.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
		const model = await get('vie@1.0.0/4.0.0_best_int/vie.traineddata.gz');
		expect(model.headers()['content-type']).toBe('application/gzip');
		expect([...(await model.body()).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
		for (const p of [
			'tesseract.js@7.0.0/../../package.json',
			'tesseract.js@7.0.0/%2e%2e/%2e%2e/package.json',
			'tesseract.js-core@7.0.0/package.json',
			'tesseract.js-core@6.0.0/tesseract-core-simd-lstm.wasm',
			'vie@1.0.0/4.0.0/vie.traineddata.gz'
		])
			expect((await get(p)).status(), p).toBe(404);
	});
});

test.describe('OCR files without a session', () => {
	test('send a visitor to log in', async ({ request }) => {
		const r = await request.get('/ocr-assets/tesseract.js@7.0.0/worker.min.js', {
			maxRedirects: 0
		});
		expect(r.status()).toBe(303);
		expect(r.headers()['location']).toContain('/login');
	});
});
