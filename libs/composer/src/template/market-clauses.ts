import { firstSentence } from './profile-clauses.ts';
import { count, decimal, money, move, percent, type FactReader } from './fact-reader.ts';
import type { Focus, Style } from './focus.ts';
import { slackReadClauses } from './slack-read-clauses.ts';
import { conditionClause, volumeFilterClause } from './condition-clause.ts';

function marketStatusClause(facts: FactReader, style: Style, focus: Focus): string | undefined {
  const state = facts.text('market_state');
  if (!state) return undefined;
  const next = facts.text('market_next_open');
  if (style === 'brief') return `Market ${state}${next && state !== 'open' ? `; next open ${next}` : ''}`;
  const time = facts.text('market_server_time');
  let clause = `The US market is ${state === 'open' ? 'open' : state === 'closed' ? 'closed' : `closed for regular trading (${state} session)`}${time ? ` as of ${time}` : ''}`;
  if (next && state !== 'open') clause += `; it next opens at ${next}`;
  const holiday = focus.has('market_holiday') ? facts.flag('market_holiday') : undefined;
  if (holiday !== undefined) clause += holiday ? '; today is a market holiday' : '; today is not a market holiday'
  return clause;
}

const RANKED_BY: Record<string, string> = {
  move: 'percent change on the session',
  volume: 'volume',
  return: 'return over the window',
  market_cap: 'market cap',
  income_growth: 'latest revenue growth',
  income_net_margin: 'latest net margin',
  income_gross_margin: 'latest gross margin',
  income_operating_margin: 'latest operating margin',
  pe: 'P/E',
  beta: 'beta',
  income_net_income_growth: 'latest net income growth',
  below_high: 'distance below the 52-week high',
  volatility: 'annualised volatility',
};

// How the first and last of a ranking are described, by what it ranks.
const ENDS: Record<string, [string, string]> = {
  market_cap: ['is the largest', 'the smallest'],
  pe: ['has the highest P/E', 'the lowest (the cheapest on earnings)'],
  beta: ['has the highest beta', 'the lowest'],
  below_high: ['is closest to its 52-week high', 'the furthest from it'],
  volatility: ['is the most volatile', 'the least'],
};

function rankingClauses(facts: FactReader, style: Style, focus: Focus): string[] {
  const clauses: string[] = [];
  for (const key of facts.keys(/_ranking$/)) {
    const label = key.replace(/_ranking$/, '');
    const order = facts.list(key) as string[] | undefined;
    const values = facts.record(`${label}_values`) ?? {};
    if (!order) continue;
    const show = (symbol: string) => {
      const value = values[symbol];
      if (typeof value !== 'number') return symbol;
      if (label === 'volume') return `${symbol} (${count(value)} shares)`;
      if (label === 'market_cap') return `${symbol} (${money(value)})`;
      if (label === 'pe' || label === 'beta') return `${symbol} (${decimal(value)})`;
      if (label === 'income_net_income_growth') return `${symbol} (${percent(value)})`;
      if (/^income_.*_margin$/.test(label) || label === 'volatility') return `${symbol} (${percent(value)})`;
      if (label === 'below_high') return `${symbol} (${percent(value)} below)`;
      return `${symbol} (${move(value)})`;
    };
    const first = facts.text(`${label}_leader`) ?? order[0];
    const last = facts.text(`${label}_laggard`) ?? order[order.length - 1];
    const [top, bottom] = ENDS[label] ?? ['led', 'lagged'];
    let clause = `Ranked by ${RANKED_BY[label] ?? label.replace(/_/g, ' ')}: ${order.map(show).join(', ')}`;
    if (style === 'full') clause += `; ${first} ${top} and ${last} ${bottom}`;
    const spread = focus.has(`${label}_spread`) ? facts.number(`${label}_spread`) : undefined;
    if (spread !== undefined) clause += `; the gap between ${first} and ${last} is ${label === 'market_cap' ? money(spread) : `${decimal(spread)}${label === 'pe' ? '' : ' percentage points'}`}`;
    const ratio = focus.has(`${label}_ratio`) ? facts.number(`${label}_ratio`) : undefined;
    if (ratio !== undefined) clause += `; ${first}'s is ${decimal(ratio)} times ${last}'s`;
    const flagged = facts.list(`${label}_flagged`) as string[] | undefined;
    if (flagged) clause += `; flagged for falling past the threshold: ${flagged.join(', ')}`;
    else if (facts.keys(new RegExp(`^${label}_flagged$`)).length) clause += '; none fell past the threshold';
    clauses.push(clause);
  }
  return clauses;
}

function excessClauses(facts: FactReader): string[] {
  const clauses: string[] = [];
  const pairs = new Set(facts.keys(/_vs_.+_excess_(today|period)$/).map((key) => key.replace(/_excess_(today|period)$/, '')));
  for (const pair of pairs) {
    const [target, benchmark] = pair.split('_vs_').map((slug) => slug.toUpperCase());
    const verb = (value: number) => (value >= 0 ? 'outperformed' : 'underperformed');
    const parts: string[] = [];
    const today = facts.number(`${pair}_excess_today`);
    if (today !== undefined) parts.push(`${verb(today)} ${benchmark} on the session by ${decimal(Math.abs(today))} percentage points (${decimal(today)})`);
    const period = facts.number(`${pair}_excess_period`);
    if (period !== undefined) parts.push(`${verb(period)} ${today === undefined ? benchmark : 'it'} over the window by ${decimal(Math.abs(period))} percentage points (${decimal(period)})`);
    if (parts.length) clauses.push(`${target} ${parts.join(' and ')}`);
  }
  return clauses;
}

