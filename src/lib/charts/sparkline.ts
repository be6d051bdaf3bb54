import { escapeHtml } from '../html';

/** What a sparkline marks beside its values. */
export interface SparklineMarks {
	/** A target in the values' unit, drawn as a dotted level line (the label should say it). */
	target?: number | null;
	/** The last value's period is not complete: its segment is dashed and its point hollow. */
	lastIncomplete?: boolean;
}

/**
 * A sparkline as an inline SVG string: a polyline through the values (gaps where a value is
 * null), the last point marked. Pure, so the review document and the page draw the same.
 */
export function sparklineSvg(values: Array<number | null>, label: string, width = 120, height = 28, marks: SparklineMarks = {}): string {
	const known = values.filter((v): v is number => v !== null);
	const escaped = escapeHtml(label);
	if (known.length === 0) return `<svg width="${width}" height="${height}" role="img" aria-label="${escaped}: no data"></svg>`;
	const target = typeof marks.target === 'number' ? marks.target : null;
	// The target is inside the scale, so a line far below it shows how far.
	const scale = target === null ? known : [...known, target];
	const min = Math.min(...scale);
	const max = Math.max(...scale);
	const span = max - min || 1;
	const x = (i: number) => ((i / Math.max(values.length - 1, 1)) * (width - 4) + 2).toFixed(1);
	const y = (v: number) => (height - 2 - ((v - min) / span) * (height - 4)).toFixed(1);
	const lastIndex = values.length - 1;
	const last = values[lastIndex];
	// An incomplete last period is drawn apart: dashed from the point before it.
	const dashedLast = marks.lastIncomplete === true && last !== null;
	const solid = dashedLast ? values.slice(0, lastIndex) : values;
	const segments: string[][] = [[]];
	solid.forEach((v, i) => {
		if (v === null) segments.push([]);
		else segments[segments.length - 1].push(`${x(i)},${y(v)}`);
	});
	const lines = segments
		.filter((s) => s.length > 0)
		.map((s) => (s.length === 1 ? `<circle cx="${s[0].split(',')[0]}" cy="${s[0].split(',')[1]}" r="1.5" fill="currentColor"/>` : `<polyline points="${s.join(' ')}" fill="none" stroke="currentColor" stroke-width="1.5"/>`));
	const before = lastIndex > 0 ? values[lastIndex - 1] : null;
	const dashed =
		dashedLast && before !== null && before !== undefined
			? `<polyline points="${x(lastIndex - 1)},${y(before)} ${x(lastIndex)},${y(last)}" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="3 2" data-incomplete="true"/>`
			: '';
	const targetLine = target === null ? '' : `<line x1="2" x2="${width - 2}" y1="${y(target)}" y2="${y(target)}" stroke="currentColor" stroke-width="1" stroke-dasharray="1 2" opacity="0.7" data-target="${target}"/>`;
	const marker =
		last === null ? '' : dashedLast ? `<circle cx="${x(lastIndex)}" cy="${y(last)}" r="2.5" fill="none" stroke="currentColor" stroke-width="1.2"/>` : `<circle cx="${x(lastIndex)}" cy="${y(last)}" r="2.5" fill="currentColor"/>`;
	return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escaped}">${targetLine}${lines.join('')}${dashed}${marker}</svg>`;
}
