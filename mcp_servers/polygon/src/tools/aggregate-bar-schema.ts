import { z } from 'zod';

/** One OHLCV bar as Polygon returns it. */
export const AggregateBarSchema = z.object({
  t: z.number().describe('Bar start, Unix milliseconds'),
  o: z.number().describe('Open price'),
  h: z.number().describe('High price'),
  l: z.number().describe('Low price'),
  c: z.number().describe('Close price'),
  v: z.number().describe('Volume (shares)'),
  vw: z.number().describe('Volume-weighted average price'),
  n: z.number().describe('Number of trades'),
});
