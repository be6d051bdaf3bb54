import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { sparklinePng } from '../../src/lib/server/delivery/sparkline-png';

/** Decodes the PNGs sparklinePng writes (8-bit RGBA, filter 0): width, height and a pixel reader. */
function decode(png: Buffer) {
	expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	let offset = 8;
	let width = 0;
	let height = 0;
	const idat: Buffer[] = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('ascii', offset + 4, offset + 8);
		const data = png.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
		if (type === 'IDAT') idat.push(data);
		offset += 12 + length;
	}
	const rows = inflateSync(Buffer.concat(idat));
	const pixel = (x: number, y: number) => [...rows.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)];
	return { width, height, pixel };
}

const BLUE = [0x3b, 0x5b, 0x9a, 255];
const CLEAR = [0, 0, 0, 0];

describe('sparklinePng: the review sparkline as an image for email', () => {
	it('is drawn at twice the size, the line from the lowest value bottom-left to the highest top-right', () => {
		const { width, height, pixel } = decode(sparklinePng([1, 2, 3], 120, 28));
		expect([width, height]).toEqual([240, 56]);
		// x(0) = 2 px, y(1) = 26 px; x(2) = 118 px, y(3) = 2 px (CSS pixels, doubled).
		expect(pixel(4, 52)).toEqual(BLUE);
		expect(pixel(236, 4)).toEqual(BLUE);
		// The middle value lies on the line: x(1) = 60, y(2) = 14.
		expect(pixel(120, 28)).toEqual(BLUE);
		// Far from the line: nothing.
		expect(pixel(236, 52)).toEqual(CLEAR);
		expect(pixel(4, 4)).toEqual(CLEAR);
	});

	it('leaves a gap at a missing week, draws the target dotted and an incomplete last week hollow', () => {
		const { pixel } = decode(sparklinePng([2, null, 2, 2], 120, 28, { target: 1, lastIncomplete: true }));
		// Values 2 sit at the top (y = 2 px), the target 1 at the bottom (y = 26 px).
		const x = (i: number) => Math.round(((i / 3) * 116 + 2) * 2);
		// Between week 0 and week 2 (the null week 1) no line is drawn.
		expect(pixel(x(1), 4)).toEqual(CLEAR);
		expect(pixel(Math.round((x(2) + x(3)) / 2) - 20, 4)).not.toEqual(CLEAR);
		// The target line: grey, dotted (some pixels along it empty).
		const along = Array.from({ length: 200 }, (_, i) => pixel(20 + i, 52));
		expect(along.some((p) => p[0] === 0x8a)).toBe(true);
		expect(along.some((p) => p[3] === 0)).toBe(true);
		// The last point hollow: inside its ring (off the dashed line into it) empty, the ring drawn.
		expect(pixel(x(3), 4 + 2)).toEqual(CLEAR);
		expect(pixel(x(3), 4 + 5)).toEqual(BLUE);
		// A complete last week's point is filled.
		expect(decode(sparklinePng([2, null, 2, 2], 120, 28, { target: 1 })).pixel(x(3), 4 + 2)).toEqual(BLUE);
	});

	it('is an empty image without values', () => {
		const { pixel } = decode(sparklinePng([null, null], 120, 28));
		expect(pixel(120, 28)).toEqual(CLEAR);
	});
});
