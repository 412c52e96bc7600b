import { z } from 'zod';

/** One daily session bar, Polygon-shaped plus its ET calendar date. */
export const BarSchema = z.object({
  date: z.iso.date(),
  t: z.number().int(),
  o: z.number().positive(),
  h: z.number().positive(),
  l: z.number().positive(),
  c: z.number().positive(),
  v: z.number().int().nonnegative(),
  vw: z.number().positive(),
  n: z.number().int().nonnegative(),
});
export type Bar = z.infer<typeof BarSchema>;

/** `bars/<SYMBOL>.json`: daily bars oldest → newest, sessions only. */
export const BarsFileSchema = z.object({ symbol: z.string().min(1), bars: z.array(BarSchema).min(1) });
export type BarsFile = z.infer<typeof BarsFileSchema>;