function webClause(facts: FactReader): string | undefined {
  const titles = (facts.list('web_top_titles') ?? []) as string[];
  const urls = (facts.list('web_top_urls') ?? []) as string[];
  const content = facts.text('web_top_content');
  const topTitle = facts.text('web_top_title');
  const topUrl = facts.text('web_top_url');
  if (content && topTitle && topUrl) return `The top web result, “${topTitle}” (${topUrl}), says: ${firstSentence(content)}`;
  // A list of results, each with its source (the site), its date and its link.
  const dates = (facts.list('web_top_dates') ?? []) as string[];
  const site = (url: string) => /^https?:\/\/([^/]+)/.exec(url)?.[1];
  const cited = (index: number) => [site(urls[index] ?? ''), dates[index] ? String(dates[index]).slice(0, 10) : undefined, urls[index]].filter(Boolean).join(', ');
  if (titles.length > 1) return `Web coverage: ${titles.map((title, index) => `“${title}”${urls[index] ? ` (${cited(index)})` : ''}`).join('; ')}`;
  if (topTitle && topUrl) return `Web coverage: “${topTitle}” (${topUrl})`;
  return undefined;
}

function slackClause(facts: FactReader, style: Style): string | undefined {
  const channel = facts.text('slack_channel');
  if (!channel) return undefined;
  const confirmed = facts.flag('slack_confirmed');
  if (style === 'brief') return `Posted to ${channel}${confirmed ? ' (confirmed)' : ''}`;
  return `The note was posted to the ${channel} Slack channel${confirmed ? ' and confirmed in its history' : ''}`;
}

/** The market movers as table rows: one per name, its move and price. */
export function moverRows(facts: FactReader): Array<{ label: string; clauses: string[] }> {
  const rows: Array<{ label: string; clauses: string[] }> = [];
  for (const list of ['gainers', 'losers']) {
    const symbols = facts.list(`${list}_symbols`) as string[] | undefined;
    if (!symbols) continue;
    const changes = (facts.list(`${list}_changes`) ?? []) as number[];
    const prices = (facts.list(`${list}_prices`) ?? []) as number[];
    symbols.forEach((symbol, index) => {
      const parts = [typeof changes[index] === 'number' ? move(changes[index]) : undefined, typeof prices[index] === 'number' ? `at ${money(prices[index])}` : undefined].filter(Boolean);
      rows.push({ label: symbol, clauses: [`${list === 'gainers' ? 'gainer' : 'loser'} ${parts.join(' ')}`] });
    });
  }
  return rows;
}

/** The slug a plan follows a listed mover by: the top one, then `top_gainer_2`, `top_gainer_3`, … */
const followedSlug = (list: string, index: number) => `${list === 'gainers' ? 'top_gainer' : 'top_loser'}${index === 0 ? '' : `_${index + 1}`}`;

/** A followed mover's volume against its average, when the plan quoted it ("whether the session volume exceeded its average"). */
function moverVolume(facts: FactReader, list: string, index: number): string | undefined {
  const slug = followedSlug(list, index);
  const volume = facts.peek((reader) => reader.number(`${slug}_volume`));
  const average = facts.peek((reader) => reader.number(`${slug}_avg_volume`));
  if (volume === undefined || average === undefined) return undefined;
  facts.number(`${slug}_volume`);
  facts.number(`${slug}_avg_volume`);
  return `volume ${count(volume)} shares, ${volume > average ? 'above' : 'below'} its average of ${count(average)}`;
}

function moversClauses(facts: FactReader, style: Style): string[] {
  const clauses: string[] = [];
  for (const list of ['gainers', 'losers']) {
    const symbols = facts.list(`${list}_symbols`) as string[] | undefined;
    if (!symbols) continue;
    const names = (facts.list(`${list}_names`) ?? []) as string[];
    const changes = (facts.list(`${list}_changes`) ?? []) as number[];
    const prices = (facts.list(`${list}_prices`) ?? []) as number[];
    const items = symbols.map((symbol, index) => {
      const change = typeof changes[index] === 'number' ? ` ${move(changes[index])}` : '';
      const price = typeof prices[index] === 'number' ? ` at ${money(prices[index])}` : '';
      const volume = moverVolume(facts, list, index);
      if (style === 'brief') return `${symbol}${change}${volume ? `, ${volume}` : ''}`;
      return `${names[index] ? `${names[index]} (${symbol})` : symbol}${change}${price}${volume ? `, ${volume}` : ''}`;
    });
    clauses.push(`Top ${list} in the latest session: ${items.join('; ')}`);
  }
  return clauses;
}

/** Clauses about the market and across subjects: status, rankings, excess returns, web, Slack. */
export function marketClauses(facts: FactReader, style: Style = 'full', focus: Focus = new Set()): { before: string[]; after: string[] } {
  const status = marketStatusClause(facts, style, focus);
  return {
    before: [...(status ? [status] : []), ...moversClauses(facts, style)],
    after: [...rankingClauses(facts, style, focus), ...excessClauses(facts), ...slackReadClauses(facts), webClause(facts), volumeFilterClause(facts), conditionClause(facts), slackClause(facts, style)].filter((clause): clause is string => clause !== undefined),
  };
}
