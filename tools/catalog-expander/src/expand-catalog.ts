import { createRandom, type SeededRandom } from '@forge/snapshot';
import { CHANNELS, OPENINGS, PHRASING_TEMPLATES, SESSION_COUNTS, type PhrasingTemplate } from './phrasing-templates.ts';
import type { UniverseMember } from './universe.ts';

/** One authored-style catalog entry, the shape `parseCatalog` reads. */
export interface ExpandedEntry {
  id: string;
  complexity: PhrasingTemplate['complexity'];
  user_prompt: string;
  template: string;
}

export interface ExpandOptions {
  /** How many entries to make. */
  n: number;
  /** Same seed, same catalog. */
  seed: number;
  universe: readonly UniverseMember[];
  templates?: readonly PhrasingTemplate[];
  /** Id prefix (default X); ids are zero-padded so they sort in catalog order. */
  idPrefix?: string;
}

function distinct(random: SeededRandom, pool: readonly UniverseMember[], count: number): UniverseMember[] {
  const chosen: UniverseMember[] = [];
  while (chosen.length < count) {
    const member = random.pick(pool);
    if (!chosen.includes(member)) chosen.push(member);
  }
  return chosen;
}

function fill(template: PhrasingTemplate, random: SeededRandom, companies: readonly UniverseMember[], funds: readonly UniverseMember[]): string {
  const [a, b, c] = distinct(random, companies, 3);
  const sessions = String(random.pick(SESSION_COUNTS));
  const values: Record<string, string> = {
    A: a.name, a: a.symbol, B: b.name, b: b.symbol, C: c.name, c: c.symbol,
    E: random.pick(funds).symbol, N: sessions, CH: random.pick(CHANNELS),
  };
  const body = template.text.replace(/\{(A|a|B|b|C|c|E|N|CH)\}/g, (_slot, name: string) => values[name]);
  const opening = random.pick(OPENINGS);
  return opening ? `${opening}${body.charAt(0).toLowerCase()}${body.slice(1)}` : body;
}

/**
 * A catalog of `n` distinct prompts drawn from phrasing templates × the universe, complexities mixed in
 * template proportion, deterministic per seed. Throws RangeError when the templates cannot yield n distinct prompts.
 */
export function expandCatalog(options: ExpandOptions): ExpandedEntry[] {
  const templates = options.templates ?? PHRASING_TEMPLATES;
  const companies = options.universe.filter((member) => !member.isEtf);
  const funds = options.universe.filter((member) => member.isEtf);
  if (companies.length < 3 || funds.length < 1) throw new RangeError('the universe needs at least three companies and one ETF');
  const random = createRandom(options.seed);
  const width = String(options.n).length;
  const seen = new Set<string>();
  const entries: ExpandedEntry[] = [];
  // Generous, yet bounded: a tiny template set must fail loudly rather than loop forever.
  const maxDraws = options.n * 50 + 1_000;
  for (let draws = 0; entries.length < options.n; draws += 1) {
    if (draws >= maxDraws) throw new RangeError(`only ${entries.length} distinct prompts after ${draws} draws; add templates or universe members`);
    // Round-robin by draw, so a template whose variants run out is skipped instead of retried forever.
    const template = templates[draws % templates.length];
    const prompt = fill(template, random, companies, funds);
    if (seen.has(prompt)) continue;
    seen.add(prompt);
    const id = `${options.idPrefix ?? 'X'}${String(entries.length + 1).padStart(width, '0')}`;
    entries.push({ id, complexity: template.complexity, user_prompt: prompt, template: template.id });
  }
  return entries;
}
