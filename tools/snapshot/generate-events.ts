import { createRandom, hashSeed, type Bar, type CompanyEvent, type IncomeStatement, type NewsItem, type SearchDocument } from '@forge/snapshot';
import { anglesOf, type CompanyAngles } from './company-angles.ts';
import type { Company } from './company.ts';
import { COMPANY_WRITERS, type Story, type StoryContext } from './event-story.ts';
import { averageDollarVolumeOf, FUND_WRITERS } from './fund-story.ts';
import { generateEventArticles } from './generate-event-articles.ts';
import { generateEventPages, rumourUrl } from './generate-event-pages.ts';
import { planEvents } from './plan-events.ts';

/** The event calendar of one symbol and everything written about it. */
export interface EventContent {
  events: CompanyEvent[];
  articles: NewsItem[];
  pages: SearchDocument[];
}

const FUND_ANGLES: CompanyAngles = { segment: 'index fund', product: '', probe: '', approval: '', lawsuit: '', disruption: '', suppliers: [], customers: [], rivals: [] };

/**
 * Plans a symbol's events from its bars (see planEvents), writes each one's story from its kind, and cuts from it
 * the event record, 1–4 articles and four web pages. `recap` is the symbol's market-recap news, whose dividend
 * notice bounds when a dividend raise may fall.
 */
export function generateEvents(company: Company, allBars: Map<string, Bar[]>, quarters: IncomeStatement[], recap: NewsItem[], shortOf: (symbol: string) => string, seed: number): EventContent {
  const bars = allBars.get(company.symbol)!;
  const dividendNotice = recap.find((item) => item.keywords.includes('dividend'));
  const plans = planEvents(company, bars, allBars, quarters, dividendNotice?.published_utc.slice(0, 10), seed);
  const angles = company.etf ? FUND_ANGLES : anglesOf(company.symbol);
  const content: EventContent = { events: [], articles: [], pages: [] };
  for (const plan of plans) {
    const id = `${plan.symbol}-${plan.date}-${plan.kind}`;
    const context: StoryContext = { company, angles, plan, quarters, random: createRandom(hashSeed(`${seed}:${id}:story`)), shortOf };
    let story: Story;
    if (plan.kind === 'macro-release' || plan.kind === 'fund-flows' || plan.kind === 'index-rebalance') {
      const before = bars.slice(0, bars.findIndex((bar) => bar.date === plan.date));
      story = FUND_WRITERS[plan.kind]({ ...context, averageDollarVolume: averageDollarVolumeOf(before) });
    } else {
      story = COMPANY_WRITERS[plan.kind]!(context);
    }
    const confirmed = hashSeed(id) % 3 === 0;
    const claim = confirmed ? story.rumour.trueClaim : story.rumour.falseClaim;
    const { quarter: _quarter, ...reaction } = plan;
    const event: CompanyEvent = {
      id, ...reaction, headline: story.headline, summary: story.summary, figures: story.figures,
      rumour: { claim, status: confirmed ? 'confirmed' : 'contradicted', truth: story.rumour.trueClaim, url: '' },
      articles: [], pages: [],
    };
    event.rumour.url = rumourUrl(event, claim);
    const index = bars.findIndex((bar) => bar.date === plan.date);
    const articles = generateEventArticles(company, event, story, angles.segment, shortOf);
    const pages = generateEventPages(company, event, story, bars[index - 1].date, angles.segment, shortOf);
    event.articles = articles.map((article) => article.id);
    event.pages = pages.map((document) => document.url);
    content.events.push(event);
    content.articles.push(...articles);
    content.pages.push(...pages);
  }
  return content;
}
