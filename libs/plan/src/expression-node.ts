import type { PyFloat } from './py-float.ts';

/** Offsets into the parsed text, for error carets and for checkPlan messages. */
interface Span {
  start: number;
  end: number;
}

export type LiteralValue = null | boolean | number | PyFloat | string;
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '//' | '%';

/** The AST the parser produces and the interpreter walks. */
export type ExpressionNode = Span &
  (
    | { type: 'literal'; value: LiteralValue }
    | { type: 'name'; name: string }
    | { type: 'list'; items: ExpressionNode[] }
    | { type: 'dict'; entries: Array<{ key: ExpressionNode; value: ExpressionNode }> }
    | { type: 'attribute'; object: ExpressionNode; name: string }
    | { type: 'subscript'; object: ExpressionNode; index: ExpressionNode }
    | { type: 'slice'; object: ExpressionNode; lower?: ExpressionNode; upper?: ExpressionNode; step?: ExpressionNode }
    | { type: 'call'; callee: string; args: ExpressionNode[] }
    | { type: 'unary'; operator: '-' | '+' | 'not'; operand: ExpressionNode }
    | { type: 'binary'; operator: ArithmeticOperator; left: ExpressionNode; right: ExpressionNode }
    | { type: 'boolean'; operator: 'and' | 'or'; values: ExpressionNode[] }
    | { type: 'compare'; first: ExpressionNode; rest: Array<{ operator: CompareOperator; right: ExpressionNode }> }
    | { type: 'regex-search'; subject: ExpressionNode; pattern: ExpressionNode }
  );
