import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

/** What one pass over a file's bytes tells: its sha256 and whether it is UTF-8. */
export interface FileDigest {
	/** sha256 of the bytes, hex: re-importing the same export is recognised by it. */
	checksum: string;
	/**
	 * Whether the bytes are UTF-8 throughout: a spreadsheet's "CSV" may be Windows text, which
	 * the CSV reader must be told before it starts (a failed read aborts the transaction).
	 */
	utf8: boolean;
}

/** Where a trailing multi-byte character cut off by the end of `buf` starts (buf.length if none). */
function incompleteTail(buf: Buffer): number {
	for (let k = 1; k <= Math.min(3, buf.length); k++) {
		const b = buf[buf.length - k];
		if ((b & 0xc0) === 0x80) continue;
		const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return need > k ? buf.length - k : buf.length;
	}
	return buf.length;
}

/**
 * The last files digested, by path, size and modification time: an import digests a file
 * before its transaction and the CSV reader needs its encoding inside it, so the file is
 * read once, not twice (at 10M tickets that is 6 GB).
 */
const recent = new Map<string, FileDigest>();
const RECENT_MAX = 16;

/** The digest of a file, streamed so a large export is never held in memory. */
export async function fileDigest(path: string): Promise<FileDigest> {
	const { size, mtimeMs } = statSync(path);
	const key = `${path}\u0000${size}\u0000${mtimeMs}`;
	const known = recent.get(key);
	if (known) return known;
	const hash = createHash('sha256');
	let utf8 = true;
	let carry: Buffer = Buffer.alloc(0);
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		if (utf8) {
			// A character split across two chunks is checked whole, with the next chunk.
			const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
			const cut = incompleteTail(bytes);
			utf8 = isUtf8(bytes.subarray(0, cut));
			carry = bytes.subarray(cut);
		}
	}
	const digest = { checksum: hash.digest('hex'), utf8: utf8 && carry.length === 0 };
	recent.set(key, digest);
	if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
	return digest;
}
