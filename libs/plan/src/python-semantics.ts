/**
 * Python's value semantics over plan values (JSON values plus PyFloat): truthiness, equality, ordering,
 * arithmetic with floor division/modulo, membership and identity. Failures throw DslExecutionError carrying the
 * Python exception the environment would raise.
 */
import { DslExecutionError } from './dsl-execution-error.ts';
import type { ArithmeticOperator } from './expression-node.ts';
import { getOwn, isPlainObject } from './own-property.ts';
import { PyFloat, makeNumber } from './py-float.ts';

/** Longest string or list the interpreter builds with `*` or `+`; Python has no bound, a worker should. */
export const MAX_SEQUENCE_LENGTH = 1_000_000;

/** Python's `type(value).__name__` for plan values. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof PyFloat) return 'float';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'dict';
  return 'object';
}

/** A number view of int, float and bool (bool is an int in Python); undefined for anything else. */
export function numeric(value: unknown): { value: number; isFloat: boolean } | undefined {
  if (typeof value === 'boolean') return { value: value ? 1 : 0, isFloat: false };
  if (value instanceof PyFloat) return { value: value.value, isFloat: true };
  if (typeof value === 'number') return { value, isFloat: !Number.isInteger(value) };
  return undefined;
}

/** An int (or bool) as a JS integer, as Python requires for indices and counts; undefined otherwise. */
export function integerOf(value: unknown): number | undefined {
  const number = numeric(value);
  return number && !number.isFloat ? number.value : undefined;
}

/** Python's `bool(value)`. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const number = numeric(value);
  if (number) return number.value !== 0 && !Number.isNaN(number.value);
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Python's `==`: 1 == 1.0 == True, lists elementwise, dicts by key set and values. */
export function pyEquals(left: unknown, right: unknown): boolean {
  const a = numeric(left);
  const b = numeric(right);
  if (a || b) return a !== undefined && b !== undefined && a.value === b.value;
  if ((left === null || left === undefined) && (right === null || right === undefined)) return true;
  if (typeof left === 'string' || typeof right === 'string') return left === right;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => pyEquals(item, right[index]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && pyEquals(left[key], right[key]));
  }
  return left === right;
}

/** Python's `is`, as close as JSON values allow: None/True/False by value, numbers and strings by value, containers by reference. */
export function pyIs(left: unknown, right: unknown): boolean {
  const leftNone = left === null || left === undefined;
  const rightNone = right === null || right === undefined;
  if (leftNone || rightNone) return leftNone && rightNone;
  if (typeof left === 'boolean' || typeof right === 'boolean') return left === right;
  if (pythonTypeName(left) !== pythonTypeName(right)) return false;
  if (left instanceof PyFloat && right instanceof PyFloat) return left.value === right.value;
  return left === right;
}

/** Python's ordering `<`: numbers, strings and lists (lexicographic); anything else is a TypeError. */
export function pyLess(left: unknown, right: unknown, operator = '<'): boolean {
  const a = numeric(left);
  const b = numeric(right);
  if (a && b) return a.value < b.value;
  if (typeof left === 'string' && typeof right === 'string') return compareStrings(left, right) < 0;
  if (Array.isArray(left) && Array.isArray(right)) {
    const length = Math.min(left.length, right.length);
    for (let index = 0; index < length; index += 1) {
      if (!pyEquals(left[index], right[index])) return pyLess(left[index], right[index], operator);
    }
    return left.length < right.length;
  }
  throw new DslExecutionError({
    pythonError: 'TypeError',
    problem: `'${operator}' not supported between instances of '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`,
  });
}

/** Python's six comparisons, built on pyLess and pyEquals like Python's rich comparison of builtins. */
export function pyCompare(operator: '<' | '<=' | '>' | '>=', left: unknown, right: unknown): boolean {
  if (operator === '<') return pyLess(left, right, operator);
  if (operator === '>') return pyLess(right, left, operator);
  if (operator === '<=') return guardNaN(left, right) && !pyLess(right, left, operator);
  return guardNaN(left, right) && !pyLess(left, right, operator);
}

function guardNaN(left: unknown, right: unknown): boolean {
  return !Number.isNaN(numeric(left)?.value) && !Number.isNaN(numeric(right)?.value);
}

/** Compares by code point like Python, not by UTF-16 unit like JS `<`. */
function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  const a = Array.from(left);
  const b = Array.from(right);
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    if (a[index] !== b[index]) return a[index]!.codePointAt(0)! - b[index]!.codePointAt(0)!;
  }
  return a.length - b.length;
}

