import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCondition, DslExecutionError, DslParseError, evaluate, parseCondition, parseExpression, resolvePlaceholders, runStatement } from '@forge/plan';

const TOKENS = [
  'x', 'xs', 'd', 's', 'n', 'none', 'missing', '0', '1', '-1', '2.5', '1e3', '0.0', "'a'", '"b"', "'^a'", "'('", 'True', 'False', 'None',
  '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-', '*', '/', '//', '%', '==', '!=', '<', '<=', '>', '>=', ' ~= ',
  'and', 'or', 'not', 'in', 'is', 'len', 'sum', 'max', 'min', 'head', 'topk', 'unique', 'concat', 'count_keys',
  'regex_extract_all', 'pct_change_last_day', 'median', 'first', 'constructor', '__proto__', '#', '\\', '\n', '=', '~', '**', "'",
];

const STATE = { x: 3, xs: [1, 2, 'a', null, [1]], d: { a: 1, b: [2], c: { close: '2' } }, s: 'abc', n: 0, none: null };

/** Well-formed expressions built from the grammar, so evaluation gets exercised, not only the parser. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'xs', 'd', 's', 'n', 'none', 'missing', '0', '-1', '2.5', "'a'", 'True', 'None', '[]', '{}', "'('"),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '//', '%', '==', '<', '>=', 'in', 'not in', 'is', 'is not', 'and', 'or'), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('expr').map((a) => `not ${a}`),
    tie('expr').map((a) => `-${a}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a}[${b}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a}[${b}:]`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `{'k': ${a}, 'j': ${b}}`),
    fc.tuple(fc.constantFrom('len', 'sum', 'max', 'min', 'unique', 'count_keys', 'pct_change_last_day', 'median', 'nope'), tie('expr')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom('head', 'topk', 'regex_extract_all', 'concat', 'max'), tie('expr'), tie('expr')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    tie('expr').map((a) => `${a}.price`),
  ),
})).expr;

const garbled = fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((tokens) => tokens.join(' ')), fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((tokens) => tokens.join('')));

function onlyThrows(run: () => unknown, allowed: Array<new (...args: never[]) => Error>): void {
  try {
    run();
  } catch (error) {
    if (!allowed.some((type) => error instanceof type)) throw error;
  }
}

describe('DSL properties', () => {
  it('the parser throws nothing but DslParseError on random or garbled text', () => {
    fc.assert(
      fc.property(garbled, (text) => {
        onlyThrows(() => parseExpression(text), [DslParseError]);
        onlyThrows(() => parseCondition(text), [DslParseError]);
      }),
      { numRuns: 1500 },
    );
  });

  it('evaluating anything that parses throws nothing but DslExecutionError', () => {
    fc.assert(
      fc.property(fc.oneof(expression, garbled), fc.boolean(), (text, nonPortable) => {
        let node;
        try {
          node = parseCondition(text);
        } catch (error) {
          if (error instanceof DslParseError) return;
          throw error;
        }
        onlyThrows(() => evaluate(node, structuredClone(STATE), { nonPortable }), [DslExecutionError]);
      }),
      { numRuns: 1500 },
    );
  });

  it('checks and placeholders never throw; statements throw only DslExecutionError', () => {
    fc.assert(
      fc.property(fc.oneof(expression, garbled), (text) => {
        expect(typeof checkCondition(text, STATE)).toBe('boolean');
        expect(typeof resolvePlaceholders(`\${${text}}`, STATE).value).toBe('string');
        onlyThrows(() => runStatement(`y = ${text}`, STATE), [DslExecutionError]);
      }),
      { numRuns: 800 },
    );
  });
});
