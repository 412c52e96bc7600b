import type { ExpressionNode } from './expression-node.ts';
import { parseOperatorExpression } from './parse-operator-expression.ts';
import type { TokenCursor } from './token-cursor.ts';
import type { Token } from './tokenize.ts';

/** Parses an atom: a literal (adjacent strings concatenated), a name, a helper call, parentheses, a list or a dict. */
export function parsePrimary(cursor: TokenCursor): ExpressionNode {
  const token = cursor.peek();
  if (token.kind === 'number') {
    cursor.advance();
    return { type: 'literal', value: token.value, start: token.start, end: token.end };
  }
  if (token.kind === 'string') {
    cursor.advance();
    let value = token.value;
    let end = token.end;
    // Adjacent literals concatenate, as in Python: 'a' 'b' == 'ab'.
    while (cursor.peek().kind === 'string') {
      const next = cursor.advance();
      value += String(next.value);
      end = next.end;
    }
    return { type: 'literal', value, start: token.start, end };
  }
  if (token.kind === 'keyword' && (token.value === 'None' || token.value === 'True' || token.value === 'False')) {
    cursor.advance();
    const value = token.value === 'None' ? null : token.value === 'True';
    return { type: 'literal', value, start: token.start, end: token.end };
  }
  if (token.kind === 'name') {
    cursor.advance();
    if (cursor.isOperator('(')) return parseCall(cursor, token);
    return { type: 'name', name: token.value, start: token.start, end: token.end };
  }
  if (cursor.isOperator('(')) {
    cursor.advance();
    if (cursor.isOperator(')')) cursor.fail(cursor.peek(), 'empty parentheses (tuples are not supported)');
    const inner = parseOperatorExpression(cursor);
    if (cursor.isOperator(',')) cursor.fail(cursor.peek(), 'tuples are not supported', 'use a list [a, b]');
    cursor.expectOperator(')');
    return inner;
  }
  if (cursor.isOperator('[')) return parseList(cursor);
  if (cursor.isOperator('{')) return parseDict(cursor);
  return cursor.unexpected(token);
}

function parseCall(cursor: TokenCursor, callee: Token): ExpressionNode {
  cursor.advance();
  cursor.enter();
  const args: ExpressionNode[] = [];
  while (!cursor.isOperator(')')) {
    args.push(parseOperatorExpression(cursor));
    if (!cursor.isOperator(',')) break;
    cursor.advance();
  }
  const close = cursor.expectOperator(')');
  cursor.leave();
  return { type: 'call', callee: String(callee.value), args, start: callee.start, end: close.end };
}

function parseList(cursor: TokenCursor): ExpressionNode {
  const open = cursor.advance();
  cursor.enter();
  const items: ExpressionNode[] = [];
  while (!cursor.isOperator(']')) {
    items.push(parseOperatorExpression(cursor));
    if (!cursor.isOperator(',')) break;
    cursor.advance();
  }
  const close = cursor.expectOperator(']');
  cursor.leave();
  return { type: 'list', items, start: open.start, end: close.end };
}

function parseDict(cursor: TokenCursor): ExpressionNode {
  const open = cursor.advance();
  cursor.enter();
  const entries: Array<{ key: ExpressionNode; value: ExpressionNode }> = [];
  while (!cursor.isOperator('}')) {
    const key = parseOperatorExpression(cursor);
    if (!cursor.isOperator(':')) cursor.fail(cursor.peek(), 'expected `:` after a dict key', 'sets are not supported; write {"key": value}');
    cursor.advance();
    entries.push({ key, value: parseOperatorExpression(cursor) });
    if (!cursor.isOperator(',')) break;
    cursor.advance();
  }
  const close = cursor.expectOperator('}');
  cursor.leave();
  return { type: 'dict', entries, start: open.start, end: close.end };
}
