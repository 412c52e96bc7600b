/**
 * The plan expression language: a hand-written precedence-climbing parser producing an ExpressionNode AST.
 *
 * Why hand-written: no dependency (a generated PEG parser would add a build step, jsep mis-parses
 * `not x in names`, expr-eval has a code-execution CVE), each level below mirrors one row of Python's precedence
 * table so the grouping is exactly Python's, and every error knows its offset for precise line:column carets.
 *
 * Python precedence, loosest first (one function per row):
 *   or  <  and  <  not  <  comparisons (== != < <= > >= in, not in, is, is not; chained)
 *   <  + -  <  * / // %  <  unary - +  <  postfix (call, subscript, slice, attribute)  <  atoms
 * `not` binds looser than comparisons: `not a in b` is `not (a in b)`. `~=` is not part of this table: the
 * environment splits an accept_if on its first " ~= " before parsing, see parseCondition.
 */
import { DslParseError } from './dsl-parse-error.ts';
import type { CompareOperator, ExpressionNode } from './expression-node.ts';
import { tokenize, type Token } from './tokenize.ts';

/** Deepest bracket/unary nesting accepted; keeps recursion bounded on hostile input. */
export const MAX_NESTING = 64;

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
  return new Parser(full, shifted).parseWhole();
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

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private position = 0;
  private nesting = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseWhole(): ExpressionNode {
    if (this.peek().kind === 'end') this.fail(this.peek(), 'empty expression', 'write an expression such as `price > 0`');
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end') this.unexpected(rest);
    return node;
  }

  private parseOr(): ExpressionNode {
    this.enter();
    const first = this.parseAnd();
    const values = [first];
    while (this.isKeyword('or')) {
      this.advance();
      values.push(this.parseAnd());
    }
    this.nesting -= 1;
    return values.length === 1 ? first : { type: 'boolean', operator: 'or', values, start: first.start, end: values.at(-1)!.end };
  }

  private parseAnd(): ExpressionNode {
    const first = this.parseNot();
    const values = [first];
    while (this.isKeyword('and')) {
      this.advance();
      values.push(this.parseNot());
    }
    return values.length === 1 ? first : { type: 'boolean', operator: 'and', values, start: first.start, end: values.at(-1)!.end };
  }

  private parseNot(): ExpressionNode {
    if (this.isKeyword('not')) {
      const token = this.advance();
      this.enter();
      const operand = this.parseNot();
      this.nesting -= 1;
      return { type: 'unary', operator: 'not', operand, start: token.start, end: operand.end };
    }
    return this.parseComparison();
  }

  private parseComparison(): ExpressionNode {
    const first = this.parseArithmetic();
    const rest: Array<{ operator: CompareOperator; right: ExpressionNode }> = [];
    for (;;) {
      const operator = this.compareOperator();
      if (operator === undefined) break;
      rest.push({ operator, right: this.parseArithmetic() });
    }
    return rest.length === 0 ? first : { type: 'compare', first, rest, start: first.start, end: rest.at(-1)!.right.end };
  }

  private compareOperator(): CompareOperator | undefined {
    const token = this.peek();
    if (token.kind === 'operator' && COMPARISONS.has(token.value)) {
      this.advance();
      return token.value as CompareOperator;
    }
    if (token.kind !== 'keyword') return undefined;
    if (token.value === 'in') {
      this.advance();
      return 'in';
    }
    if (token.value === 'is') {
      this.advance();
      if (this.isKeyword('not')) {
        this.advance();
        return 'is not';
      }
      return 'is';
    }
    if (token.value === 'not' && this.tokens[this.position + 1]?.kind === 'keyword' && this.tokens[this.position + 1]!.value === 'in') {
      this.position += 2;
      return 'not in';
    }
    return undefined;
  }

  private parseArithmetic(): ExpressionNode {
    let left = this.parseTerm();
    while (this.isOperator('+') || this.isOperator('-')) {
      const operator = this.advance().value as '+' | '-';
      const right = this.parseTerm();
      left = { type: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseTerm(): ExpressionNode {
    let left = this.parseFactor();
    while (this.isOperator('*') || this.isOperator('/') || this.isOperator('//') || this.isOperator('%')) {
      const operator = this.advance().value as '*' | '/' | '//' | '%';
      const right = this.parseFactor();
      left = { type: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseFactor(): ExpressionNode {
    if (this.isOperator('-') || this.isOperator('+')) {
      const token = this.advance();
      this.enter();
      const operand = this.parseFactor();
      this.nesting -= 1;
      return { type: 'unary', operator: token.value as '-' | '+', operand, start: token.start, end: operand.end };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): ExpressionNode {
    let node = this.parsePrimary();
    for (;;) {
      if (this.isOperator('.')) {
        this.advance();
        const name = this.peek();
        if (name.kind !== 'name' && name.kind !== 'keyword') this.fail(name, 'expected an attribute name after `.`');
        this.advance();
        node = { type: 'attribute', object: node, name: name.value, start: node.start, end: name.end };
      } else if (this.isOperator('[')) {
        node = this.parseSubscript(node);
      } else if (this.isOperator('(')) {
        this.fail(this.peek(), 'only named helpers can be called', 'call a helper directly, e.g. `len(items)`');
      } else {
        return node;
      }
    }
  }

  private parseSubscript(object: ExpressionNode): ExpressionNode {
    this.advance();
    this.enter();
    const parts: Array<ExpressionNode | undefined> = [];
    let colons = 0;
    let current: ExpressionNode | undefined;
    for (;;) {
      if (this.isOperator(':')) {
        this.advance();
        parts.push(current);
        current = undefined;
        colons += 1;
        if (colons > 2) this.fail(this.peek(), 'a slice has at most two colons');
      } else if (this.isOperator(']')) {
        break;
      } else if (current === undefined) {
        current = this.parseOr();
      } else {
        this.fail(this.peek(), this.isOperator(',') ? 'tuple subscripts are not supported' : 'expected `]`');
      }
    }
    const close = this.advance();
    this.nesting -= 1;
    parts.push(current);
    if (colons === 0) {
      if (current === undefined) this.fail(close, 'empty subscript `[]`', 'write an index such as `[0]` or a slice such as `[-2:]`');
      return { type: 'subscript', object, index: current!, start: object.start, end: close.end };
    }
    return { type: 'slice', object, lower: parts[0], upper: parts[1], step: parts[2], start: object.start, end: close.end };
  }

  private parsePrimary(): ExpressionNode {
    const token = this.peek();
    if (token.kind === 'number') {
      this.advance();
      return { type: 'literal', value: token.value, start: token.start, end: token.end };
    }
    if (token.kind === 'string') {
      this.advance();
      let value = token.value;
      let end = token.end;
      // Adjacent literals concatenate, as in Python: 'a' 'b' == 'ab'.
      while (this.peek().kind === 'string') {
        const next = this.advance();
        value += String(next.value);
        end = next.end;
      }
      return { type: 'literal', value, start: token.start, end };
    }
    if (token.kind === 'keyword' && (token.value === 'None' || token.value === 'True' || token.value === 'False')) {
      this.advance();
      const value = token.value === 'None' ? null : token.value === 'True';
      return { type: 'literal', value, start: token.start, end: token.end };
    }
    if (token.kind === 'name') {
      this.advance();
      if (this.isOperator('(')) return this.parseCall(token);
      return { type: 'name', name: token.value, start: token.start, end: token.end };
    }
    if (this.isOperator('(')) {
      this.advance();
      if (this.isOperator(')')) this.fail(this.peek(), 'empty parentheses (tuples are not supported)');
      const inner = this.parseOr();
      if (this.isOperator(',')) this.fail(this.peek(), 'tuples are not supported', 'use a list [a, b]');
      this.expectOperator(')');
      return inner;
    }
    if (this.isOperator('[')) return this.parseList();
    if (this.isOperator('{')) return this.parseDict();
    return this.unexpected(token);
  }

  private parseCall(callee: Token): ExpressionNode {
    this.advance();
    this.enter();
    const args: ExpressionNode[] = [];
    while (!this.isOperator(')')) {
      args.push(this.parseOr());
      if (!this.isOperator(',')) break;
      this.advance();
    }
    const close = this.expectOperator(')');
    this.nesting -= 1;
    return { type: 'call', callee: String(callee.value), args, start: callee.start, end: close.end };
  }

  private parseList(): ExpressionNode {
    const open = this.advance();
    this.enter();
    const items: ExpressionNode[] = [];
    while (!this.isOperator(']')) {
      items.push(this.parseOr());
      if (!this.isOperator(',')) break;
      this.advance();
    }
    const close = this.expectOperator(']');
    this.nesting -= 1;
    return { type: 'list', items, start: open.start, end: close.end };
  }

  private parseDict(): ExpressionNode {
    const open = this.advance();
    this.enter();
    const entries: Array<{ key: ExpressionNode; value: ExpressionNode }> = [];
    while (!this.isOperator('}')) {
      const key = this.parseOr();
      if (!this.isOperator(':')) this.fail(this.peek(), 'expected `:` after a dict key', 'sets are not supported; write {"key": value}');
      this.advance();
      entries.push({ key, value: this.parseOr() });
      if (!this.isOperator(',')) break;
      this.advance();
    }
    const close = this.expectOperator('}');
    this.nesting -= 1;
    return { type: 'dict', entries, start: open.start, end: close.end };
  }

  private enter(): void {
    this.nesting += 1;
    if (this.nesting > MAX_NESTING) this.fail(this.peek(), `expression nests deeper than ${MAX_NESTING} levels`);
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private advance(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  private isOperator(value: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.value === value;
  }

  private isKeyword(value: string): boolean {
    const token = this.peek();
    return token.kind === 'keyword' && token.value === value;
  }

  private expectOperator(value: string): Token {
    if (!this.isOperator(value)) {
      const token = this.peek();
      this.fail(token, token.kind === 'end' ? `expected \`${value}\` before the end` : `expected \`${value}\`, found \`${token.value}\``);
    }
    return this.advance();
  }

  private unexpected(token: Token): never {
    if (token.kind === 'end') this.fail(token, 'unexpected end of expression', 'the expression is incomplete');
    if (token.kind === 'operator' && token.value === '~=') {
      this.fail(token, '`~=` must have exactly one space on each side, and is only valid in accept_if', "write `subject ~= 'pattern'`");
    }
    if (token.kind === 'keyword' && token.value === 'not') this.fail(token, '`not` cannot appear here', 'wrap it in parentheses: `a == (not b)`');
    return this.fail(token, `unexpected \`${token.value}\``);
  }

  private fail(token: Token, problem: string, hint?: string): never {
    throw new DslParseError({ source: this.source, offset: token.start, problem, hint });
  }
}
