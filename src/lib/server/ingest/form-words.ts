/**
 * An import's messages name the CLI's options ("pass --timezone ..."), which is right in a
 * terminal and wrong on the Imports page, whose user has a form. An upload's messages say the
 * form field instead, by the label the form shows (components/ImportDropZone.svelte).
 */
const FIELDS: Array<[RegExp, string]> = [
	[/pass --timezone with/g, 'choose, in the field "Time zone of times without an offset",'],
	[/pass --date-format DD\/MM\/YYYY or MM\/DD\/YYYY/g, 'choose DD/MM/YYYY or MM/DD/YYYY in the field "Dates such as 03/04/2024"'],
	[/--date-format says/g, 'the field "Dates such as 03/04/2024" says'],
	[/--sheet names/g, 'the field "Sheet of the Excel files" names'],
	[/--map takes/g, 'each line of "Read values your way" takes'],
	[/--map /g, '"Read values your way": '],
	[/--csat-scale/g, 'the csat_scale setting'],
	[/--encoding/g, 'the encoding setting']
];

export function inFormWords(message: string): string {
	return FIELDS.reduce((text, [pattern, words]) => text.replace(pattern, words), message);
}
