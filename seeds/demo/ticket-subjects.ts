/** Ticket subjects: the catalog's templates with their `{slot}`s filled in. */
import { SECONDS_PER_DAY, partsOfDay } from '../calendar';
import { SUBJECT_SLOTS } from '../catalog';
import type { Rng } from '../random';

const MONTH_NAMES = [
	'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'
];

/** A subject template split into literal text and `{slot}` names, so filling it is a loop. */
interface SubjectTemplate {
	parts: readonly string[];
}

function compileTemplate(template: string): SubjectTemplate {
	return { parts: template.split(/\{(\w+)\}/) };
}

const compiledSubjects = new Map<string, SubjectTemplate>();
function compiled(template: string): SubjectTemplate {
	let found = compiledSubjects.get(template);
	if (!found) {
		found = compileTemplate(template);
		compiledSubjects.set(template, found);
	}
	return found;
}

/** A subject template filled in: month and year from the created instant (seconds), the rest drawn. */
export function fillSubject(template: string, rng: Rng, createdSec: number): string {
	const { parts } = compiled(template);
	let text = parts[0];
	for (let i = 1; i < parts.length; i += 2) {
		const slot = parts[i];
		let value: string;
		if (slot === 'month') value = MONTH_NAMES[partsOfDay(Math.floor(createdSec / SECONDS_PER_DAY)).month - 1];
		else if (slot === 'year') value = String(partsOfDay(Math.floor(createdSec / SECONDS_PER_DAY)).year + 1);
		else if (slot === 'invoice') value = `INV-${rng.int(10_000, 99_999)}`;
		else if (slot === 'n') value = String(rng.int(2, 40));
		else value = rng.pick(SUBJECT_SLOTS[slot] ?? [slot]);
		text += value + parts[i + 1];
	}
	return text;
}
