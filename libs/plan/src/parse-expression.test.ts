import { describe, expect, it } from 'vitest';
import { DslExecutionError, DslParseError, evaluate, parseCondition, parseExpression, renderPython, renderText, runStatement, checkCondition, PyFloat } from '@forge/plan';

const value = (text: string, state: Record<string, unknown> = {}) => evaluate(parseExpression(text), state);
const parseError = (text: string): DslParseError => {
  try {
    parseCondition(text);
  } catch (error) {
    if (error instanceof DslParseError) return error;
    throw error;
  }
  throw new Error(`expected ${text} not to parse`);
};

describe('parseExpression precedence (Python)', () => {
  it.each([
    ['not 1 in [2]', true],
    ['not 1 == 1 or 1', 1],
    ['1 + 2 * 3 - 4 // 3 % 2', 6],
    ['-2 * 3 // 4', -2],
    ['- 7 // 2', -4],
    ['1 < 2 < 3 > 2', true],
    ['1 < 3 < 2', false],
    ['[] or 0 or "x"', 'x'],
    ['1 and 0 and 2', 0],
    ['None is None is not False', true],
    ['"b" not in ["a"] and 2 >= 2.0', true],
    ["'abc'[-1] + 'abc'[:1] + 'abcdef'[1:5:2]", 'cabd'],
    ['[1, 2, 3][::-1]', [3, 2, 1]],
    ["{'a': [1, {'b': 2}]}['a'][1]['b']", 2],
    ['7 % -3', -2],
    ['"a" "b"', 'ab'],
  ])('%s → %j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('keeps float-ness: 4 / 2 is 2.0 and 1.0 + 1 is 2.0, ints stay ints', () => {
    expect(renderText(value('4 / 2'))).toBe('2.0');
    expect(renderText(value('1.0 + 1'))).toBe('2.0');
    expect(renderText(value('3 * 2'))).toBe('6');
    expect(value('1 // 0.1')).toEqual(new PyFloat(9));
  });
});

describe('parse errors carry line, column and a caret', () => {
  it('points at the unexpected token', () => {
    const error = parseError('price > > 1');
    expect([error.line, error.column]).toEqual([1, 9]);
    expect(error.excerpt).toBe('price > > 1\n        ^');
  });

  it('points into the right line of a multi-line expression', () => {
    const error = parseError('len(\n  items,\n  ]');
    expect([error.line, error.column]).toEqual([3, 3]);
  });

  it('rejects `~=` without one space on each side, as the environment cannot see it', () => {
    expect(parseError("url~='^https'").column).toBe(4);
    expect(() => parseCondition("url ~= '^https'")).not.toThrow();
  });

  it.each(['x ** 2', 'a = 1', 'lambda: 1', 'x if y else z', '(1, 2)', 'f"x"', "'open", 'x[0](1)', '1 +', 'a !b', '007', 'x.'])('rejects %s', (text) => {
    expect(() => parseExpression(text)).toThrow(DslParseError);
  });

  it('bounds nesting instead of overflowing the stack', () => {
    expect(() => parseExpression(`${'('.repeat(500)}1${')'.repeat(500)}`)).toThrow(/nests deeper/);
    expect(() => parseExpression(`${'-'.repeat(500)}1`)).toThrow(DslParseError);
  });
});

describe('evaluation never reaches JS internals', () => {
  it.each([
    ['constructor', {}],
    ["x['constructor']", { x: {} }],
    ["x['__proto__']", { x: {} }],
    ['x.constructor', { x: {} }],
    ["x['toString']", { x: {} }],
    ["x['length']", { x: [1] }],
    ['__proto__', {}],
    ['toString(1)', {}],
    ['hasOwnProperty(x)', { x: 1 }],
  ])('%s raises DslExecutionError', (text, state) => {
    expect(() => value(text, state)).toThrow(DslExecutionError);
  });

  it('stores a computed __proto__ key as data, not as a prototype', () => {
    const state: Record<string, unknown> = {};
    const { value: object } = runStatement("d = {'__proto__': {'polluted': 1}}", state);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.keys(object as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the Python error and the expression', () => {
    expect(() => runStatement('x = n / 0', { n: 1 })).toThrow(/ZeroDivisionError: division by zero in `x = n \/ 0`/);
  });
});

describe('Python text rendering', () => {
  it.each([
    [null, 'None'],
    [true, 'True'],
    [new PyFloat(2), '2.0'],
    [new PyFloat(1e16), '1e+16'],
    [1e16, '10000000000000000'],
    [0.00001, '1e-05'],
    [1e21, '1000000000000000000000'],
    [-0.5, '-0.5'],
    [['a', null, "it's"], `['a', None, "it's"]`],
    [{ k: [1.5, true] }, "{'k': [1.5, True]}"],
  ])('str(%j) is %s', (input, expected) => {
    expect(renderPython(input)).toBe(expected);
  });

  it('renders placeholders with json.dumps for containers (ensure_ascii, spaced separators)', () => {
    expect(renderText({ name: 'Société', n: [null, true, new PyFloat(1)] })).toBe('{"name": "Soci\\u00e9t\\u00e9", "n": [null, true, 1.0]}');
  });

  it('uses str() (repr of containers) on the left of ~=', () => {
    expect(checkCondition(`xs ~= "^\\['a', None\\]$"`, { xs: ['a', null] })).toBe(true);
  });
});
