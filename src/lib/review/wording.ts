/**
 * What counts as a notable change of a headline between two weeks: 10 % of a count, a
 * duration or money, 5 points of a rate (a rate's relative change would make 2 % to 3 % a
 * "+50 %" event). Shared by the review's sentences and the words that say none was.
 */
export const NOTABLE_RELATIVE = 0.1;
export const NOTABLE_POINTS = 5;

export const NO_NOTABLE_CHANGE = 'No headline moved by 10 % or more (5 points or more for a rate).';
