/**
 * The colour theme: the reader's choice (system, light or dark), stored in localStorage and
 * applied as `data-theme` on <html> (static/theme-init.js, loaded by app.html, applies it
 * before first paint), and a reactive reader of the theme's CSS variables for the charts, which draw with
 * colours, not CSS, and so must redraw when the theme changes.
 */

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The localStorage key; static/theme-init.js reads the same key. */
export const THEME_KEY = 'deskpulse-theme';

/** Bumped whenever the colours may have changed: a choice, the system scheme, printing. */
let version = $state(0);
let watching = false;

function watch() {
	if (watching || typeof window === 'undefined') return;
	watching = true;
	new MutationObserver(() => version++).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
	matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => version++);
}

/**
 * A reader of the root's CSS custom properties (`v('--text')`). Called in an effect, it makes
 * that effect re-run when the theme changes, so charts are redrawn in the new colours.
 */
export function cssVars(): (name: string) => string {
	watch();
	void version;
	const css = getComputedStyle(document.documentElement);
	return (name) => css.getPropertyValue(name).trim();
}

/** The stored choice; 'system' when none is stored or storage is unavailable. */
export function storedTheme(): ThemeChoice {
	try {
		const t = localStorage.getItem(THEME_KEY);
		return t === 'light' || t === 'dark' ? t : 'system';
	} catch {
		return 'system';
	}
}

/** Applies a choice to <html> and stores it ('system' removes both, so CSS follows the OS). */
export function applyTheme(choice: ThemeChoice): void {
	const root = document.documentElement;
	if (choice === 'system') delete root.dataset.theme;
	else root.dataset.theme = choice;
	try {
		if (choice === 'system') localStorage.removeItem(THEME_KEY);
		else localStorage.setItem(THEME_KEY, choice);
	} catch {
		// Private mode or storage disabled: the choice lasts until the page is left.
	}
}
