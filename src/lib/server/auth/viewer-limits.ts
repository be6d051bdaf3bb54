import { roleAtLeast, type Principal } from '../../roles';

/**
 * A viewer sees aggregates, never people: figures per agent (`by=assignee`) or for one agent
 * (an `assignee` filter) name agents, so they need the analyst role. The dimension is the only
 * one that names a person; orgs are customers' companies, groups are teams.
 */
const PERSON_DIMENSIONS = ['assignee'];

/** The person dimension this query asks for beyond the caller's role, or null when it asks for none. */
export function viewerQueryProblem(principal: Principal | null, search: URLSearchParams): string | null {
	if (!principal || roleAtLeast(principal.role, 'analyst')) return null;
	const named = (dim: string) =>
		search.getAll('by').some((v) => v.split(',').map((s) => s.trim()).includes(dim)) ||
		search.has(dim) ||
		search.getAll('where').some((w) => w.trim().startsWith(`${dim}=`));
	return PERSON_DIMENSIONS.find(named) ?? null;
}
