/**
 * Question shapes modelled on the authored catalog (data/inputs/catalog.json), with slots the expander fills:
 * `{A}`/`{a}` the name/ticker of a first company, `{B}`/`{b}` and `{C}`/`{c}` further distinct companies,
 * `{E}` an ETF ticker, `{N}` a session count, `{CH}` a Slack channel.
 */
export interface PhrasingTemplate {
  id: string;
  /** Authored label, as a catalog writer would put it. */
  complexity: 'easy' | 'medium' | 'difficult';
  text: string;
}

export const PHRASING_TEMPLATES: readonly PhrasingTemplate[] = [
  { id: 'quote-move', complexity: 'easy', text: "What is {A}'s ({a}) latest stock price and how much did it move in percent today?" },
  { id: 'headline-sentiment', complexity: 'easy', text: 'Give me the most recent headline about {A} and say whether its sentiment is positive or negative.' },
  { id: 'what-it-does', complexity: 'easy', text: 'In one sentence, what does {A} do and which sector is it in?' },
  { id: 'market-open', complexity: 'easy', text: 'Is the US stock market open right now? If it is closed, when does it next open?' },
  { id: 'close-volume', complexity: 'easy', text: "What was {a}'s closing price in the latest session and what was its trading volume?" },
  { id: 'latest-quote', complexity: 'easy', text: 'Show me the latest quote for {A}: price, change and percent change.' },
  { id: 'top-news-link', complexity: 'easy', text: 'What is the top news story for {A} right now? Include the link.' },
  { id: 'ceo-industry', complexity: 'easy', text: 'Who is the CEO of {A} and what industry is the company in?' },
  { id: 'etf-session', complexity: 'easy', text: 'How did the {E} ETF do in the latest session? Give the close and the percent change.' },
  { id: 'price-and-headline', complexity: 'easy', text: "Briefly: what is {A}'s current share price, and what is the latest headline about it?" },
  { id: 'rank-three', complexity: 'medium', text: "Rank {a}, {b} and {c} by today's percent change and tell me which one led and which lagged." },
  { id: 'volume-vs-average', complexity: 'medium', text: "Was {A}'s trading volume today above or below its typical (average) volume? By how much in percent?" },
  { id: 'three-headlines', complexity: 'medium', text: 'Summarise the last three news headlines about {A} and label each as positive, negative or neutral, then give the overall tone.' },
  { id: 'fact-check-rise', complexity: 'medium', text: "Fact-check: did {A}'s stock rise today? Confirm with two independent sources and give the numbers from each." },
  { id: 'compare-two', complexity: 'medium', text: 'Compare {A} and {B}: which had the bigger percent move today, and what are their market caps?' },
  { id: 'most-shares', complexity: 'medium', text: 'Which of {a}, {b} and {c} traded the most shares in the latest session? List all three volumes.' },
  { id: 'risks-opportunities', complexity: 'medium', text: 'What are the risks and opportunities for {A} according to the latest news? Cite the headlines.' },
  { id: 'relative-move', complexity: 'medium', text: 'How did {A} and {B} move today relative to each other, and what is the latest headline on each?' },
  { id: 'trend-sessions', complexity: 'difficult', text: "Analyse {A}'s trend over the last {N} sessions from daily bars: daily closes, the {N}-session percent change, and whether volume rose or fell. Then compare with the latest headline's sentiment." },
  { id: 'annual-growth', complexity: 'difficult', text: 'Using the two most recent annual income statements for {A}, compute revenue growth, net income growth and the net margin for each year. Is profitability improving?' },
  { id: 'excess-return', complexity: 'difficult', text: "Did {A} outperform the ETF {E} today? Compute {a}'s excess return over {E} and over the last {N} sessions, and explain with the latest news." },
  { id: 'note-to-slack', complexity: 'difficult', text: 'Prepare a short market note on {A} (price, percent move, volume versus average, top headline) and post it to the #{CH} Slack channel, then confirm it was posted.' },
  { id: 'rank-returns', complexity: 'difficult', text: 'Rank {a}, {b} and {c} by their {N}-session return from daily bars and flag any that fell more than 2%.' },
  { id: 'bank-profitability', complexity: 'difficult', text: 'For {A} and {B}, compare revenue growth and net margin from the two latest annual income statements and say which company is more profitable.' },
  { id: 'two-verdict', complexity: 'difficult', text: 'Check {A} and {B}: which moved more today, how does each compare with its average volume, and what does the latest news say about each? Give a one-paragraph verdict.' },
];

/** Openings that vary the wording without changing what is asked, so expanded prompts stay distinct. */
export const OPENINGS: readonly string[] = ['', 'Quick question: ', 'For my notes, ', 'Please help: ', 'Desk request: ', 'Client asked: ', 'Heads-up check: ', 'Morning check: '];

export const SESSION_COUNTS: readonly number[] = [3, 5, 10];

export const CHANNELS: readonly string[] = ['research', 'markets'];
