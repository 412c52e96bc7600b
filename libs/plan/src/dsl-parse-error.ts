import { ForgeError } from '@forge/errors';

/** Where a DSL text failed to parse: 1-based line and column, plus the offending line with a caret under it. */
export interface DslParseErrorContext {
  source: string;
  /** 0-based offset into source. */
  offset: number;
  problem: string;
  hint?: string;
}

/** A DSL expression, condition or statement that does not parse; carries line, column and a caret excerpt. */
export class DslParseError extends ForgeError {
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly excerpt: string;
  readonly problem: string;

  constructor(context: DslParseErrorContext) {
    const { line, column, lineText } = locate(context.source, context.offset);
    const excerpt = `${lineText}\n${' '.repeat(Math.max(0, column - 1))}^`;
    const hint = context.hint ? `. Hint: ${context.hint}` : '';
    super(
      { line, column, problem: context.problem, hint: context.hint },
      `line ${line}:${column}: ${context.problem}${hint}\n${excerpt}`,
    );
    this.source = context.source;
    this.line = line;
    this.column = column;
    this.excerpt = excerpt;
    this.problem = context.problem;
  }
}

function locate(source: string, offset: number): { line: number; column: number; lineText: string } {
  const clamped = Math.max(0, Math.min(offset, source.length));
  const before = source.slice(0, clamped);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', lineStart);
  const lineText = source.slice(lineStart, lineEnd === -1 ? source.length : lineEnd);
  return { line, column: clamped - lineStart + 1, lineText };
}
