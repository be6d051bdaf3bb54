import { error } from '@sveltejs/kit';
import { FilterError } from '../filters';

/**
 * A page's query read from its URL by `parse`: a bad parameter is a 400 naming it (the same
 * message the API gives), anything else is a server error.
 */
export function pageQuery<T>(parse: () => T): T {
	try {
		return parse();
	} catch (e) {
		if (e instanceof FilterError) error(400, `${e.param}: ${e.message}`);
		throw e;
	}
}
