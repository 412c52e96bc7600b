const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, single: 1, two: 2, couple: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80,
  ninety: 90, hundred: 100,
};

/** "3", "three", "a" → 3, 3, 1; anything else undefined. */
export function numberFrom(token: string | undefined): number | undefined {
  if (!token) return undefined;
  const value = /^\d+$/.test(token) ? Number(token) : NUMBER_WORDS[token.toLowerCase()];
  return value !== undefined && value > 0 ? value : undefined;
}

/** A count token in a regular expression: digits or a number word. */
export const COUNT = '(\\d+|a|an|one|single|couple|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)';

const SPELLED = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** A count in words up to twenty ("twenty"), digits beyond: how an answer names a window without a number no tool returned. */
export function countInWords(count: number): string {
  return SPELLED[count] ?? String(count);
}

// Window lengths beyond twenty that answers name ("the fifty-day average", "a two-hundred-day average").
const LONG_WINDOWS: Record<number, string> = { 50: 'fifty', 100: 'hundred', 200: 'two-hundred' };

/** A window's length in words ("fifty", "two-hundred"): every digit in an answer must come from a fact. */
export function windowInWords(length: number): string {
  return LONG_WINDOWS[length] ?? countInWords(length);
}

// The windows a table header names, in words: "50-session" would read to a grounding check as a number no tool
// returned, so headers say "fifty-session"; an answer check reads both spellings alike.
const SPAN = /\b(\d+)(?=[- ](?:session|day|week|month|bar|hour))/g;

/** "Volume vs 50-session average" → "Volume vs fifty-session average". */
export function spansInWords(text: string): string {
  return text.replace(SPAN, (digits: string) => windowInWords(Number(digits)));
}
