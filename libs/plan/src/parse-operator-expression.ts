/**
 * The operator levels of the expression parser, loosest first, one function per row of Python's precedence table
 * so the grouping is exactly Python's:
 *   or  <  and  <  not  <  comparisons (== != < <= > >= in, not in, is, is not; chained)
 *   <  + -  <  * / // %  <  unary - +  <  postfix (call, subscript, slice, attribute)  <  atoms
 * `not` binds looser than comparisons: `not a in b` is `not (a in b)`. `~=` is not part of this table: the
 * environment splits an accept_if on its first " ~= " before parsing, see parseCondition.
 */
import type { CompareOperator, ExpressionNode } from './expression-node.ts';
import { parsePostfix } from './parse-postfix.ts';
import type { TokenCursor } from './token-cursor.ts';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Parses the loosest level, `or`, and so every level below it: a whole expression without the `~=` split. */
export function parseOperatorExpression(cursor: TokenCursor): ExpressionNode {
  cursor.enter();
  const first = parseAnd(cursor);
  const values = [first];
  while (cursor.isKeyword('or')) {
    cursor.advance();
    values.push(parseAnd(cursor));
  }
  cursor.leave();
  return values.length === 1 ? first : { type: 'boolean', operator: 'or', values, start: first.start, end: values.at(-1)!.end };
}

function parseAnd(cursor: TokenCursor): ExpressionNode {
  const first = parseNot(cursor);
  const values = [first];
  while (cursor.isKeyword('and')) {
    cursor.advance();
    values.push(parseNot(cursor));
  }
  return values.length === 1 ? first : { type: 'boolean', operator: 'and', values, start: first.start, end: values.at(-1)!.end };
}

function parseNot(cursor: TokenCursor): ExpressionNode {
  if (cursor.isKeyword('not')) {
    const token = cursor.advance();
    cursor.enter();
    const operand = parseNot(cursor);
    cursor.leave();
    return { type: 'unary', operator: 'not', operand, start: token.start, end: operand.end };
  }
  return parseComparison(cursor);
}

function parseComparison(cursor: TokenCursor): ExpressionNode {
  const first = parseArithmetic(cursor);
  const rest: Array<{ operator: CompareOperator; right: ExpressionNode }> = [];
  for (;;) {
    const operator = compareOperator(cursor);
    if (operator === undefined) break;
    rest.push({ operator, right: parseArithmetic(cursor) });
  }
  return rest.length === 0 ? first : { type: 'compare', first, rest, start: first.start, end: rest.at(-1)!.right.end };
}

function compareOperator(cursor: TokenCursor): CompareOperator | undefined {
  const token = cursor.peek();
  if (token.kind === 'operator' && COMPARISONS.has(token.value)) {
    cursor.advance();
    return token.value as CompareOperator;
  }
  if (token.kind !== 'keyword') return undefined;
  if (token.value === 'in') {
    cursor.advance();
    return 'in';
  }
  if (token.value === 'is') {
    cursor.advance();
    if (cursor.isKeyword('not')) {
      cursor.advance();
      return 'is not';
    }
    return 'is';
  }
  if (token.value === 'not' && cursor.peekNext()?.kind === 'keyword' && cursor.peekNext()!.value === 'in') {
    cursor.advance();
    cursor.advance();
    return 'not in';
  }
  return undefined;
}

function parseArithmetic(cursor: TokenCursor): ExpressionNode {
  let left = parseTerm(cursor);
  while (cursor.isOperator('+') || cursor.isOperator('-')) {
    const operator = cursor.advance().value as '+' | '-';
    const right = parseTerm(cursor);
    left = { type: 'binary', operator, left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseTerm(cursor: TokenCursor): ExpressionNode {
  let left = parseFactor(cursor);
  while (cursor.isOperator('*') || cursor.isOperator('/') || cursor.isOperator('//') || cursor.isOperator('%')) {
    const operator = cursor.advance().value as '*' | '/' | '//' | '%';
    const right = parseFactor(cursor);
    left = { type: 'binary', operator, left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseFactor(cursor: TokenCursor): ExpressionNode {
  if (cursor.isOperator('-') || cursor.isOperator('+')) {
    const token = cursor.advance();
    cursor.enter();
    const operand = parseFactor(cursor);
    cursor.leave();
    return { type: 'unary', operator: token.value as '-' | '+', operand, start: token.start, end: operand.end };
  }
  return parsePostfix(cursor);
}
