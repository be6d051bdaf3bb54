import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	ssr: {
		// Native bindings must be loaded by Node at run time, never bundled.
		external: ['@duckdb/node-api', '@duckdb/node-bindings']
	},
	test: {
		include: ['test/unit/**/*.test.ts', 'test/sql/**/*.test.ts', 'test/api/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
