/**
 * Text from an export (file names, values, reasons) is printed to a terminal: its control
 * characters (an escape sequence could recolour, move the cursor or retitle the window) are
 * shown as U+FFFD. Line breaks and tabs the command writes itself are kept.
 */
export function terminalSafe(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}
