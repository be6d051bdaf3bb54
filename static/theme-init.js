// The stored theme before first paint, so a chosen theme never flashes the system one (the
// key is THEME_KEY of src/lib/charts/theme.svelte.ts). A file, not an inline script: the
// pages' Content-Security-Policy runs only scripts from this server or with kit's nonce.
try {
	var theme = localStorage.getItem('deskpulse-theme');
	if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {}
