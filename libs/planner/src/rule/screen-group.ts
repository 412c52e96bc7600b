import type { ToolCaller } from '@forge/tools';
import { isFunctionWord } from './entity-candidates.ts';
import type { PlanBuilder } from './plan-builder.ts';

/** The screener filter that found a group the prompt named ("semiconductor stocks", "banks", "ETFs"). */
export interface ScreenFilter {
  sector?: string;
  industry?: string;
  isEtf: boolean;
}

/** A sector or industry group the screener resolved at plan time; members largest market cap first. */
export interface GroupScreen {
  filter: ScreenFilter;
  members: Array<{ symbol: string; name: string }>;
}

/** How many members the screener step lists (the tool's default page). */
export const SCREEN_LIMIT = 20;

// Nouns that follow a group's words: "semiconductor stocks", "the energy names", "bank shares", "tech sector".
const GROUP_NOUNS = new Set(['stock', 'stocks', 'names', 'shares', 'companies', 'equities', 'sector', 'industry', 'group', 'space', 'plays', 'tickers']);
const ETF_WORD = /\betfs?\b/i;
// "single stocks (no etfs)", "ex-ETFs": the group excludes funds rather than naming them.
const NO_ETF = /\b(?:no|ex|excluding|except|without|non|not)[- ](?:the )?etfs?\b|\bsingle(?:[- ]name)? stocks\b/i;

const promptWords = (text: string) => text.toLowerCase().replace(/['’]s\b/g, '').match(/[a-z&-]+/g) ?? [];

/**
 * The prompt's group words, best first: up to three words before a group noun ("oil & gas stocks" → "oil & gas",
 * then "gas"), leading function words dropped; then stand-alone plurals ("semis", "banks"). No membership lists:
 * the screener decides what matches.
 */
export function groupCandidates(text: string): string[] {
  const tokens = promptWords(text);
  const candidates: string[] = [];
  const push = (phrase: string[]) => {
    let start = 0;
    while (start < phrase.length && (isFunctionWord(phrase[start]) || phrase[start] === '&')) start++;
    const kept = phrase.slice(start);
    if (kept.length === 0 || kept.some((word) => GROUP_NOUNS.has(word) || isFunctionWord(word) && word !== '&') || kept[kept.length - 1] === '&') return;
    const joined = kept.join(' ');
    if (joined.length >= 3 && !candidates.includes(joined)) candidates.push(joined);
  };
  tokens.forEach((token, index) => {
    if (!GROUP_NOUNS.has(token) && !ETF_WORD.test(token)) return;
    for (let length = 3; length >= 1; length--) if (index - length >= 0) push(tokens.slice(index - length, index));
  });
  for (const token of tokens) if (token.length >= 4 && token.endsWith('s') && !ETF_WORD.test(token)) push([token]);
  return candidates;
}

/** The screener's members for a sector or industry filter, as symbol and name. */
export async function screen(tools: ToolCaller, filter: ScreenFilter): Promise<GroupScreen['members']> {
  const result = await tools.call('fmp', 'fmp_stock_screener', { ...filter, limit: SCREEN_LIMIT });
  if (!result.ok) return [];
  const rows = (result.structuredContent as { results?: unknown }).results;
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((row): row is { symbol: string; companyName: string } => typeof row?.symbol === 'string' && typeof row?.companyName === 'string')
    .map((row) => ({ symbol: row.symbol, name: row.companyName }));
}

/**
 * Looks up the group a prompt names through fmp_stock_screener (read-only, like name resolution): each candidate is
 * tried as a sector, then as an industry; "ETFs" alone lists the funds. Undefined when nothing matches.
 */
export async function screenGroup(text: string, tools: ToolCaller): Promise<GroupScreen | undefined> {
  const isEtf = ETF_WORD.test(text) && !NO_ETF.test(text);
  for (const phrase of groupCandidates(text)) {
    for (const field of ['sector', 'industry'] as const) {
      const filter: ScreenFilter = { [field]: phrase, isEtf };
      const members = await screen(tools, filter);
      if (members.length > 0) return { filter, members };
    }
  }
  if (!isEtf) return undefined;
  const members = await screen(tools, { isEtf });
  return members.length > 0 ? { filter: { isEtf }, members } : undefined;
}

/** The fmp_stock_screener step: lists the group's members (largest market cap first) for the answer to state. */
export function addScreenStep(plan: PlanBuilder, group: GroupScreen): void {
  plan.add('fmp', 'fmp_stock_screener', { ...group.filter, limit: SCREEN_LIMIT }, {
    extract: ['screen_symbols = results[][symbol]', 'screen_sectors = results[][sector]', 'screen_industries = results[][industry]', 'screen_etf_flags = results[][isEtf]'],
    accept_if: ['len(screen_symbols) >= 1'],
  });
  plan.require('screen_symbols');
}
