/**
 * Trader shorthand spelled out, so every reader of a prompt sees "volume" in "today's vol vs avg", "dividend" in
 * "div", "52-week high and low" in "52w hi/lo" and "price, change" in "px, chg". Company names and tickers are left
 * as written (their case still tells a ticker from a word).
 */
const SHORTHAND: Array<[RegExp, string]> = [
  [/\b((?:realis|realiz|implied|annuali[sz]|hist)\w*)\s+vol\b(?!ume)/gi, '$1 volatility'],
  [/\bvol\b(?!ume|atil)/gi, 'volume'],
  [/\bvols\b/gi, 'volumes'],
  [/\bpx\b/gi, 'price'],
  [/\bchg\b/gi, 'change'],
  [/\bdivs?\b(?!ide)/gi, 'dividend'],
  [/\b52\s?w(?:k|ks)?\b/gi, '52-week'],
  [/\bhi\s*\/\s*lo\b/gi, 'high and low'],
  [/\bo\s*\/\s*h\s*\/\s*l\s*\/\s*c\b/gi, 'open, high, low and close'],
  [/\bmkts\b/gi, 'markets'],
  [/\bmkt\b/gi, 'market'],
  [/\bavg\b/gi, 'average'],
  [/\bwk\b/gi, 'week'],
  [/\beod\b/gi, 'end of day'],
  [/\bsemis\b/gi, 'semiconductor stocks'],
  [/\bsemi\b/gi, 'semiconductor stock'],
  [/\bw\/(?=\s)/gi, 'with'],
  [/(?<=\s)w(?=\s+(?:the|a|an|px|price|chg|title|link|links|both|numbers?|sources?|dates?|each|its|their)\b)/gi, 'with'],
  // Code-style metric names: "ret_5d", "pct_1d", "mkt_cap", "avg_vol_50d", "max_dd".
  [/\b(?:pct|ret|chg|move)_1d\b/gi, '% change today'],
  [/\b(?:ret|pct|chg|return)_(\d+)d?\b/gi, '$1-session return'],
  [/\bmkt_cap\b|\bmcap\b/gi, 'market cap'],
  [/\bavg_daily_vol(?:ume)?\b|\badv\b(?=\s*(?:,|over|$))/gi, 'average daily volume'],
  [/\bavg_vol(?:ume)?_50d?\b|\bavg_vol(?:ume)?\b/gi, 'average volume'],
  [/\bret_pct\b|\bpct_ret\b/gi, 'return %'],
  [/\bmax_dd\b/gi, 'max drawdown'],
  [/\bpe\b(?=\s*[,;/]|\s+and\b)/g, 'P/E'],
  [/\bdont\b/gi, "don't"],
  [/\bthx\b|\bty\b/gi, 'thanks'],
  [/\bNT\b/g, 'near term'],
  [/\bwhcih\b/gi, 'which'],
];

export function expandShorthand(text: string): string {
  return SHORTHAND.reduce((expanded, [pattern, replacement]) => expanded.replace(pattern, replacement), text);
}
