import { PyFloat, renderPython } from '@forge/plan';
import { formatFixed } from './format-fixed.ts';

/**
 * The environment's `value_in_text(value, text)` (libs/replay/conformance/final_heuristic_vectors.json): a number
 * (bool included, as in Python) is found when `str(value)`, `format(value, ',.2f')` or `format(value, ',.1f')` is
 * a substring; a string is a case-sensitive substring; a list or dict is found when every element or value is;
 * None is never found. Values are plan values: a JS integer is a Python int, any other JS number a float, and a
 * PyFloat a whole float (`3.0`), exactly as the plan interpreter types them.
 */
export function valueInText(value: unknown, text: string): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return text.includes(value);
  if (Array.isArray(value)) return value.every((element) => valueInText(element, text));
  const number = numberOf(value);
  if (number !== undefined) {
    return [renderPython(value), formatFixed(number, 2, true), formatFixed(number, 1, true)].some((rendering) => text.includes(rendering));
  }
  if (typeof value === 'object') return Object.values(value).every((element) => valueInText(element, text));
  return false;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  return undefined;
}
