import type { CompanyEvent, SearchDocument } from '@forge/snapshot';
import type { Company } from './company.ts';
import { longDate } from './describe-move.ts';
import { explainerFor, KIND_NOUN } from './event-explainers.ts';
import type { Story } from './event-story.ts';
import { reactionSentence, relatedSentences, slugify } from './event-wording.ts';
import { snippet } from './snippet.ts';
import { tradePublisher } from './publishers.ts';

/** Where rumours are posted: a synthetic investor forum. */
export const FORUM = { name: 'Stock Chatter Forum', host: 'https://www.stockchatterforum.example' };
const PRIMER = 'https://www.marketprimer.example';
const FOOTER = 'Synthetic page of a frozen test world: the company, figures and quotes above are invented and are not a real announcement or market data.';

function page(url: string, title: string, paragraphs: string[], published: string, event: CompanyEvent, themes: string[], pageType: SearchDocument['page_type']): SearchDocument {
  const raw = [...paragraphs, FOOTER].join('\n\n');
  return { url, title, content: snippet(raw), raw_content: raw, published_date: published, symbols: [event.symbol, ...event.related.map((link) => link.symbol)], themes, page_type: pageType, event_id: event.id };
}

/** The primary source's URL: the company's IR site, the analyst's or the agency's. */
function releaseUrl(company: Company, event: CompanyEvent, story: Story): string {
  const slug = `${event.date}-${slugify(story.release.title)}`;
  switch (story.release.issuer) {
    case 'company': return `https://investors.${slugify(company.short)}.example/news/${slug}`;
    case 'analyst': return `https://research.${slugify(story.release.issuerName)}.example/notes/${slug}`;
    case 'agency': return `https://www.${slugify(story.release.issuerName)}.example/releases/${slug}`;
    default: return `https://funds.${slugify(company.short)}.example/notices/${slug}`;
  }
}

/** The rumour page's URL, known before the page is written so the event can point at it. */
export function rumourUrl(event: CompanyEvent, claim: string): string {
  return `${FORUM.host}/threads/${event.symbol.toLowerCase()}/${event.date}-${slugify(claim)}`;
}

/**
 * Four pages per event on four domains: the primary release, a news analysis that fact-checks the rumour, a
 * sector explainer and the rumour post itself (dated the session before), each with the event's id.
 */
export function generateEventPages(company: Company, event: CompanyEvent, story: Story, rumourDate: string, segment: string, shortOf: (symbol: string) => string): SearchDocument[] {
  const themes = [...company.themes, KIND_NOUN[event.kind], segment];
  const trade = tradePublisher(company);
  const reaction = reactionSentence(company.name, event);
  const related = relatedSentences(event, shortOf);
  const check = event.rumour.status === 'confirmed'
    ? `Before the announcement, a post on ${FORUM.name} claimed that ${event.rumour.claim}. The ${story.release.issuerName} release confirms it.`
    : `Before the announcement, a post on ${FORUM.name} claimed that ${event.rumour.claim}. The ${story.release.issuerName} release contradicts that claim: ${story.summary}`;
  const explainer = explainerFor(event.kind);
  return [
    page(releaseUrl(company, event, story), story.release.title, [...story.release.paragraphs, `Release date: ${longDate(event.date)}.`], event.date, event, themes, 'ir-release'),
    page(`${trade.homepage_url}/analysis/${event.date}/${slugify(story.headline)}`, `Analysis: ${story.headline}`, [
      `${story.summary} ${reaction}`,
      ...(related.length > 0 ? [related.join(' ')] : []),
      `Fact check: ${check}`,
      `What to watch: how the ${KIND_NOUN[event.kind]} feeds into ${company.short}'s ${segment} outlook and whether analysts revise their estimates. Published by ${trade.name}.`,
    ], event.date, event, themes, 'news-analysis'),
    page(`${PRIMER}/explainers/${explainer.slug}/${event.symbol.toLowerCase()}-${event.date}`, `Explainer: what the ${KIND_NOUN[event.kind]} means for ${company.short} and the ${company.industry.toLowerCase()} industry`, [
      ...explainer.paragraphs,
      `The latest example in ${company.industry.toLowerCase()}: ${story.summary} ${reaction}`,
    ], event.date, event, [...themes, explainer.topic], 'sector-explainer'),
    page(event.rumour.url, `Rumor: ${company.short} (${company.symbol}) — ${event.rumour.claim}`, [
      `Unverified post on ${FORUM.name}: a user wrote that ${event.rumour.claim}. No source or document was given.`,
      `Replies were split between readers who believed it and readers asking for evidence. Treat forum posts as claims to check against company releases.`,
    ], rumourDate, event, themes, 'rumour'),
  ];
}
