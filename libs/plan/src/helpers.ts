/**
 * The whitelisted helpers plan expressions may call. `portable` ones exist in the training environment with
 * exactly these semantics (pinned by the conformance vectors); the others (`first`, `safe_index`, `safe_attr`,
 * `median`) exist only in the data generator, so they run only with `{ nonPortable: true }` and checkPlan flags
 * them. In the environment any exception inside a helper is a DSLExecutionError; so it is here.
 */
import { compilePythonRegex } from './compile-python-regex.ts';
import { DslExecutionError } from './dsl-execution-error.ts';
import { getOwn, isPlainObject, setOwn } from './own-property.ts';
import { makeNumber, PyFloat } from './py-float.ts';
import { integerOf, numeric, pyArithmetic, pyLess, pythonTypeName } from './python-semantics.ts';

export interface HelperSpec {
  readonly name: string;
  readonly portable: boolean;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** One line for planners' prompts and checkPlan messages. */
  readonly signature: string;
  readonly call: (args: unknown[]) => unknown;
}

function helper(name: string, portable: boolean, arity: [number, number], signature: string, call: (args: unknown[]) => unknown): HelperSpec {
  return Object.freeze({ name, portable, minArgs: arity[0], maxArgs: arity[1], signature, call });
}

/** Every helper by name (a frozen null-prototype record, so `constructor` is never a helper). */
export const HELPERS: Readonly<Record<string, HelperSpec>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, HelperSpec>, {
    topk: helper('topk', true, [2, 2], 'topk(dict, k) → the k keys with the largest values, ties in insertion order; [] for a non-dict', ([values, k]) => {
      if (!isPlainObject(values)) return [];
      const keys = Object.keys(values);
      const sorted = [...keys].sort((a, b) => (pyLess(values[b], values[a]) ? -1 : pyLess(values[a], values[b]) ? 1 : 0));
      return slice(sorted, k);
    }),
    head: helper('head', true, [2, 2], 'head(list, n) → list[:n]; [] for a non-list', ([items, n]) => (Array.isArray(items) ? slice(items, n) : [])),
    unique: helper('unique', true, [1, 1], 'unique(list) → distinct items in first-seen order (items must be hashable)', ([items]) => {
      if (!Array.isArray(items)) return [];
      const seen = new Set<string>();
      const out: unknown[] = [];
      for (const item of items) {
        if (Array.isArray(item) || isPlainObject(item)) {
          throw new DslExecutionError({ pythonError: 'TypeError', problem: `unhashable type: '${pythonTypeName(item)}'` });
        }
        const number = numeric(item);
        // Python: 1, 1.0 and True are the same set member.
        const key = number ? `n:${number.value}` : `${pythonTypeName(item)}:${String(item)}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(item);
        }
      }
      return out;
    }),
    concat: helper('concat', true, [0, Infinity], 'concat(a, b, ...) → the lists joined; non-list arguments are skipped', (args) =>
      args.flatMap((arg) => (Array.isArray(arg) ? arg : [])),
    ),
    count_keys: helper('count_keys', true, [1, 1], 'count_keys(dict) → number of keys; 0 for a non-dict', ([value]) => (isPlainObject(value) ? Object.keys(value).length : 0)),
    regex_extract_all: helper('regex_extract_all', true, [2, 2], "regex_extract_all(pattern, text) → re.findall (groups give lists); [] when text is not a string", ([pattern, text]) => {
      if (typeof pattern !== 'string') throw new DslExecutionError({ pythonError: 'TypeError', problem: `first argument must be string or compiled pattern, not ${pythonTypeName(pattern)}` });
      const regex = compilePythonRegex(pattern, 'g');
      if (typeof text !== 'string') return [];
      const groups = new RegExp(`${regex.source}|`).exec('')!.length - 1;
      return Array.from(text.matchAll(regex), (match) => {
        if (groups === 0) return match[0];
        if (groups === 1) return match[1] ?? '';
        return match.slice(1).map((group) => group ?? '');
      });
    }),
    pct_change_last_day: helper('pct_change_last_day', true, [1, 1], 'pct_change_last_day({symbol: [bars with close]}) → {symbol: last/prev - 1} for symbols with two usable closes', ([bars]) => {
      const out: Record<string, unknown> = {};
      if (!isPlainObject(bars)) return out;
      for (const symbol of Object.keys(bars)) {
        const series = bars[symbol];
        if (!Array.isArray(series) || series.length < 2) continue;
        const previous = closeOf(series[series.length - 2]);
        const last = closeOf(series[series.length - 1]);
        if (previous === undefined || last === undefined || previous === 0) continue;
        setOwn(out, symbol, makeNumber(last / previous - 1, true));
      }
      return out;
    }),
    sum: helper('sum', true, [1, 1], 'sum(list of numbers)', ([items]) => iterate(items, 'sum').reduce((total: unknown, item) => pyArithmetic('+', total, item), 0)),
    max: helper('max', true, [1, Infinity], 'max(list) or max(a, b, ...)', (args) => extreme(args, 'max')),
    min: helper('min', true, [1, Infinity], 'min(list) or min(a, b, ...)', (args) => extreme(args, 'min')),
    len: helper('len', true, [1, 1], 'len(list | dict | str)', ([value]) => {
      if (typeof value === 'string') return Array.from(value).length;
      if (Array.isArray(value)) return value.length;
      if (isPlainObject(value)) return Object.keys(value).length;
      throw new DslExecutionError({ pythonError: 'TypeError', problem: `object of type '${pythonTypeName(value)}' has no len()` });
    }),
    first: helper('first', false, [1, 1], 'first(list) → the first item or None (generator only)', ([items]) => (Array.isArray(items) && items.length > 0 ? items[0] : null)),
    safe_index: helper('safe_index', false, [2, 2], 'safe_index(list, i) → list[i] or None (generator only)', ([items, index]) => {
      const at = integerOf(index);
      if (!Array.isArray(items) || at === undefined) return null;
      const position = at < 0 ? items.length + at : at;
      return position >= 0 && position < items.length ? items[position] : null;
    }),
    safe_attr: helper('safe_attr', false, [2, 2], "safe_attr(dict, 'key') → dict[key] or None (generator only)", ([object, key]) =>
      isPlainObject(object) && typeof key === 'string' ? (getOwn(object, key) ?? null) : null,
    ),
    median: helper('median', false, [1, 1], 'median(list of numbers) → statistics.median or None (generator only)', ([items]) => {
      if (!Array.isArray(items) || items.length === 0) return null;
      const numbers = items.map(numeric);
      if (numbers.some((number) => number === undefined)) return null;
      const order = items.map((item, index) => ({ item, value: numbers[index]!.value })).sort((a, b) => a.value - b.value);
      const middle = Math.floor(order.length / 2);
      if (order.length % 2 === 1) return order[middle]!.item;
      return makeNumber((order[middle - 1]!.value + order[middle]!.value) / 2, true);
    }),
  }),
);

/** True when the training environment has this helper too; false for generator-only and unknown names. */
export function isPortableHelper(name: string): boolean {
  return Object.hasOwn(HELPERS, name) ? HELPERS[name]!.portable : false;
}

/** Python slicing `items[:n]` (negative n counts from the end); n must be an int. */
function slice<T>(items: T[], n: unknown): T[] {
  const count = integerOf(n);
  if (count === undefined) throw new DslExecutionError({ pythonError: 'TypeError', problem: `slice indices must be integers or None, not ${pythonTypeName(n)}` });
  return items.slice(0, count < 0 ? Math.max(0, items.length + count) : count);
}

/** What Python iterates over: list items, dict keys, string characters. */
function iterate(value: unknown, helperName: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) return Object.keys(value);
  if (typeof value === 'string') return Array.from(value);
  throw new DslExecutionError({ pythonError: 'TypeError', problem: `${helperName}(): '${pythonTypeName(value)}' object is not iterable` });
}

function extreme(args: unknown[], which: 'max' | 'min'): unknown {
  const items = args.length === 1 ? iterate(args[0], which) : args;
  if (items.length === 0) throw new DslExecutionError({ pythonError: 'ValueError', problem: `${which}() iterable argument is empty` });
  let best = items[0];
  for (const item of items.slice(1)) {
    if (which === 'max' ? pyLess(best, item) : pyLess(item, best)) best = item;
  }
  return best;
}

/** Python's float(bar['close']) inside a try: undefined where Python would raise. */
function closeOf(bar: unknown): number | undefined {
  if (!isPlainObject(bar)) return undefined;
  const close = getOwn(bar, 'close');
  if (close instanceof PyFloat) return close.value;
  const number = numeric(close);
  if (number) return number.value;
  if (typeof close !== 'string') return undefined;
  const text = close.trim();
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  if (!/^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(text)) return undefined;
  return Number(text.replace(/_/g, ''));
}
