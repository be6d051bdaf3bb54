import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, inBackground } from '../../src/lib/server/db/database';

// Background work (the default views computed ahead) takes one pooled connection at a time,
// and only while no request waits: a request never queues behind more than one of its queries.
let db: Database;

beforeAll(async () => {
	db = await Database.open(':memory:', { migrate: false });
});

afterAll(async () => {
	await db?.close();
});

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
	let open!: () => void;
	const opened = new Promise<void>((r) => (open = r));
	return { opened, open };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

/** Waits until `cond` holds (connections open asynchronously, slower on a busy machine). */
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 5));
	}
}

describe('the connection pool', () => {
	it('runs background work one query at a time and lets a waiting request go first', async () => {
		const order: string[] = [];
		let active = 0;
		let maxBackground = 0;
		const gates = [gate(), gate(), gate()];
		const held = (name: string, g: { opened: Promise<void> }, background: boolean) =>
			db.withConnection(async () => {
				order.push(name);
				active++;
				if (background) maxBackground = Math.max(maxBackground, active);
				await g.opened;
				active--;
			});
		// Three background queries at once: one runs, two queue.
		const work = inBackground(() => Promise.all(gates.map((g, i) => held(`background ${i + 1}`, g, true))));
		await until(() => order.length === 1);
		await tick();
		expect(order).toEqual(['background 1']);
		// Two requests take the two free connections; a third waits for one.
		const requestGates = [gate(), gate(), gate()];
		const requests = requestGates.map((g, i) => held(`request ${i + 1}`, g, false));
		await until(() => order.length === 3);
		await tick();
		expect(order.slice(1).sort()).toEqual(['request 1', 'request 2']);
		// The background query ends: the waiting request gets its connection, not the next background one.
		gates[0].open();
		await until(() => order.length === 4);
		expect(order[3]).toBe('request 3');
		for (const g of requestGates) g.open();
		await Promise.all(requests);
		await until(() => order.length === 5);
		await tick();
		expect(order.slice(4)).toEqual(['background 2']);
		gates[1].open();
		gates[2].open();
		await work;
		expect(order.slice(4)).toEqual(['background 2', 'background 3']);
		expect(maxBackground).toBe(1);
	});

	it('lets ordinary queries use every connection', async () => {
		const g = gate();
		let active = 0;
		let most = 0;
		const queries = [1, 2, 3].map(() =>
			db.withConnection(async () => {
				most = Math.max(most, ++active);
				await g.opened;
				active--;
			})
		);
		await until(() => most === 3);
		expect(most).toBe(3);
		g.open();
		await Promise.all(queries);
	});
});
