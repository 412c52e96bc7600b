/**
 * Python's `format(value, ',.Nf')` (or `'.Nf'` without grouping) for a float: the EXACT binary value rounded to
 * N decimals half-to-even, as CPython does. JS `toFixed` rounds exact ties away from zero (0.125 → "0.13"; Python
 * "0.12"), switches to exponent form from 1e21 and drops the sign of -0, so the digits are worked out here with
 * BigInt on the double's mantissa and exponent. nan/inf render as Python's "nan", "inf", "-inf".
 */
export function formatFixed(value: number, decimals: number, grouping: boolean): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const negative = value < 0 || Object.is(value, -0);
  const { mantissa, exponent } = decompose(Math.abs(value));
  const scale = 10n ** BigInt(decimals);
  let scaled: bigint;
  if (exponent >= 0) scaled = (mantissa << BigInt(exponent)) * scale;
  else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twiceRemainder = (numerator % denominator) * 2n;
    if (twiceRemainder > denominator || (twiceRemainder === denominator && scaled % 2n === 1n)) scaled += 1n;
  }
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const wholeText = grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${negative ? '-' : ''}${wholeText}${decimals > 0 ? `.${fraction}` : ''}`;
}

/** A finite, non-negative double as mantissa · 2^exponent with an integer mantissa (exact). */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // Subnormals have no implicit leading 1 and the minimum exponent.
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
