/**
 * Data a prompt may ask for that none of the five tools serves (quotes, bars, profiles, income statements, news, web
 * pages, a Python sandbox and Slack). Such a prompt cannot be answered in full, so it is a recorded failure naming
 * what is missing, never an answer that silently skips the asked part.
 */
const UNSERVED: Array<[string, RegExp]> = [
  ['options data (chains, implied volatility, skew, open interest)', /\boptions? (?:chains?|data|flow|volume|activity|prices?|market)\b|implied vol(?:atility)?|\biv\b|put[/-]call|\bskew\b|open interest|\bgreeks\b|\bstraddle|\bstrike prices?\b/],
  ['analyst consensus (price targets, rating counts, estimates)', /(?:consensus|average|mean|median|street)\s+(?:analyst\s+)?(?:price\s+)?(?:targets?|ratings?|recommendations?|estimates?)|analyst (?:price targets|ratings? counts?|recommendations? counts?|consensus)|(?:buy\/hold\/sell|buy-hold-sell) (?:ratings? )?(?:counts?|split|breakdown|ratings?)|rating counts/],
  ['short interest', /short interest|days to cover|short float|short ratio|borrow (?:fee|rate)s?/],
  ['insider or institutional holdings', /insider (?:buying|selling|trad(?:es|ing)|transactions|ownership|purchases|sales)|institutional (?:ownership|holders|holdings)|\b13f\b|fund holdings|top holders/],
  ['ESG or credit ratings', /\besg\b|sustainability (?:score|rating)|credit ratings?|credit default swaps?|\bcds spreads?\b/],
  ['earnings call transcripts', /(?:earnings )?call transcripts?|transcript of the (?:earnings )?call/],
  ['order-book data (bid/ask, level 2, dark pools)', /order book|level (?:2|ii) (?:data|quotes?)|bid[- ]ask spread|dark pool/],
];

// A quoted text (a claim, a post to send) is not asked of the tools.
const unquoted = (t: string) => t.replace(/["“][^"”]{3,}["”]/g, ' ');

/** What the prompt asks for that no tool serves, one label per kind (empty when the tools serve it all). */
export function unservedData(prompt: string): string[] {
  const t = unquoted(prompt.toLowerCase());
  return UNSERVED.filter(([, pattern]) => pattern.test(t)).map(([label]) => label);
}
