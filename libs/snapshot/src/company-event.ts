import { z } from 'zod';

/** Kinds of company (and fund) events in the synthetic event calendar. */
export const EventKindSchema = z.enum([
  'earnings-beat', 'earnings-miss', 'guidance-raised', 'guidance-cut', 'product-launch',
  'regulatory-probe', 'regulatory-fine', 'regulatory-approval', 'lawsuit', 'settlement',
  'supply-disruption', 'supplier-deal', 'analyst-upgrade', 'analyst-downgrade', 'acquisition',
  'management-change', 'buyback', 'dividend-change', 'index-inclusion',
  'fund-flows', 'macro-release', 'index-rebalance',
]);
export type EventKind = z.infer<typeof EventKindSchema>;

/** One synthetic event: when, what, which way the stock reacted and by how much, and what was written about it. */
export const CompanyEventSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  /** The session whose daily bar carries the reaction. */
  date: z.iso.date(),
  kind: EventKindSchema,
  /** Matches the sign of move_percent: beyond ±0.3% positive/negative, else neutral. */
  direction: z.enum(['positive', 'negative', 'neutral']),
  /** |move_percent| in units of the stock's daily volatility: high ≥ 2, medium ≥ 1, else low. */
  magnitude: z.enum(['low', 'medium', 'high']),
  /** Close-to-close % move on `date`, 2 decimals, from the bars. */
  move_percent: z.number(),
  close: z.number(),
  previous_close: z.number(),
  headline: z.string(),
  summary: z.string(),
  /** Other tickers the event concerns (supplier, customer, rival, holding) with their move that session. */
  related: z.array(z.object({
    symbol: z.string(),
    role: z.enum(['supplier', 'customer', 'rival', 'holding']),
    move_percent: z.number(),
    close: z.number(),
    previous_close: z.number(),
  })),
  /** Every other figure the articles and pages state (estimates, targets, amounts), by name. */
  figures: z.record(z.string(), z.number()),
  /** A claim made before the announcement and whether the company's release confirmed or contradicted it. */
  rumour: z.object({ claim: z.string(), status: z.enum(['confirmed', 'contradicted']), truth: z.string(), url: z.url() }),
  /** Ids of the news articles and URLs of the web pages written about the event. */
  articles: z.array(z.string()),
  pages: z.array(z.url()),
});
export type CompanyEvent = z.infer<typeof CompanyEventSchema>;

/** `events.json`: per symbol, events oldest first. */
export const EventsFileSchema = z.object({ synthetic: z.literal(true), events: z.record(z.string(), z.array(CompanyEventSchema)) });
export type EventsFile = z.infer<typeof EventsFileSchema>;
