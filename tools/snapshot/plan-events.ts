import { createRandom, hashSeed, type Bar, type CompanyEvent, type EventKind, type IncomeStatement } from '@forge/snapshot';
import { anglesOf, FUND_HOLDINGS } from './company-angles.ts';
import type { Company } from './company.ts';
import { percentChange, sentimentOf } from './describe-move.ts';

/** Sessions (≈ six months) back from as_of in which events fall. */
export const EVENT_WINDOW_SESSIONS = 126;
/** Minimum sessions between two events of one company, so each reaction is its own bar. */
const SPACING = 3;

/** An event's date, kind and reaction, before any text is written. */
export interface PlannedEvent {
  symbol: string;
  date: string;
  kind: EventKind;
  direction: CompanyEvent['direction'];
  magnitude: CompanyEvent['magnitude'];
  move_percent: number;
  close: number;
  previous_close: number;
  related: CompanyEvent['related'];
  /** The quarter an earnings event reports. */
  quarter?: IncomeStatement;
}

const POSITIVE: EventKind[] = ['product-launch', 'analyst-upgrade', 'supplier-deal', 'guidance-raised', 'regulatory-approval', 'buyback', 'acquisition', 'settlement', 'index-inclusion', 'dividend-change', 'management-change'];
const NEGATIVE: EventKind[] = ['analyst-downgrade', 'regulatory-probe', 'supply-disruption', 'guidance-cut', 'lawsuit', 'regulatory-fine', 'management-change', 'acquisition'];
const FUND: EventKind[] = ['macro-release', 'fund-flows', 'index-rebalance'];
/** The kind a company's largest up / down day gets, where its story calls for one. */
const SIGNATURE: Record<string, { positive?: EventKind; negative?: EventKind }> = {
  NVDA: { negative: 'regulatory-probe', positive: 'product-launch' },
  AAPL: { positive: 'product-launch', negative: 'regulatory-probe' },
  AMD: { negative: 'regulatory-probe' },
  LLY: { positive: 'regulatory-approval' },
  UNH: { negative: 'regulatory-probe' },
  SMCI: { negative: 'regulatory-probe' },
  TSM: { positive: 'product-launch', negative: 'supply-disruption' },
  MU: { positive: 'supplier-deal' },
  XOM: { negative: 'supply-disruption' },
};

function magnitudeOf(percent: number, volatility: number): CompanyEvent['magnitude'] {
  const units = Math.abs(percent) / (volatility * 100);
  return units >= 2 ? 'high' : units >= 1 ? 'medium' : 'low';
}

function reactionOn(bars: Bar[], date: string): { move_percent: number; close: number; previous_close: number } {
  const index = bars.findIndex((bar) => bar.date === date);
  return { move_percent: percentChange(bars[index - 1].c, bars[index].c), close: bars[index].c, previous_close: bars[index - 1].c };
}

function relatedFor(company: Company, kind: EventKind): Array<{ symbol: string; role: CompanyEvent['related'][number]['role'] }> {
  // Only economic data concerns a fund's holdings; flows and rebalances stay in the fund's own feed.
  if (company.etf) return kind === 'macro-release' ? FUND_HOLDINGS[company.symbol].map((symbol) => ({ symbol, role: 'holding' as const })) : [];
  const angles = anglesOf(company.symbol);
  switch (kind) {
    case 'supplier-deal':
      if (angles.suppliers[0]) return [{ symbol: angles.suppliers[0], role: 'supplier' }];
      return angles.customers[0] ? [{ symbol: angles.customers[0], role: 'customer' }] : [];
    case 'supply-disruption':
      return angles.suppliers[0] ? [{ symbol: angles.suppliers[0], role: 'supplier' }] : angles.customers.slice(0, 2).map((symbol) => ({ symbol, role: 'customer' as const }));
    case 'product-launch':
      return angles.rivals[0] ? [{ symbol: angles.rivals[0], role: 'rival' }] : [];
    case 'regulatory-probe':
      return /export/.test(angles.probe) && angles.rivals[0] ? [{ symbol: angles.rivals[0], role: 'rival' }] : [];
    case 'lawsuit':
    case 'settlement':
      return /dispute with/.test(angles.lawsuit) && angles.rivals[0] ? [{ symbol: angles.rivals[0], role: 'rival' }] : [];
    case 'earnings-beat':
    case 'earnings-miss':
      return angles.suppliers[0] && angles.customers.length > 0 ? [{ symbol: angles.suppliers[0], role: 'supplier' }] : [];
    default:
      return [];
  }
}

