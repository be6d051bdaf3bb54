/**
 * A source label: the name rows are keyed by (`zendesk`, `eu-desk`), given at import
 * (--label, `label`) and to limit an erasure to one source.
 */
export const SOURCE_LABEL = /^[a-z0-9_-]{1,40}$/i;

/** What a label may be, in the words every refusal uses. */
export const SOURCE_LABEL_RULE = 'letters, digits, _ and - (at most 40)';
