import type { ExpressionNode } from './expression-node.ts';
import { parseOperatorExpression } from './parse-operator-expression.ts';
import { parsePrimary } from './parse-primary.ts';
import type { TokenCursor } from './token-cursor.ts';

/** Parses an atom followed by any attribute accesses, subscripts and slices; a call on anything but a helper name is an error. */
export function parsePostfix(cursor: TokenCursor): ExpressionNode {
  let node = parsePrimary(cursor);
  for (;;) {
    if (cursor.isOperator('.')) {
      cursor.advance();
      const name = cursor.peek();
      if (name.kind !== 'name' && name.kind !== 'keyword') cursor.fail(name, 'expected an attribute name after `.`');
      cursor.advance();
      node = { type: 'attribute', object: node, name: name.value, start: node.start, end: name.end };
    } else if (cursor.isOperator('[')) {
      node = parseSubscript(cursor, node);
    } else if (cursor.isOperator('(')) {
      cursor.fail(cursor.peek(), 'only named helpers can be called', 'call a helper directly, e.g. `len(items)`');
    } else {
      return node;
    }
  }
}

function parseSubscript(cursor: TokenCursor, object: ExpressionNode): ExpressionNode {
  cursor.advance();
  cursor.enter();
  const parts: Array<ExpressionNode | undefined> = [];
  let colons = 0;
  let current: ExpressionNode | undefined;
  for (;;) {
    if (cursor.isOperator(':')) {
      cursor.advance();
      parts.push(current);
      current = undefined;
      colons += 1;
      if (colons > 2) cursor.fail(cursor.peek(), 'a slice has at most two colons');
    } else if (cursor.isOperator(']')) {
      break;
    } else if (current === undefined) {
      current = parseOperatorExpression(cursor);
    } else {
      cursor.fail(cursor.peek(), cursor.isOperator(',') ? 'tuple subscripts are not supported' : 'expected `]`');
    }
  }
  const close = cursor.advance();
  cursor.leave();
  parts.push(current);
  if (colons === 0) {
    if (current === undefined) cursor.fail(close, 'empty subscript `[]`', 'write an index such as `[0]` or a slice such as `[-2:]`');
    return { type: 'subscript', object, index: current!, start: object.start, end: close.end };
  }
  return { type: 'slice', object, lower: parts[0], upper: parts[1], step: parts[2], start: object.start, end: close.end };
}
