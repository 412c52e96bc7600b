import type { FactReader } from './fact-reader.ts';
import type { Focus, Style } from './focus.ts';

/** Each headline's outlet: Polygon's publisher is an object ({ name, homepage_url }), the coverage steps' its name. */
export function publisherNames(facts: FactReader, key: string): Array<string | undefined> | undefined {
  const listed = facts.peek((reader) => reader.list(key)) as unknown[] | undefined;
  if (!listed) return undefined;
  facts.list(key);
  return listed.map((publisher) => (publisher && typeof publisher === 'object' ? String((publisher as { name?: unknown }).name ?? '') : String(publisher ?? '')) || undefined);
}

/** The latest headline (date, sentiment, link), or the labelled list when several were asked for. */
export function headlineClause(facts: FactReader, s: string, symbol: string, style: Style = 'full', focus?: Focus): string | undefined {
  const brief = style === 'brief';
  const labelled = facts.list(`${s}_labelled`) as Array<{ title?: string; sentiment?: string }> | undefined;
  const titles = facts.list(`${s}_top_titles`) as string[] | undefined;
  const urls = brief ? [] : ((facts.list(`${s}_top_urls`) ?? []) as string[]);
  const dates = focus?.has(`${s}_top_dates`) ? ((facts.list(`${s}_top_dates`) ?? []) as string[]) : [];
  // Written whole: the environment's matcher finds a date fact only as the tool returned it.
  const dated = (index: number) => (dates[index] ? `${dates[index]}: ` : '');
  if (labelled && labelled.length > 1) {
    const tone = facts.text(`${s}_tone`);
    const publishers = brief ? [] : publisherNames(facts, `${s}_publishers`) ?? [];
    const items = labelled.map((item, index) => `${dated(index)}“${item.title}” (${[item.sentiment, publishers[index], urls[index]].filter(Boolean).join(', ')})`);
    // One clause: a one-sentence answer must not break on the tone.
    return `${brief ? symbol : `Recent ${symbol}`} headlines: ${items.join('; ')}${tone ? `, overall tone ${tone}` : ''}`;
  }
  if (titles && titles.length > 1) {
    const publishers = brief ? [] : publisherNames(facts, `${s}_publishers`) ?? [];
    const notes = (index: number) => [publishers[index], urls[index]].filter(Boolean).join(', ');
    return `${brief ? symbol : `Recent ${symbol}`} headlines: ${titles.map((title, index) => `${dated(index)}“${title}”${notes(index) ? ` (${notes(index)})` : ''}`).join('; ')}`;
  }
  const headline = facts.text(`${s}_headline`);
  if (!headline) return undefined;
  const url = facts.text(`${s}_headline_url`);
  const date = brief ? undefined : facts.text(`${s}_headline_date`);
  const sentiment = facts.text(`${s}_top_sentiment`);
  let clause = brief ? `${symbol} headline: “${headline}”` : `The latest ${symbol} headline${date ? ` (${date.slice(0, 10)})` : ''} is “${headline}”`;
  if (sentiment) clause += brief ? ` (${sentiment})` : `, with ${sentiment} sentiment`;
  if (url) clause += ` (${url})`;
  return clause;
}

/** Headlines sorted into opportunities (positive) and risks (negative). */
export function riskClause(facts: FactReader, s: string, symbol: string): string | undefined {
  if (facts.keys(new RegExp(`^${s}_risks$`)).length === 0) return undefined;
  const risks = facts.list(`${s}_risks`) as string[] | undefined;
  const opportunities = facts.list(`${s}_opportunities`) as string[] | undefined;
  const parts: string[] = [];
  if (opportunities) parts.push(`opportunities for ${symbol}: ${opportunities.map((title) => `“${title}”`).join('; ')}`);
  if (risks) parts.push(`risks${opportunities ? '' : ` for ${symbol}`}: ${risks.map((title) => `“${title}”`).join('; ')}`);
  if (parts.length === 0) return `The recent ${symbol} headlines are neither clearly positive nor clearly negative`;
  return parts.join('; ').replace(/^./, (letter) => letter.toUpperCase());
}

interface CoverageItem {
  title?: string;
  publisher?: string;
  date?: string;
  url?: string;
}

/** "between 2026-09-01 and 2026-11-25", "on 2026-11-17", or nothing when the prompt named no window. */
function spanOf(facts: FactReader, s: string): string {
  const from = facts.peek((reader) => reader.text(`${s}_coverage_from`));
  const to = facts.peek((reader) => reader.text(`${s}_coverage_to`));
  if (!from && !to) return '';
  const [start, end] = [from ? facts.text(`${s}_coverage_from`) : undefined, to ? facts.text(`${s}_coverage_to`) : undefined];
  if (start && start === end) return ` published on ${start}`;
  return start && end ? ` published between ${start} and ${end}` : start ? ` published since ${start}` : ` published up to ${end}`;
}

/**
 * The articles a coverage step kept (on topic, within the dates, one per outlet when asked), each with its outlet,
 * date and link, one clause per article so a bulleted answer gives each its own bullet; or a plain "no … news found
 * in the tools" when the window holds none.
 */
export function coverageClauses(facts: FactReader, s: string, symbol: string, focus: Focus): string[] {
  // An empty list is an answer too: the tools hold no such coverage.
  if (facts.keys(new RegExp(`^${s}_coverage$`)).length === 0) return [];
  const items = (facts.list(`${s}_coverage`) ?? []) as CoverageItem[];
  const matched = facts.number(`${s}_coverage_count`) ?? items.length;
  const label = facts.peek((reader) => reader.text(`${s}_coverage_label`)) ? facts.text(`${s}_coverage_label`)! : 'coverage';
  const span = spanOf(facts, s);
  if (items.length === 0) return [`No ${symbol} ${label}${span} was found in the tools (${matched} matching articles)`];
  const sentiments = focus.has(`${s}_sentiments`) ? ((facts.list(`${s}_sentiments`) ?? []) as string[]) : [];
  const outlets = facts.peek((reader) => reader.number(`${s}_coverage_outlets`));
  const counted = `${matched} matching article${matched === 1 ? '' : 's'}${outlets !== undefined && focus.has(`${s}_coverage_outlets`) ? ` from ${facts.number(`${s}_coverage_outlets`)} outlets` : ''}`;
  const listed = items.map((item, index) => {
    // The outlet opens each item, so an item is a sentence of its own in prose ("Ledger Line Newswire reported …").
    const notes = [item.date, sentiments[index] ? `${sentiments[index]} for ${symbol}` : undefined, item.url].filter(Boolean);
    return `${item.publisher || 'An outlet'} reported “${item.title}” (${notes.join(', ')})`;
  });
  return [`${symbol} ${label}${span} (${counted}): ${listed[0]}`, ...listed.slice(1)];
}