/** Python's `item in container`. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw new DslExecutionError({ pythonError: 'TypeError', problem: `'in <string>' requires string as left operand, not ${pythonTypeName(item)}` });
    }
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((element) => pyEquals(element, item));
  if (isPlainObject(container)) {
    if (Array.isArray(item) || isPlainObject(item)) throw new DslExecutionError({ pythonError: 'TypeError', problem: `unhashable type: '${pythonTypeName(item)}'` });
    // JSON dicts only have string keys, so a number is never a key (Python: 1 in {'1': x} is False).
    return typeof item === 'string' && getOwn(container, item) !== undefined;
  }
  throw new DslExecutionError({ pythonError: 'TypeError', problem: `argument of type '${pythonTypeName(container)}' is not iterable` });
}

/** Python's binary arithmetic: + - * / // % with int/float typing, str/list concatenation and repetition. */
export function pyArithmetic(operator: ArithmeticOperator, left: unknown, right: unknown): unknown {
  const a = numeric(left);
  const b = numeric(right);
  if (a && b) return numberOperation(operator, a, b);
  if (operator === '+') {
    if (typeof left === 'string' && typeof right === 'string') return bounded(left + right);
    if (Array.isArray(left) && Array.isArray(right)) return bounded([...left, ...right]);
  }
  if (operator === '*') {
    const count = integerOf(right) ?? integerOf(left);
    const sequence = integerOf(right) !== undefined ? left : right;
    if (count !== undefined && (typeof sequence === 'string' || Array.isArray(sequence))) {
      const times = Math.max(0, count);
      if (sequence.length * times > MAX_SEQUENCE_LENGTH) tooLarge();
      if (typeof sequence === 'string') return sequence.repeat(times);
      return Array.from({ length: times }, () => sequence).flat();
    }
  }
  throw new DslExecutionError({
    pythonError: 'TypeError',
    problem: `unsupported operand type(s) for ${operator}: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`,
  });
}

function numberOperation(operator: ArithmeticOperator, a: { value: number; isFloat: boolean }, b: { value: number; isFloat: boolean }): number | PyFloat {
  const isFloat = a.isFloat || b.isFloat;
  switch (operator) {
    case '+':
      return makeNumber(a.value + b.value, isFloat);
    case '-':
      return makeNumber(a.value - b.value, isFloat);
    case '*':
      return makeNumber(a.value * b.value, isFloat);
    case '/':
      if (b.value === 0) throw zeroDivision(isFloat ? 'float division by zero' : 'division by zero');
      return makeNumber(a.value / b.value, true);
    case '//': {
      if (b.value === 0) throw zeroDivision(isFloat ? 'float floor division by zero' : 'integer division or modulo by zero');
      return makeNumber(floorDivide(a.value, b.value), isFloat);
    }
    case '%':
      if (b.value === 0) throw zeroDivision(isFloat ? 'float modulo' : 'integer division or modulo by zero');
      return makeNumber(pythonModulo(a.value, b.value), isFloat);
  }
}

/** CPython's float_floor_div, so 1 // 0.1 == 9.0 as in Python (Math.floor(1 / 0.1) would give 10). */
function floorDivide(a: number, b: number): number {
  let remainder = a % b;
  let quotient = (a - remainder) / b;
  if (remainder !== 0 && remainder < 0 !== b < 0) {
    remainder += b;
    quotient -= 1;
  }
  if (quotient === 0) return Object.is(a / b, -0) || a / b < 0 ? -0 : 0;
  let floored = Math.floor(quotient);
  if (quotient - floored > 0.5) floored += 1;
  return floored;
}

/** Python's modulo takes the divisor's sign: -7 % 3 == 2. */
function pythonModulo(a: number, b: number): number {
  const remainder = a % b;
  return remainder !== 0 && remainder < 0 !== b < 0 ? remainder + b : remainder;
}

function zeroDivision(problem: string): DslExecutionError {
  return new DslExecutionError({ pythonError: 'ZeroDivisionError', problem });
}

function bounded<T extends string | unknown[]>(value: T): T {
  if (value.length > MAX_SEQUENCE_LENGTH) tooLarge();
  return value;
}

function tooLarge(): never {
  throw new DslExecutionError({ pythonError: 'MemoryError', problem: `result longer than ${MAX_SEQUENCE_LENGTH} items` });
}
