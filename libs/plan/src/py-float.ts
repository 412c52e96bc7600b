import { isPlainObject, setOwn } from './own-property.ts';

/**
 * A Python float whose value is whole, such as `2.0`. JS numbers cannot tell 2.0 from 2, but Python renders them
 * differently ("2.0" vs "2") and that text reaches tool params through placeholders. Non-whole JS numbers are
 * always floats, so only whole floats need this marker. Serialises as a plain JSON number.
 */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** A number the interpreter produced: whole floats come back as PyFloat, everything else as a JS number. */
export function makeNumber(value: number, isFloat: boolean): number | PyFloat {
  return isFloat && Number.isInteger(value) ? new PyFloat(value) : value;
}

/** Replaces every PyFloat in a value by its plain number, for consumers that want ordinary JSON. */
export function toPlainJson(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, toPlainJson(value[key]));
    return out;
  }
  return value;
}
