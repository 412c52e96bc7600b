/**
 * The company facts a prompt names ("who runs it", "the exchange it trades on", "how many people work there"), each
 * with the words that ask for it and the words an answer states it with. One lexicon for the planner (what to fetch
 * and require), the gate (the answer states each) and a model's prompt (what to include).
 */

import { expandShorthand } from './shorthand.ts';

export const FACT_LABELS = ['ceo', 'employees', 'sector', 'industry', 'exchange', 'website', 'ipo_date', 'beta', 'dividend', 'country', 'currency', 'is_etf', 'description', 'market_cap', 'pe', 'eps'] as const;
export type FactLabel = (typeof FACT_LABELS)[number];

interface FactWords {
  /** The prompt asks for it (matched on lower-cased text). */
  asked: RegExp;
  /** The answer states it (case-insensitive); absent where no word test is fair (a description is prose). */
  stated?: RegExp;
  /** How a model is told it. */
  name: string;
}

export const FACT_WORDS: Record<FactLabel, FactWords> = {
  ceo: { name: 'CEO', asked: /\bceos?\b|chief exec(?:utive)?s?\b|who (?:actually |really |currently |now )?(?:runs|leads|heads|manages|is running|is in charge)|\b(?:is|are) (?:run|headed|led) by\b|in charge of|\bboss\b|who(?:'s| is) at the helm|\bat the helm\b/, stated: /\bceo\b|chief executive|\b(?:led|run|headed|managed) by\b/i },
  employees: { name: 'employee count', asked: /employees|\bemployee (?:count|number|total|base)\b|headcount|\bstaff\b|workforce|how many (?:people|workers|heads|staff|employees)|people (?:work|working) (?:there|at)|\bemploys?\b/, stated: /employ|\bstaff\b|headcount|workforce|people|workers/i },
  // "A chip-sector roundup", "the whole sector" name a group; the fact is the company's own sector.
  sector: {
    name: 'sector',
    asked: /\b(?:which|what) (?:gics )?sector\b|(?:\b(?:its|their|the company|company|and|&)|'s) sector\b(?!-)|\bsector (?:and|&|\/|or) industry\b|\bindustry (?:and|&|\/|or) sector\b|\bsector classification|\bsector (?:it|they|\w+) (?:is|are|belongs?|sits?|falls?) in\b|\bsectors?,|,\s*sector\b|\bsector\s*$/m,
    stated: /\bsector\b/i,
  },
  industry: { name: 'industry', asked: /\bindustry\b(?! (?:peers|average|group|wide))|line of business/, stated: /industry|line of business/i },
  exchange: {
    name: 'listing exchange',
    asked: /\b(?:stock )?exchange\b(?![- ]traded)|\blisted (?:on|in|at)\b|where (?:is |are )?(?:it|they|\w+) (?:is |are )?listed|\blisting (?:venue|exchange|market)|primary (?:listing|market|exchange)|trades? on (?:which|what)|(?:which|what) (?:market|venue|board) (?:it|they|\w+) (?:trades?|is listed)/,
    stated: /nasdaq|nyse|\bexchange\b|listed|\barca\b|\bbats\b|cboe/i,
  },
  website: { name: 'website', asked: /website|web site|homepage|home page/, stated: /https?:\/\/|www\.|\.com\b|website/i },
  ipo_date: { name: 'IPO date', asked: /\bipo\b|went public|listing date|listed since|public since|first listed|date (?:it|\w+) (?:listed|went public)/, stated: /\bipo\b|went public|listed (?:since|on|in)|listing date|public (?:in|on|since)|\b(?:19|20)\d\d\b/i },
  beta: { name: 'beta', asked: /\bbeta\b(?![- ](?:driven|move|play))/, stated: /\bbeta\b/i },
  dividend: { name: 'dividend', asked: /dividend|payout/, stated: /dividend|payout/i },
  country: { name: 'country', asked: /which country|what country|headquarter|\bhq\b|based in\b|where (?:is )?(?:it|\w+) based/, stated: /headquarter|based in|country|united states|\bu\.?s\.?\b|\bhq\b/i },
  currency: { name: 'reporting currency', asked: /\bcurrency\b/, stated: /currency|\busd\b|dollars?|\beur\b/i },
  is_etf: { name: 'whether it is an ETF', asked: /is (?:it|this|that|\w+) an? (?:etf|fund)|if it(?:'s| is) an? (?:etf|fund)|whether [^.?!]{0,30}(?:etf|fund)\b/, stated: /\betf\b|\bfund\b|exchange-traded|operating company/i },
  description: { name: 'what the company does', asked: /tell me about|overview of|snapshot of|rundown on|brief me on|know about|what (?:does|do)\b[^.?!]{0,40}\bdo\b|what (?:the company|it|they) does|\bdoes for a living|business (?:description|model|summary)|describe (?:the )?(?:company|business|what)|description|what (?:kind of )?company/ },
  // "what the whole company is worth now", "how much is it valued at".
  market_cap: { name: 'market cap', asked: /market cap|market value|market capitali[sz]ation|\bmkt ?cap\b|\bmcap\b|\b(?:what|how much)\b[^.?!]{0,30}\b(?:worth|valued at)\b/, stated: /market cap|market value|capitali[sz]ation/i },
  pe: { name: 'P/E', asked: /p\/e|\bpe ratio|\bpe\b(?= (?:ratio|multiple))|\b(?:trailing|forward|ttm|fwd) pes?\b|\bpes? (?:on|of|for) (?:each|both|the)\b|price[- ]to[- ]earnings|earnings multiple/, stated: /p\/e|price[- ]to[- ]earnings|earnings multiple|times earnings/i },
  eps: { name: 'EPS', asked: /\beps\b|earnings per share/, stated: /\beps\b|earnings per share|per share/i },
};

// A quoted text to post is not asked of the answer ("post 'CEO change flagged'" asks no CEO); a quoted claim to check
// is: its facts are the ones the verdict needs.
const POSTED = /\b(?:post|send|saying|says|message|text|write|reading|verbatim|exactly)\b[^"“'\n.;]{0,40}?[:\s]\s*(?:["“][^"”]{3,}["”]|'[^']{3,}'(?![a-z]))/g;
// The person asking is no fact asked for: "our chief executive would like to understand", "my boss wants".
const REQUESTER = /\b(?:our|my|the firm's|the company's) (?:chief executive(?: officer)?|ceo|cfo|boss|chair(?:man|woman)?)\b(?= (?:would like|wants|asked|has asked|needs|is asking|requested|would appreciate))/g;
const unposted = (t: string) => t.replace(POSTED, ' ').replace(REQUESTER, ' ');

/** The facts a prompt names, in lexicon order (empty when it names none). */
export function readFacts(text: string): FactLabel[] {
  const t = unposted(expandShorthand(text).toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"'));
  return FACT_LABELS.filter((label) => FACT_WORDS[label].asked.test(t));
}
