import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The API and the pages share one origin; CSRF checks stay on for form posts.
		alias: {},
		// The pages' Content-Security-Policy. Kit adds a nonce (a hash on a prerendered page) for
		// its own inline start-up script to script-src, so no other inline script runs: there is
		// none (the theme is set before first paint by static/theme-init.js). Responses that are
		// not pages get a stricter policy from src/lib/server/security/request-guard.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Style sheets only from this server (kit adds its nonce should it inline one). Style
				// attributes must be allowed: the server-rendered HTML carries them (the chart height,
				// app.html's wrapper) and ECharts writes its SVG and tooltip markup with them; without
				// this, Chromium blocks each one and the charts lose their size and tooltips their
				// layout. A style attribute cannot run script, and with no inline <style> allowed it
				// cannot style anything beyond its own element.
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
