import type { ChartConfiguration } from 'chart.js';

/** Chart settings for the supervisors' pages; numbers in ticks and tooltips use the page's formatter. */
export interface Series {
	label: string;
	data: number[];
	color: string;
	dashed?: boolean;
}

export const palette = {
	approved: '#1b7f3b',
	submitted: '#1f5fae',
	imported: '#8a8f98',
	exported: '#7a3fb0',
	expected: '#c0392b'
};

export function lineConfig(
	labels: string[],
	series: Series[],
	fmt: (n: number) => string
): ChartConfiguration<'line'> {
	return {
		type: 'line',
		data: {
			labels,
			datasets: series.map((s) => ({
				label: s.label,
				data: s.data,
				borderColor: s.color,
				backgroundColor: s.color,
				borderDash: s.dashed ? [6, 4] : undefined,
				pointRadius: 0,
				tension: 0
			}))
		},
		options: {
			maintainAspectRatio: false,
			interaction: { mode: 'index', intersect: false },
			scales: { y: { beginAtZero: true, ticks: { callback: (v) => fmt(Number(v)) } } },
			plugins: {
				tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt(Number(c.parsed.y))}` } }
			}
		}
	};
}

export function rateBarsConfig(
	labels: string[],
	label: string,
	rates: number[],
	fmtRate: (r: number) => string
): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels,
			datasets: [{ label, data: rates.map((r) => r * 100), backgroundColor: palette.approved }]
		},
		options: {
			indexAxis: 'y',
			maintainAspectRatio: false,
			scales: { x: { min: 0, max: 100, ticks: { callback: (v) => fmtRate(Number(v) / 100) } } },
			plugins: {
				legend: { display: false },
				tooltip: { callbacks: { label: (c) => fmtRate(Number(c.parsed.x) / 100) } }
			}
		}
	};
}
