const STOPWORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'how', 'in', 'inc', 'is', 'it', 'its', 'of',
  'on', 'or', 'the', 'to', 'what', 'with', 'does', 'do', 'about', 'this', 'that', 'vs',
]);

/** Lower-case word tokens of a text (letters, digits, '&'), apostrophes dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/['’]/g, '').match(/[a-z0-9&]+/g) ?? [];
}

/** Whether a lower-case word is too common to search on. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Search terms of a text: its words without stopwords, each once, in first-seen order. */
export function searchTerms(text: string): string[] {
  return [...new Set(words(text).filter((word) => !STOPWORDS.has(word)))];
}
