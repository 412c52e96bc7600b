import { DslParseError } from './dsl-parse-error.ts';
import type { Token } from './tokenize.ts';

/** Deepest bracket/unary nesting accepted; keeps recursion bounded on hostile input. */
export const MAX_NESTING = 64;

/** The expression parser's position in a token list, its nesting depth, and its error reporting. */
export class TokenCursor {
  private position = 0;
  private nesting = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  /** The current token; the list always ends with an `end` token, so there is one. */
  peek(): Token {
    return this.tokens[this.position]!;
  }

  /** The token after the current one, if any. */
  peekNext(): Token | undefined {
    return this.tokens[this.position + 1];
  }

  /** Consumes and returns the current token; never moves past `end`. */
  advance(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  isOperator(value: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.value === value;
  }

  isKeyword(value: string): boolean {
    const token = this.peek();
    return token.kind === 'keyword' && token.value === value;
  }

  /** Consumes the operator `value`; throws DslParseError naming what stood there instead. */
  expectOperator(value: string): Token {
    if (!this.isOperator(value)) {
      const token = this.peek();
      this.fail(token, token.kind === 'end' ? `expected \`${value}\` before the end` : `expected \`${value}\`, found \`${token.value}\``);
    }
    return this.advance();
  }

  /** One level deeper (bracket, unary operator); throws past MAX_NESTING. Pair with `leave`. */
  enter(): void {
    this.nesting += 1;
    if (this.nesting > MAX_NESTING) this.fail(this.peek(), `expression nests deeper than ${MAX_NESTING} levels`);
  }

  leave(): void {
    this.nesting -= 1;
  }

  /** Throws the error for a token no rule accepts, with a hint for the common mistakes. */
  unexpected(token: Token): never {
    if (token.kind === 'end') this.fail(token, 'unexpected end of expression', 'the expression is incomplete');
    if (token.kind === 'operator' && token.value === '~=') {
      this.fail(token, '`~=` must have exactly one space on each side, and is only valid in accept_if', "write `subject ~= 'pattern'`");
    }
    if (token.kind === 'keyword' && token.value === 'not') this.fail(token, '`not` cannot appear here', 'wrap it in parentheses: `a == (not b)`');
    return this.fail(token, `unexpected \`${token.value}\``);
  }

  fail(token: Token, problem: string, hint?: string): never {
    throw new DslParseError({ source: this.source, offset: token.start, problem, hint });
  }
}
