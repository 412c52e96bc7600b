/**
 * The plan expression language: a hand-written precedence-climbing parser producing an ExpressionNode AST.
 *
 * Why hand-written: no dependency (a generated PEG parser would add a build step, jsep mis-parses
 * `not x in names`, expr-eval has a code-execution CVE), each operator level mirrors one row of Python's precedence
 * table so the grouping is exactly Python's, and every error knows its offset for precise line:column carets.
 *
 * The parts: TokenCursor (position, nesting bound, errors), parseOperatorExpression (the precedence levels),
 * parsePostfix (attribute, subscript, slice) and parsePrimary (literals, names, calls, brackets).
 */
import { DslParseError } from './dsl-parse-error.ts';
import type { ExpressionNode } from './expression-node.ts';
import { parseOperatorExpression } from './parse-operator-expression.ts';
import { TokenCursor } from './token-cursor.ts';
import { tokenize, type Token } from './tokenize.ts';

export { MAX_NESTING } from './token-cursor.ts';

/** Parses one expression (compute right-hand side, placeholder body) into an AST; throws DslParseError. */
export function parseExpression(source: string, options: { offset?: number; fullSource?: string } = {}): ExpressionNode {
  const full = options.fullSource ?? source;
  const offset = options.offset ?? 0;
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (error) {
    if (error instanceof DslParseError && offset !== 0) {
      throw new DslParseError({ source: full, offset: offset + offsetOf(source, error), problem: error.problem, hint: error.context.hint });
    }
    throw error;
  }
  const shifted = offset === 0 ? tokens : tokens.map((token) => ({ ...token, start: token.start + offset, end: token.end + offset }));
  return parseWhole(new TokenCursor(full, shifted));
}

/** The " ~= " the environment splits on: exactly one space each side, first occurrence. */
const REGEX_OPERATOR = ' ~= ';

/**
 * Parses an accept_if condition. Like the environment, a condition containing " ~= " (one space each side) is
 * split at the first occurrence into subject and pattern, each parsed as an expression; so `url~='^x'` (no
 * spaces) does not parse, and `~=` binds looser than everything, `or` included.
 */
export function parseCondition(source: string): ExpressionNode {
  const at = source.indexOf(REGEX_OPERATOR);
  if (at === -1) return parseExpression(source);
  const subject = parseExpression(source.slice(0, at), { offset: 0, fullSource: source });
  const pattern = parseExpression(source.slice(at + REGEX_OPERATOR.length), { offset: at + REGEX_OPERATOR.length, fullSource: source });
  return { type: 'regex-search', subject, pattern, start: subject.start, end: pattern.end };
}

function offsetOf(source: string, error: DslParseError): number {
  const lines = source.split('\n');
  let offset = 0;
  for (let line = 1; line < error.line; line += 1) offset += lines[line - 1]!.length + 1;
  return offset + error.column - 1;
}

/** The whole token list as one expression: nothing may follow it. */
function parseWhole(cursor: TokenCursor): ExpressionNode {
  if (cursor.peek().kind === 'end') cursor.fail(cursor.peek(), 'empty expression', 'write an expression such as `price > 0`');
  const node = parseOperatorExpression(cursor);
  const rest = cursor.peek();
  if (rest.kind !== 'end') cursor.unexpected(rest);
  return node;
}
