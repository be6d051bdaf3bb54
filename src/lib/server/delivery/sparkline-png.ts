import { deflateSync } from 'node:zlib';

/**
 * A review sparkline as a PNG, for email: Gmail's web client and Outlook for Windows drop
 * inline SVG, but every client shows an image attached inline (a `cid:` link). It draws what
 * sparklineSvg draws (the line, gaps at nulls, the dotted target, a dashed and hollow
 * incomplete last period, the last point), at twice the size for sharp screens.
 */

/** What the line marks besides its values, as sparklineSvg's marks (charts/sparkline.ts) say. */
export interface PngSparklineMarks {
	target?: number | null;
	lastIncomplete?: boolean;
}

type Rgb = readonly [number, number, number];
const LINE: Rgb = [0x3b, 0x5b, 0x9a];
const TARGET: Rgb = [0x8a, 0x93, 0x9c];
const SCALE = 2;

class Canvas {
	readonly pixels: Uint8Array;
	constructor(
		readonly width: number,
		readonly height: number
	) {
		this.pixels = new Uint8Array(width * height * 4);
	}

	/** A filled disc: the pen every stroke is stamped with. */
	dot(cx: number, cy: number, r: number, color: Rgb): void {
		for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
			for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
				if (x < 0 || y < 0 || x >= this.width || y >= this.height) continue;
				if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
				const i = (y * this.width + x) * 4;
				this.pixels.set([color[0], color[1], color[2], 255], i);
			}
		}
	}

	/** A ring: the hollow point of a period still under way. */
	ring(cx: number, cy: number, r: number, width: number, color: Rgb): void {
		for (let a = 0; a < 64; a++) this.dot(cx + r * Math.cos((a / 64) * 2 * Math.PI), cy + r * Math.sin((a / 64) * 2 * Math.PI), width / 2, color);
	}

	/** A stroke from one point to another, solid or dashed (`dash` on, `gap` off, in pixels). */
	line(x0: number, y0: number, x1: number, y1: number, width: number, color: Rgb, dash: [number, number] | null = null): void {
		const length = Math.hypot(x1 - x0, y1 - y0);
		const steps = Math.max(Math.ceil(length * 2), 1);
		for (let s = 0; s <= steps; s++) {
			const along = (s / steps) * length;
			if (dash && along % (dash[0] + dash[1]) >= dash[0]) continue;
			this.dot(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, width / 2, color);
		}
	}
}

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeUInt32BE(crc32(body), 8 + data.length);
	return out;
}

/** RGBA pixels as a PNG file (8-bit, colour type 6, no filter). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 6, 0, 0, 0], 8);
	const rows = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array(0))]);
}

/** The sparkline of `values` as a PNG of `width` x `height` CSS pixels (drawn at twice that). */
export function sparklinePng(values: Array<number | null>, width = 120, height = 28, marks: PngSparklineMarks = {}): Buffer {
	const canvas = new Canvas(width * SCALE, height * SCALE);
	const known = values.filter((v): v is number => v !== null);
	if (known.length === 0) return encodePng(canvas.width, canvas.height, canvas.pixels);
	const target = typeof marks.target === 'number' ? marks.target : null;
	const scale = target === null ? known : [...known, target];
	const min = Math.min(...scale);
	const span = Math.max(...scale) - min || 1;
	const x = (i: number) => ((i / Math.max(values.length - 1, 1)) * (width - 4) + 2) * SCALE;
	const y = (v: number) => (height - 2 - ((v - min) / span) * (height - 4)) * SCALE;
	if (target !== null) canvas.line(2 * SCALE, y(target), (width - 2) * SCALE, y(target), SCALE, TARGET, [SCALE, 2 * SCALE]);
	const lastIndex = values.length - 1;
	const last = values[lastIndex];
	const dashedLast = marks.lastIncomplete === true && last !== null;
	const solidEnd = dashedLast ? lastIndex - 1 : lastIndex;
	for (let i = 0; i <= solidEnd; i++) {
		const v = values[i];
		if (v === null) continue;
		const next = i < solidEnd ? values[i + 1] : null;
		if (next !== null && next !== undefined) canvas.line(x(i), y(v), x(i + 1), y(next), 1.5 * SCALE, LINE);
		else if ((i === 0 || values[i - 1] === null) && i !== lastIndex) canvas.dot(x(i), y(v), 1.5 * SCALE, LINE);
	}
	const before = lastIndex > 0 ? values[lastIndex - 1] : null;
	if (dashedLast && before !== null) canvas.line(x(lastIndex - 1), y(before), x(lastIndex), y(last), 1.5 * SCALE, LINE, [3 * SCALE, 2 * SCALE]);
	if (last !== null) {
		if (dashedLast) canvas.ring(x(lastIndex), y(last), 2.5 * SCALE, 1.2 * SCALE, LINE);
		else canvas.dot(x(lastIndex), y(last), 2.5 * SCALE, LINE);
	}
	return encodePng(canvas.width, canvas.height, canvas.pixels);
}
