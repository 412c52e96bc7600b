import { sha256 } from '@forge/files';
import { averageVolume, createRandom, hashSeed, type Bar, type IncomeStatement, type NewsItem } from '@forge/snapshot';
import type { Company } from './company.ts';
import { bigDollars, dollars, grouped, longDate, moveVerb, percentChange, sentimentOf } from './describe-move.ts';
import { AVG_VOLUME_SESSIONS } from './generate-bars.ts';

const PUBLISHER = { name: 'Synthetic Market Wire', homepage_url: 'https://news.example.com' };
const AUTHORS = ['Dana Whitfield', 'Marcus Reyes', 'Priya Natarajan', 'Tom Okafor', 'Elena Sorokina', 'Staff Writer'];

interface Draft {
  slug: string;
  title: string;
  description: string;
  published: string;
  sentiment: NewsItem['insights'][number]['sentiment'];
  reasoning: string;
  keywords: string[];
}

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/**
 * 5–15 news items per symbol, newest first, every one dated ≤ as_of and written from the bars and statements
 * so headlines match the numbers: the as_of session's move, the five-session move, the largest recent moves,
 * the latest quarterly report, and neutral corporate items.
 */
export function generateNews(company: Company, bars: Bar[], quarters: IncomeStatement[], seed: number): NewsItem[] {
  const random = createRandom(hashSeed(`${seed}:${company.symbol}:news`));
  const label = `${company.short} (${company.symbol})`;
  const sectorWord = company.sector.toLowerCase();
  const drafts: Draft[] = [];
  const last = bars[bars.length - 1];
  const previous = bars[bars.length - 2];
  const dayPercent = percentChange(previous.c, last.c);
  const average = averageVolume(bars, AVG_VOLUME_SESSIONS);
  const volumeRatio = last.v / average;
  const volumeWords = volumeRatio > 1.1 ? 'above-average volume' : volumeRatio < 0.9 ? 'below-average volume' : 'about average volume';
  drafts.push({
    slug: `${last.date}-close`,
    title: `${label} ${moveVerb(dayPercent, Math.abs(dayPercent) > 3)} to ${dollars(last.c)} on ${volumeWords}`,
    description: `${company.name} closed at ${dollars(last.c)} on ${longDate(last.date)}, ${dayPercent >= 0 ? 'up' : 'down'} ${Math.abs(dayPercent).toFixed(2)}% from the previous close of ${dollars(previous.c)}. Volume of ${grouped(last.v)} shares was ${volumeRatio.toFixed(2)} times the ${AVG_VOLUME_SESSIONS}-session average of ${grouped(average)}.`,
    published: `${last.date}T21:05:00Z`,
    sentiment: sentimentOf(dayPercent, 0.3),
    reasoning: `The stock ${dayPercent >= 0 ? 'gained' : 'lost'} ${Math.abs(dayPercent).toFixed(2)}% in the session on ${volumeWords}.`,
    keywords: ['stock move', 'trading volume', sectorWord],
  });
  const weekStart = bars[bars.length - 6];
  const weekPercent = percentChange(weekStart.c, last.c);
  drafts.push({
    slug: `${last.date}-five-session-recap`,
    title: `${label} ${weekPercent >= 0 ? 'up' : 'down'} ${Math.abs(weekPercent).toFixed(2)}% over the past five sessions`,
    description: `Shares of ${company.name} moved from ${dollars(weekStart.c)} at the close of ${longDate(weekStart.date)} to ${dollars(last.c)} on ${longDate(last.date)}, a ${weekPercent >= 0 ? 'gain' : 'decline'} of ${Math.abs(weekPercent).toFixed(2)}% heading into the Thanksgiving holiday; US markets are closed on Thursday and close early on Friday.`,
    published: `${last.date}T21:20:00Z`,
    sentiment: sentimentOf(weekPercent, 1),
    reasoning: `Five-session change of ${weekPercent.toFixed(2)}%.`,
    keywords: ['weekly recap', 'thanksgiving', sectorWord],
  });
  const recent = bars.slice(-30, -1).map((bar, index, window) => {
    const before = index === 0 ? bars[bars.length - 31] : window[index - 1];
    return { bar, before, percent: percentChange(before.c, bar.c) };
  });
  const movers = [...recent].sort((left, right) => Math.abs(right.percent) - Math.abs(left.percent)).slice(0, random.integer(2, 4));
  for (const move of movers) {
    const big = Math.abs(move.percent) > company.volatility * 150;
    drafts.push({
      slug: `${move.bar.date}-${move.percent >= 0 ? 'rally' : 'selloff'}`,
      title: `${label} ${moveVerb(move.percent, big)} in ${longDate(move.bar.date).split(',')[0]} trading`,
      description: `${company.name} ended ${longDate(move.bar.date)} at ${dollars(move.bar.c)}, ${move.percent >= 0 ? 'up' : 'down'} ${Math.abs(move.percent).toFixed(2)}% from ${dollars(move.before.c)}, with ${grouped(move.bar.v)} shares traded.`,
      published: `${move.bar.date}T21:10:00Z`,
      sentiment: sentimentOf(move.percent, 0.3),
      reasoning: `A ${move.percent.toFixed(2)}% move on ${move.bar.date}.`,
      keywords: ['stock move', sectorWord],
    });
  }
  const latest = quarters[0];
  const yearAgo = quarters[4];
  if (latest && yearAgo) {
    const growth = percentChange(yearAgo.revenue, latest.revenue);
    drafts.push({
      slug: `${latest.filingDate}-${latest.period.toLowerCase()}-fiscal-${latest.fiscalYear}-results`,
      title: `${label} reports ${latest.period} fiscal ${latest.fiscalYear} revenue of ${bigDollars(latest.revenue)}, ${growth >= 0 ? 'up' : 'down'} ${Math.abs(growth).toFixed(1)}% year over year`,
      description: `For the quarter ended ${longDate(latest.date)}, ${company.name} reported revenue of ${bigDollars(latest.revenue)}, net income of ${bigDollars(latest.netIncome)} and diluted EPS of ${dollars(latest.epsdiluted)}, with a gross margin of ${(latest.grossProfitRatio * 100).toFixed(1)}%.`,
      published: `${latest.filingDate}T20:30:00Z`,
      sentiment: sentimentOf(growth, 5) === 'neutral' && growth < 0 ? 'negative' : sentimentOf(growth, 5),
      reasoning: `Revenue ${growth >= 0 ? 'grew' : 'fell'} ${Math.abs(growth).toFixed(1)}% year over year.`,
      keywords: ['earnings', 'revenue', sectorWord],
    });
  }
  const conference = bars[bars.length - 1 - random.integer(6, 12)];
  drafts.push({
    slug: `${conference.date}-investor-conference`,
    title: `${label} to present at an investor conference in December`,
    description: `${company.name} said management will present at an industry investor conference in early December 2026; a webcast will be available on ${company.website}.`,
    published: `${conference.date}T13:00:00Z`,
    sentiment: 'neutral',
    reasoning: 'A scheduling announcement with no financial information.',
    keywords: ['investor relations', 'conference'],
  });
  if (company.lastDiv > 0) {
    const declared = bars[bars.length - 1 - random.integer(13, 25)];
    const perPeriod = company.etf ? 'distribution' : 'quarterly dividend';
    drafts.push({
      slug: `${declared.date}-${slugify(perPeriod)}`,
      title: `${label} declares ${perPeriod} of ${dollars(company.lastDiv / 4)} per share`,
      description: `${company.name} declared a ${perPeriod} of ${dollars(company.lastDiv / 4)} per share, in line with its annualized payout of ${dollars(company.lastDiv)}.`,
      published: `${declared.date}T12:30:00Z`,
      sentiment: 'neutral',
      reasoning: 'The payout was unchanged.',
      keywords: ['dividend'],
    });
  }
  const author = AUTHORS[hashSeed(company.symbol) % AUTHORS.length];
  return drafts
    .sort((left, right) => right.published.localeCompare(left.published) || left.slug.localeCompare(right.slug))
    .map((draft) => {
      const url = `https://news.example.com/${company.symbol.toLowerCase()}/${slugify(`${draft.slug}-${draft.title}`)}`;
      return {
        id: sha256(url),
        title: draft.title,
        author,
        published_utc: draft.published,
        article_url: url,
        tickers: [company.symbol],
        description: draft.description,
        keywords: draft.keywords,
        publisher: PUBLISHER,
        insights: [{ ticker: company.symbol, sentiment: draft.sentiment, sentiment_reasoning: draft.reasoning }],
      };
    });
}
