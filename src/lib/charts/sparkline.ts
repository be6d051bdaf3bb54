/**
 * A sparkline as an inline SVG string: a polyline through the values (gaps where a value is
 * null), the last point marked. Pure, so the review document and the page draw the same.
 */
export function sparklineSvg(values: Array<number | null>, label: string, width = 120, height = 28): string {
	const known = values.filter((v): v is number => v !== null);
	const escaped = label.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
	if (known.length === 0) return `<svg width="${width}" height="${height}" role="img" aria-label="${escaped}: no data"></svg>`;
	const min = Math.min(...known);
	const max = Math.max(...known);
	const span = max - min || 1;
	const x = (i: number) => ((i / Math.max(values.length - 1, 1)) * (width - 4) + 2).toFixed(1);
	const y = (v: number) => (height - 2 - ((v - min) / span) * (height - 4)).toFixed(1);
	const segments: string[][] = [[]];
	values.forEach((v, i) => {
		if (v === null) segments.push([]);
		else segments[segments.length - 1].push(`${x(i)},${y(v)}`);
	});
	const lines = segments
		.filter((s) => s.length > 0)
		.map((s) => (s.length === 1 ? `<circle cx="${s[0].split(',')[0]}" cy="${s[0].split(',')[1]}" r="1.5" fill="currentColor"/>` : `<polyline points="${s.join(' ')}" fill="none" stroke="currentColor" stroke-width="1.5"/>`));
	const lastIndex = values.length - 1;
	const last = values[lastIndex];
	const marker = last === null ? '' : `<circle cx="${x(lastIndex)}" cy="${y(last)}" r="2.5" fill="currentColor"/>`;
	return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escaped}">${lines.join('')}${marker}</svg>`;
}
