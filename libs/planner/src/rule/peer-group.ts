import type { ToolCaller } from '@forge/tools';
import type { PromptReading } from './read-prompt.ts';
import { slugOf, type Entity } from './resolve-entities.ts';
import { screen } from './screen-group.ts';

/**
 * "Is Intel's move just the whole chip sector, or Intel-specific news?", "did the rest of the group fall too?":
 * one company's move set against its sector or industry peers. Peers come from the screener at plan time.
 */
const PEER_QUESTION = new RegExp([
  String.raw`\b(?:whole|entire|rest of the|broader|wider|overall)\s+(?:\w+\s+){0,2}(?:sector|industry|group|space|peers?|complex|names|stocks)\b`,
  String.raw`\b(?:sector|industry|group)[- ]wide\b`,
  String.raw`\b(?:its|their|the)\s+(?:\w+\s+)?peers\b`,
  String.raw`\b(?:peers|the group|the sector|the industry|other \w+ (?:names|stocks))\b[^.?!]{0,30}\b(?:too|as well|also|same|with it)\b`,
].join('|'), 'i');

export function asksPeerComparison(reading: PromptReading, entities: Entity[]): boolean {
  return entities.length === 1 && !entities[0].unresolved && (reading.facets.has('move') || reading.facets.has('price')) && PEER_QUESTION.test(reading.rawText);
}

/**
 * The subject's peers, largest market cap first: members of its industry (from its profile), else of its sector.
 * Empty when the screener finds no other member.
 */
export async function peersOf(tools: ToolCaller, subject: Entity, count: number): Promise<Entity[]> {
  const profile = await tools.call('fmp', 'fmp_get_company_profile', { symbol: subject.symbol });
  if (!profile.ok) return [];
  const { industry, sector } = profile.structuredContent as { industry?: unknown; sector?: unknown };
  for (const filter of [{ industry }, { sector }]) {
    const value = Object.values(filter)[0];
    if (typeof value !== 'string' || !value) continue;
    const others = (await screen(tools, { ...(filter as { industry?: string; sector?: string }), isEtf: false })).filter((row) => row.symbol !== subject.symbol);
    if (others.length === 0) continue;
    return others.slice(0, count).map((row) => ({ symbol: row.symbol, slug: slugOf(row.symbol), name: row.name, resolvedByName: false, searchIndex: 0 }));
  }
  return [];
}
