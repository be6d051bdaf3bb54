import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { engineReason } from './errors';

/**
 * A user's own reading of a vendor value (`--map status="Waiting on Customer=pending"`): it
 * wins over the built-in maps and the default rules. Values are compared trimmed and
 * case-insensitively; the target is checked against the field's vocabulary here, so the SQL
 * that applies it (check-sql.ts) only ever binds canonical values.
 */
export interface ValueOverride {
	field: MappedField;
	/** The vendor's value as the export writes it. */
	from: string;
	/** The canonical value it is read as. */
	to: string;
}

export const MAPPED_FIELDS = ['status', 'priority', 'channel', 'tier'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITY_WORDS: Record<string, string> = { urgent: 'P1', critical: 'P1', high: 'P2', normal: 'P3', medium: 'P3', low: 'P4' };

/** A problem with an override, in a sentence for the CLI, the API and the Imports page. */
export class OverrideError extends Error {}

/** The canonical value `to` stands for in `field`'s vocabulary, or a problem. */
function canonical(field: MappedField, to: string): string {
	const word = to.trim().toLowerCase().replace(/[\s-]+/g, '_');
	if (field === 'status') {
		const status = word === 'resolved' ? 'solved' : word === 'hold' ? 'on_hold' : word;
		if (STATUSES.includes(status)) return status;
		throw new OverrideError(`status can be mapped to ${STATUSES.join(', ')}, not "${to}"`);
	}
	if (field === 'priority') {
		if (/^p[0-4]$/.test(word)) return word.toUpperCase();
		if (PRIORITY_WORDS[word]) return PRIORITY_WORDS[word];
		throw new OverrideError(`priority can be mapped to P0..P4 or urgent, high, normal, low, not "${to}"`);
	}
	if (field === 'tier') {
		const tier = word.replace(/^tier_?/, 't').toUpperCase();
		if (/^T[1-3]$/.test(tier)) return tier;
		throw new OverrideError(`tier can be mapped to T1, T2 or T3, not "${to}"`);
	}
	if (word === '' || word.length > 60) throw new OverrideError(`channel needs a name of 1 to 60 characters, not "${to}"`);
	return word;
}

/** One override from its three parts, checked (`{field, from, to}` of the API). */
export function override(field: string, from: string, to: string): ValueOverride {
	const f = field.trim().toLowerCase();
	if (!(MAPPED_FIELDS as readonly string[]).includes(f)) {
		throw new OverrideError(`values of ${MAPPED_FIELDS.join(', ')} can be mapped, not of "${field}"`);
	}
	if (from.trim() === '') throw new OverrideError(`a ${f} map needs the export's value before "="`);
	return { field: f as MappedField, from: from.trim(), to: canonical(f as MappedField, to) };
}

/**
 * One `--map` argument: `FIELD=VALUE=CANONICAL`, several pairs joined by `;`
 * (`status=Waiting on Customer=pending;Waiting on Acme=open`). A vendor value holding `=` is
 * read up to the last `=`.
 */
export function parseMapArgument(text: string): ValueOverride[] {
	const at = text.indexOf('=');
	if (at <= 0) throw new OverrideError(`--map takes FIELD="VALUE=CANONICAL", e.g. status="Waiting on Customer=pending"; got "${text}"`);
	const field = text.slice(0, at);
	return text
		.slice(at + 1)
		.split(';')
		.filter((pair) => pair.trim() !== '')
		.map((pair) => {
			const last = pair.lastIndexOf('=');
			if (last <= 0) throw new OverrideError(`--map ${field}: "${pair}" is not VALUE=CANONICAL`);
			return override(field, pair.slice(0, last), pair.slice(last + 1));
		});
}

/**
 * A value-map file (YAML or JSON): `{ status: { "Waiting on Customer": pending }, priority:
 * { Highest: P1 } }`, the same as `--map` arguments kept beside an export.
 */
export function readValueMapFile(path: string): ValueOverride[] {
	let doc: unknown;
	try {
		const text = readFileSync(path, 'utf8');
		doc = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
	} catch (e) {
		throw new OverrideError(`value-map file ${path}: ${engineReason(e)}`);
	}
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
		throw new OverrideError(`value-map file ${path}: expected fields (status, priority, channel, tier) each with "export value: canonical value" pairs`);
	}
	const out: ValueOverride[] = [];
	for (const [field, pairs] of Object.entries(doc as Record<string, unknown>)) {
		if (!pairs || typeof pairs !== 'object' || Array.isArray(pairs)) {
			throw new OverrideError(`value-map file ${path}: "${field}" must hold "export value: canonical value" pairs`);
		}
		for (const [from, to] of Object.entries(pairs as Record<string, unknown>)) {
			if (typeof to !== 'string' && typeof to !== 'number') throw new OverrideError(`value-map file ${path}: ${field}."${from}" must be a value`);
			out.push(override(field, from, String(to)));
		}
	}
	return out;
}

/** Several sources of overrides as one list: a later map of the same value wins. */
export function mergeOverrides(...lists: ValueOverride[][]): ValueOverride[] {
	const byKey = new Map<string, ValueOverride>();
	for (const o of lists.flat()) byKey.set(`${o.field}\u0000${o.from.toLowerCase()}`, o);
	return [...byKey.values()];
}
