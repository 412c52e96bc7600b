import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProfilesFileSchema, type Profile } from '@forge/snapshot';

/** One company or ETF prompts can name: its ticker, the name people say, and whether it is a fund. */
export interface UniverseMember {
  symbol: string;
  /** How a person would write it in a question ("Apple", "Bank of America"); the ticker for funds. */
  name: string;
  isEtf: boolean;
}

// Legal suffixes nobody types in a question: "Apple Inc." is asked about as "Apple".
const SUFFIX = /(,?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Company Limited|Company|Co\.|plc|Holdings|Group|Wholesale|and Company|Platforms|Technology|Chase & Co\.))+$/;

/** The short name a prompt uses for a profile. */
export function shortName(profile: Pick<Profile, 'name' | 'symbol' | 'isEtf'>): string {
  if (profile.isEtf) return profile.symbol;
  return profile.name.replace(/\.com\b/, '').replace(SUFFIX, '').trim() || profile.symbol;
}

/** Turns snapshot profiles into the universe the expander draws names from. */
export function toUniverse(profiles: readonly Pick<Profile, 'name' | 'symbol' | 'isEtf'>[]): UniverseMember[] {
  return profiles.map((profile) => ({ symbol: profile.symbol, name: shortName(profile), isEtf: profile.isEtf }));
}

/** Reads `profiles.json` of a snapshot folder (zod-checked) as a universe; throws a ZodError or fs error. */
export async function readUniverse(snapshotDir: string): Promise<UniverseMember[]> {
  const raw: unknown = JSON.parse(await readFile(join(snapshotDir, 'profiles.json'), 'utf8'));
  return toUniverse(ProfilesFileSchema.parse(raw));
}
