import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { listAudit } from '$lib/server/auth/audit';

const PAGE_SIZE = 100;

/** The audit log, newest first, a page at a time (`before`: the last id of the page before). */
export const load: PageServerLoad = async ({ url }) => {
	const beforeText = url.searchParams.get('before');
	const before = beforeText && /^\d+$/.test(beforeText) ? Number(beforeText) : null;
	const action = url.searchParams.get('action') || null;
	const entries = await listAudit(await appDatabase(), { limit: PAGE_SIZE + 1, before, action });
	return { entries: entries.slice(0, PAGE_SIZE), more: entries.length > PAGE_SIZE, action };
};
