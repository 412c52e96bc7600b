/** A deterministic source of randomness: uniform in [0, 1), standard normal, and integers. */
export interface SeededRandom {
  next(): number;
  normal(): number;
  integer(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a 32-bit hash of a text, to derive independent seeds per symbol, date, and so on. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: small, fast and identical on every platform, which is all a frozen world needs. */
export function createRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => {
      const first = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(first)) * Math.cos(2 * Math.PI * next());
    },
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}