/**
 * The event calendar of one company over the last EVENT_WINDOW_SESSIONS sessions, oldest first: an earnings event
 * on (or the session after) each quarterly filing in the window, then the largest moves (the as_of session first
 * when it moved by a daily volatility or more), each given a kind whose direction matches the move. `dividendDate`
 * is when the recap news declares the current payout; dividend raises fall before it.
 */
export function planEvents(company: Company, bars: Bar[], allBars: Map<string, Bar[]>, quarters: IncomeStatement[], dividendDate: string | undefined, seed: number): PlannedEvent[] {
  const random = createRandom(hashSeed(`${seed}:${company.symbol}:events`));
  const window = bars.slice(-EVENT_WINDOW_SESSIONS);
  const positionOf = new Map(window.map((bar, index) => [bar.date, index]));
  const wanted = random.integer(6, company.etf ? 8 : 12);
  const chosen: Array<{ index: number; kind?: EventKind; quarter?: IncomeStatement }> = [];
  const free = (index: number) => chosen.every((entry) => Math.abs(entry.index - index) >= SPACING);
  for (const quarter of quarters) {
    const session = window.find((bar) => bar.date >= quarter.filingDate);
    if (!session || quarter.filingDate < window[0].date) continue;
    const index = positionOf.get(session.date)!;
    if (free(index)) chosen.push({ index, quarter });
  }
  const moves = window.map((bar, index) => ({ index, percent: index === 0 ? 0 : percentChange(window[index - 1].c, bar.c) })).slice(1);
  const last = moves[moves.length - 1];
  if (Math.abs(last.percent) >= company.volatility * 100 && free(last.index)) chosen.push({ index: last.index });
  const bySize = [...moves].sort((left, right) => Math.abs(right.percent) - Math.abs(left.percent) || left.index - right.index);
  for (const pass of [0, 1]) {
    for (const move of bySize) {
      if (chosen.length >= wanted) break;
      if (!free(move.index) || (pass === 0 && random.next() < 0.3)) continue;
      chosen.push({ index: move.index });
    }
  }
  chosen.sort((left, right) => left.index - right.index);
  const used = new Set<EventKind>();
  const signature = SIGNATURE[company.symbol] ?? {};
  const biggest = { positive: bySize.find((move) => move.percent > 0 && chosen.some((entry) => entry.index === move.index && !entry.quarter))?.index, negative: bySize.find((move) => move.percent < 0 && chosen.some((entry) => entry.index === move.index && !entry.quarter))?.index };
  const rotation = hashSeed(company.symbol);
  return chosen.map((entry) => {
    const bar = window[entry.index];
    const reaction = reactionOn(bars, bar.date);
    const up = reaction.move_percent >= 0;
    let kind: EventKind;
    if (entry.quarter) kind = up ? 'earnings-beat' : 'earnings-miss';
    else if (company.etf) kind = FUND[(rotation + entry.index) % FUND.length];
    else if (up && signature.positive && biggest.positive === entry.index) kind = signature.positive;
    else if (!up && signature.negative && biggest.negative === entry.index) kind = signature.negative;
    else {
      const pool = (up ? POSITIVE : NEGATIVE).filter((candidate) =>
        candidate !== 'dividend-change' || (company.lastDiv > 0 && dividendDate !== undefined && bar.date < dividendDate));
      const rotated = pool.map((_, offset) => pool[(rotation + offset) % pool.length]);
      kind = rotated.find((candidate) => !used.has(candidate) && candidate !== signature.positive && candidate !== signature.negative) ?? rotated[entry.index % rotated.length];
    }
    used.add(kind);
    const related = relatedFor(company, kind)
      .filter((link) => allBars.has(link.symbol))
      .map((link) => ({ ...link, ...reactionOn(allBars.get(link.symbol)!, bar.date) }));
    return {
      symbol: company.symbol, date: bar.date, kind,
      direction: sentimentOf(reaction.move_percent, 0.3), magnitude: magnitudeOf(reaction.move_percent, company.volatility),
      ...reaction, related, ...(entry.quarter ? { quarter: entry.quarter } : {}),
    };
  });
}
