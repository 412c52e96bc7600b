import { sha256 } from '@forge/files';
import { hashSeed, type CompanyEvent, type NewsItem } from '@forge/snapshot';
import type { Company } from './company.ts';
import { sentimentOf } from './describe-move.ts';
import { KIND_NOUN, REGULATORY_KINDS } from './event-explainers.ts';
import type { Story } from './event-story.ts';
import { moved, reactionSentence, relatedSentences, slugify } from './event-wording.ts';
import { OPINION, POLICY, WIRES, tradePublisher, type Publisher } from './publishers.ts';

/** Publication times (UTC) of an event's 1st…4th article: all before the 21:05Z close recap of the session. */
const TIMES = ['12:30:00Z', '16:45:00Z', '19:40:00Z', '20:50:00Z'];

function articleCount(event: CompanyEvent, pick: number): number {
  if (event.magnitude === 'high') return 3 + (pick % 2);
  if (event.magnitude === 'medium') return 2 + (pick % 2);
  return 1 + (pick % 2);
}

function titleFor(publisher: Publisher, company: Company, event: CompanyEvent, story: Story, segment: string): string {
  const noun = KIND_NOUN[event.kind];
  switch (publisher.style) {
    case 'wire':
      return `${story.headline}; shares ${event.direction === 'neutral' ? 'little changed' : `${event.move_percent > 0 ? 'up' : 'down'} ${Math.abs(event.move_percent).toFixed(2)}%`}`;
    case 'trade':
      return `${story.headline}: what it means for the ${segment} market`;
    case 'policy':
      return `Policy watch: ${story.headline}`;
    default:
      if (event.direction === 'positive') return `Opinion: ${company.short}'s ${noun} is a reason to stay constructive`;
      if (event.direction === 'negative') return `Opinion: ${company.short}'s ${noun} is a warning investors should not ignore`;
      return `Opinion: why ${company.short}'s ${noun} changes little`;
  }
}

function angleSentence(publisher: Publisher, company: Company, event: CompanyEvent, segment: string): string {
  const noun = KIND_NOUN[event.kind];
  switch (publisher.style) {
    case 'trade':
      return company.etf
        ? `For index-fund investors, the ${noun} shows where money and sentiment are moving.`
        : `For the ${segment} market, the ${noun} is a signal about demand and supply across ${company.industry.toLowerCase()} companies.`;
    case 'policy':
      return `The ${noun} adds to the policy and legal questions facing ${company.industry.toLowerCase()} companies.`;
    case 'opinion':
      return event.direction === 'negative'
        ? `The ${noun} raises risks the market had been willing to overlook.`
        : `The ${noun} supports the case that the business is on track.`;
    default:
      return '';
  }
}

/**
 * 1–4 articles about one event from distinct outlets (a wire first, then the company's trade outlet, then a policy or
 * opinion outlet, then the other wire), by magnitude; each with insights for the company and every related ticker.
 */
export function generateEventArticles(company: Company, event: CompanyEvent, story: Story, segment: string, shortOf: (symbol: string) => string): NewsItem[] {
  const pick = hashSeed(event.id);
  const wire = WIRES[pick % WIRES.length];
  const outlets = [wire, tradePublisher(company), REGULATORY_KINDS.includes(event.kind) ? POLICY : OPINION[pick % OPINION.length], WIRES[(pick + 1) % WIRES.length]]
    .slice(0, articleCount(event, pick >>> 3));
  const tickers = [event.symbol, ...event.related.map((link) => link.symbol)];
  return outlets.map((publisher, index) => {
    const title = titleFor(publisher, company, event, story, segment);
    const url = `${publisher.homepage_url}/${event.date.replace(/-/g, '/')}/${slugify(title)}`;
    const description = [story.summary, angleSentence(publisher, company, event, segment), reactionSentence(company.name, event), ...relatedSentences(event, shortOf)].filter(Boolean).join(' ');
    const insights = [
      { ticker: event.symbol, sentiment: event.direction, sentiment_reasoning: `${story.headline}; the stock ${moved(event.move_percent)} on the news.` },
      ...event.related.map((link) => ({
        ticker: link.symbol,
        // A related ticker's sentiment follows its own bar that session, so insight and price never disagree.
        sentiment: sentimentOf(link.move_percent, 0.3),
        sentiment_reasoning: `${shortOf(link.symbol)} is ${link.role === 'holding' ? 'a top holding of' : `a ${link.role} of`} ${company.short}, so the ${KIND_NOUN[event.kind]} bears on it too; it ${moved(link.move_percent)} that session.`,
      })),
    ];
    return {
      id: sha256(url),
      title,
      author: publisher.authors[(pick + index) % publisher.authors.length],
      published_utc: `${event.date}T${TIMES[index]}`,
      article_url: url,
      tickers,
      description,
      keywords: [...new Set([...story.keywords, KIND_NOUN[event.kind], company.sector.toLowerCase()])],
      publisher: { name: publisher.name, homepage_url: publisher.homepage_url },
      insights,
    };
  });
}
