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

  /** Keys of the state matching a pattern, in insertion order. */
  keys(pattern: RegExp): string[] {
    return Object.keys(this.state).filter((key) => pattern.test(key));
  }
}

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 1234.5 → "$1,234.50"; large amounts in millions/billions/trillions. */
export function money(value: number): string {
  const size = Math.abs(value);
  for (const [limit, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (size >= limit) return `$${(value / limit).toFixed(2)} ${word}`;
  }
  const [integer, fraction] = value.toFixed(2).split('.');
  return `$${grouped(integer)}.${fraction}`;
}

/** A share count or other whole amount with thousands separators. */
export function count(value: number): string {
  return grouped(String(Math.round(value)));
}

/** A signed percent in words: "up 1.23%" / "down 0.40%" / "flat (0.00%)". */
export function move(percent: number): string {
  // The number stays in: grounding requires every must_include fact, and a bare "flat" dropped a 0 return.
  if (percent === 0) return 'flat (0.00%)';
  return `${percent > 0 ? 'up' : 'down'} ${Math.abs(percent).toFixed(2)}%`;
}

export function percent(value: number): string {
  return `${value.toFixed(2)}%`;
}
