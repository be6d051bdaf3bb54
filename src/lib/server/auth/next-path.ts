/** Where to go after signing in: a path on this site only, never another host (`//evil`, `/\evil`). */
export function nextPath(value: string | null | undefined): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
