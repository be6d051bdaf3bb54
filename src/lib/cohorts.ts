/** How many weeks the cohorts page shows when the URL names no from/to. */
export const COHORT_WEEKS = 12;

/** Checkpoints (hours after creation) of the resolution table: a day, three days, a week. */
export const COHORT_POINTS = [24, 72, 168];
