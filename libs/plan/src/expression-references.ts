import type { ExpressionNode } from './expression-node.ts';

/** What an expression refers to: variables read, helpers called, attributes accessed (with offsets). */
export interface ExpressionReferences {
  names: Array<{ name: string; start: number }>;
  calls: Array<{ name: string; start: number }>;
  attributes: Array<{ name: string; start: number }>;
}

/** Collects the variables, helper calls and attribute accesses of an AST, for the static plan checker. */
export function expressionReferences(node: ExpressionNode): ExpressionReferences {
  const references: ExpressionReferences = { names: [], calls: [], attributes: [] };
  const visit = (current: ExpressionNode): void => {
    switch (current.type) {
      case 'literal':
        return;
      case 'name':
        references.names.push({ name: current.name, start: current.start });
        return;
      case 'list':
        current.items.forEach(visit);
        return;
      case 'dict':
        current.entries.forEach((entry) => {
          visit(entry.key);
          visit(entry.value);
        });
        return;
      case 'attribute':
        references.attributes.push({ name: current.name, start: current.start });
        visit(current.object);
        return;
      case 'subscript':
        visit(current.object);
        visit(current.index);
        return;
      case 'slice':
        [current.object, current.lower, current.upper, current.step].forEach((part) => part && visit(part));
        return;
      case 'call':
        references.calls.push({ name: current.callee, start: current.start });
        current.args.forEach(visit);
        return;
      case 'unary':
        visit(current.operand);
        return;
      case 'binary':
        visit(current.left);
        visit(current.right);
        return;
      case 'boolean':
        current.values.forEach(visit);
        return;
      case 'compare':
        visit(current.first);
        current.rest.forEach((part) => visit(part.right));
        return;
      case 'regex-search':
        visit(current.subject);
        visit(current.pattern);
        return;
    }
  };
  visit(node);
  return references;
}
