// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/roles';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The caller (hooks.server.ts): signed in, a token, the CLI, single-user mode's local user; null: nobody. */
			principal: Principal | null;
		}
	}
}

export {};
