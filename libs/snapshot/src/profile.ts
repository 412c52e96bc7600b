import { z } from 'zod';

/** One company or ETF in `profiles.json`; public reference facts, prices live in the bars. */
export const ProfileSchema = z.object({
  symbol: z.string().min(1),
  name: z.string().min(1),
  type: z.enum(['CS', 'ETF']),
  isEtf: z.boolean(),
  exchange: z.string(),
  exchangeShortName: z.string(),
  primaryExchange: z.string(),
  currency: z.string(),
  country: z.string(),
  sector: z.string(),
  industry: z.string(),
  sicDescription: z.string().nullable(),
  ceo: z.string().nullable(),
  website: z.string(),
  description: z.string(),
  fullTimeEmployees: z.number().int().nullable(),
  ipoDate: z.string(),
  sharesOutstanding: z.number().int().positive(),
  beta: z.number(),
  lastDiv: z.number(),
  /** Other names people search by ("Google" for Alphabet). */
  aliases: z.array(z.string()),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ProfilesFileSchema = z.array(ProfileSchema);
