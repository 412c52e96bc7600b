import type { Complexity } from '@forge/catalog';
import type { ToolSpec } from '@forge/tools';
import { checkExtractPath } from './check-extract-path.ts';
import { checkParams } from './check-params.ts';
import { DslParseError } from './dsl-parse-error.ts';
import { expressionReferences } from './expression-references.ts';
import { parseExtractPath } from './extract.ts';
import { HELPERS } from './helpers.ts';
import { isPlainObject } from './own-property.ts';
import { ParamValidators } from './param-validators.ts';
import { parseCondition, parseExpression } from './parse-expression.ts';
import type { PlanIssue } from './plan-issue.ts';
import type { Plan, Step } from './plan-schema.ts';
import { findPlaceholders } from './resolve-placeholders.ts';
import { splitStatement } from './run-statement.ts';

export interface CheckPlanOptions {
  /** Enables the step-count check against the complexity's range. */
  complexity?: Complexity;
  /**
   * Compiled inputSchema validators to reuse (`new ParamValidators()`); pass one per run so each schema compiles
   * once. Without it the call compiles what it needs and keeps nothing.
   */
  validators?: ParamValidators;
}

/** Step counts a plan of each complexity should have (inclusive). */
export const STEP_RANGES: Readonly<Record<Complexity, readonly [number, number]>> = Object.freeze({ simple: [2, 4], moderate: [4, 8], complex: [7, 16] });

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'None', 'True', 'False']);
const MAX_LISTED = 20;

/** How a variable became known: the step that introduced it and, for extraction keys, the path. */
interface Introduced {
  step: number;
  via: string;
}

/**
 * Checks a plan statically, before any tool call, and returns every issue found (empty when clean). Each issue
 * names the step, the field and what to change, because the messages go back to an LLM planner for repair.
 */
export function checkPlan(plan: Plan, inventory: ToolSpec[], options: CheckPlanOptions = {}): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const validators = options.validators ?? new ParamValidators();
  const known = new Map<string, Introduced>();
  const steps = plan.tool_sequence;

  steps.forEach((step, index) => {
    if (step.step !== index + 1) {
      issues.push({ severity: 'error', code: 'step-numbering', step: step.step, field: `tool_sequence[${index}].step`, message: `the step at position ${index + 1} is numbered ${step.step}; number steps 1..${steps.length} in order` });
    }
  });
  if (options.complexity) {
    const [min, max] = STEP_RANGES[options.complexity];
    if (steps.length < min || steps.length > max) {
      issues.push({ severity: 'warning', code: 'step-count', field: 'tool_sequence', message: `a ${options.complexity} plan should have ${min}–${max} steps, this one has ${steps.length}; ${steps.length < min ? 'add steps' : 'merge or drop steps'}` });
    }
  }

  steps.forEach((step, index) => {
    const number = index + 1;
    const own = new Map<string, Introduced>();
    const tool = checkTool(step, number, inventory, issues);
    if (tool) issues.push(...checkParams(number, step.params, tool, validators));
    checkParamPlaceholders(step, number, known, issues);

    const requirements = step.analysis_requirements;
    requirements.extract.forEach((text, position) => {
      const field = `analysis_requirements.extract[${position}]`;
      const problem = checkExtractPath(text, tool?.outputSchema, `${step.server}.${step.tool}`);
      if (problem) issues.push({ severity: 'error', code: 'impossible-extract-path', step: number, field, message: `step ${number}: ${problem}` });
      own.set(parseExtractPath(text).key, { step: number, via: `extract \`${text}\`` });
    });
    for (const kind of ['compute', 'select'] as const) {
      requirements[kind].forEach((text, position) => {
        const field = `analysis_requirements.${kind}[${position}]`;
        const name = checkStatement(text, number, field, new Map([...known, ...own]), issues);
        if (name !== undefined) own.set(name, { step: number, via: `${kind} \`${text}\`` });
      });
    }
    requirements.accept_if.forEach((text, position) => {
      checkExpressionText(text, 'condition', { step: number, field: `analysis_requirements.accept_if[${position}]` }, own, known, issues);
    });
    checkNextArgsFrom(step, number, own, known, steps[index + 1], issues);
    for (const [name, introduced] of own) known.set(name, introduced);
  });

  checkFinalKeys(plan, known, issues);
  return issues;
}

function checkTool(step: Step, number: number, inventory: ToolSpec[], issues: PlanIssue[]): ToolSpec | undefined {
  const servers = [...new Set(inventory.map((spec) => spec.server))];
  if (!servers.includes(step.server)) {
    const elsewhere = inventory.find((spec) => spec.tool === step.tool);
    const hint = elsewhere ? `; ${step.tool} is on server \`${elsewhere.server}\`` : '';
    issues.push({ severity: 'error', code: 'unknown-server', step: number, field: 'server', message: `step ${number}: unknown server \`${step.server}\`${hint}; use one of: ${servers.join(', ')}` });
    return undefined;
  }
  const tool = inventory.find((spec) => spec.server === step.server && spec.tool === step.tool);
  if (!tool) {
    const elsewhere = inventory.find((spec) => spec.tool === step.tool);
    const hint = elsewhere ? ` (it is on server \`${elsewhere.server}\`)` : '';
    const names = inventory.filter((spec) => spec.server === step.server).map((spec) => spec.tool);
    issues.push({ severity: 'error', code: 'unknown-tool', step: number, field: 'tool', message: `step ${number}: server \`${step.server}\` has no tool \`${step.tool}\`${hint}; its tools: ${names.join(', ')}` });
  }
  return tool;
}

function checkParamPlaceholders(step: Step, number: number, known: Map<string, Introduced>, issues: PlanIssue[]): void {
  const visit = (value: unknown, field: string): void => {
    if (typeof value === 'string') {
      for (const found of findPlaceholders(value)) {
        checkExpressionText(value, 'placeholder', { step: number, field, offset: found.offset, expression: found.expression }, known, known, issues);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${field}[${index}]`));
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) visit(value[key], `${field}.${key}`);
    }
  };
  for (const key of Object.keys(step.params)) visit(step.params[key], `params.${key}`);
}

/** Checks `name = expr`; returns the name it introduces when the statement is usable. */
function checkStatement(text: string, number: number, field: string, visible: Map<string, Introduced>, issues: PlanIssue[]): string | undefined {
  const statement = splitStatement(text);
  if (statement === undefined) {
    issues.push({ severity: 'error', code: 'invalid-statement', step: number, field, message: `step ${number}: \`${text}\` has no \`=\`; write \`name = ${text.trim()}\`` });
    return undefined;
  }
  if (!IDENTIFIER.test(statement.name) || RESERVED.has(statement.name)) {
    const comparison = /[<>!=]$/.test(statement.name) || statement.expression.startsWith('=');
    const why = comparison
      ? `it is split at its first = into a variable named "${statement.name}"; to store a comparison write \`is_ok = ${text.trim()}\``
      : `"${statement.name}" is not a valid variable name; use letters, digits and _`;
    issues.push({ severity: 'error', code: 'invalid-statement', step: number, field, message: `step ${number}: \`${text}\`: ${why}` });
    return undefined;
  }
  checkExpressionText(text, 'expression', { step: number, field, offset: statement.expressionOffset, expression: statement.expression }, visible, visible, issues);
  return statement.name;
}

interface Where {
  step: number;
  field: string;
  /** Offset of the expression inside `text` when it is part of a larger string. */
  offset?: number;
  expression?: string;
}

/**
 * Parses an expression/condition and checks its references. `allowed` are the variables it may read;
 * `earlier` are those introduced by previous steps (to tell a foreign variable from an unknown one).
 */
function checkExpressionText(text: string, mode: 'expression' | 'condition' | 'placeholder', where: Where, allowed: Map<string, Introduced>, earlier: Map<string, Introduced>, issues: PlanIssue[]): void {
  const { step, field } = where;
  let node;
  try {
    node = mode === 'condition' ? parseCondition(text) : parseExpression(where.expression ?? text, { offset: where.offset ?? 0, fullSource: text });
  } catch (error) {
    if (!(error instanceof DslParseError)) throw error;
    issues.push({ severity: 'error', code: 'parse-error', step, field, message: `step ${step}: ${field} does not parse at line ${error.line}:${error.column}: ${error.problem}${error.context.hint ? ` (${error.context.hint})` : ''}\n${error.excerpt}` });
    return;
  }
  const references = expressionReferences(node);
  const reported = new Set<string>();
  for (const { name } of references.names) {
    if (allowed.has(name) || reported.has(name)) continue;
    reported.add(name);
    const previous = earlier.get(name);
    if (mode === 'condition' && previous) {
      issues.push({ severity: 'error', code: 'accept-if-foreign-variable', step, field, message: `step ${step}: accept_if may only test variables this step introduces, but \`${name}\` comes from step ${previous.step} (${previous.via}); extract or compute it in step ${step}, or test a variable of this step` });
    } else if (mode === 'placeholder' && !previous) {
      issues.push({ severity: 'error', code: 'undefined-variable', step, field, message: `step ${step}: placeholder uses \`${name}\`, which no earlier step introduces (params are resolved before the call, so only earlier steps' variables exist)${suggest(name, allowed)}` });
    } else {
      issues.push({ severity: 'error', code: 'undefined-variable', step, field, message: `step ${step}: \`${name}\` is not defined at this point${suggest(name, allowed)}` });
    }
  }
  for (const call of references.calls) {
    const helper = Object.hasOwn(HELPERS, call.name) ? HELPERS[call.name] : undefined;
    if (helper === undefined) {
      const portable = Object.keys(HELPERS).filter((name) => HELPERS[name]!.portable);
      issues.push({ severity: 'error', code: 'invalid-expression', step, field, message: `step ${step}: \`${call.name}\` is not a whitelisted helper; use one of: ${portable.join(', ')}` });
    } else if (!helper.portable) {
      issues.push({ severity: 'warning', code: 'non-portable', step, field, message: `step ${step}: \`${call.name}\` is generator-only; the training environment raises on it. Prefer portable forms (e.g. items[0], q['price'], head(items, 1))` });
    }
  }
  for (const attribute of references.attributes) {
    issues.push({ severity: 'error', code: 'invalid-expression', step, field, message: `step ${step}: attribute access \`.${attribute.name}\` raises in the environment (dicts have no attributes); write ['${attribute.name}'] instead` });
  }
}

function checkNextArgsFrom(step: Step, number: number, own: Map<string, Introduced>, known: Map<string, Introduced>, next: Step | undefined, issues: PlanIssue[]): void {
  const name = step.analysis_requirements.next_args_from;
  if (name === undefined) return;
  const field = 'analysis_requirements.next_args_from';
  if (!own.has(name)) {
    const previous = known.get(name);
    issues.push(
      previous
        ? { severity: 'error', code: 'next-args-from', step: number, field, message: `step ${number}: next_args_from names \`${name}\`, introduced by step ${previous.step}, not by this step; name one of this step's variables: ${[...own.keys()].join(', ') || '(none)'}` }
        : { severity: 'error', code: 'undefined-variable', step: number, field, message: `step ${number}: next_args_from names \`${name}\`, which this step does not introduce${suggest(name, own)}` },
    );
    return;
  }
  if (next === undefined) {
    issues.push({ severity: 'warning', code: 'next-args-from', step: number, field, message: `step ${number} is the last step, so next_args_from \`${name}\` feeds nothing; remove it` });
    return;
  }
  const used = findAllPlaceholderNames(next.params).has(name);
  if (!used) {
    issues.push({ severity: 'warning', code: 'next-args-from', step: number, field, message: `step ${number} passes \`${name}\` to step ${number + 1}, but step ${number + 1}'s params never use \${${name}}; use it there or remove next_args_from` });
  }
}

function findAllPlaceholderNames(params: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const found of findPlaceholders(value)) {
        try {
          for (const reference of expressionReferences(parseExpression(found.expression)).names) names.add(reference.name);
        } catch {
          // Parse errors are reported on the step that holds them.
        }
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isPlainObject(value)) Object.values(value).forEach(visit);
  };
  visit(params);
  return names;
}

function checkFinalKeys(plan: Plan, known: Map<string, Introduced>, issues: PlanIssue[]): void {
  const requirements = plan.final_answer_requirements;
  const lists = [
    ['grounded_from', requirements.grounded_from, 'error'],
    ['must_include', requirements.must_include, 'warning'],
  ] as const;
  for (const [name, keys, severity] of lists) {
    keys.forEach((key, index) => {
      if (known.has(key)) return;
      issues.push({ severity, code: 'undefined-variable', field: `final_answer_requirements.${name}[${index}]`, message: `final_answer_requirements.${name} lists \`${key}\`, which no step introduces${suggest(key, known)}` });
    });
  }
}

/** "; did you mean …" plus what exists, so the repair has concrete names to pick from. */
function suggest(name: string, available: Map<string, Introduced>): string {
  const names = [...available.keys()];
  const related = [...available.entries()].filter(([key, introduced]) => key.startsWith(`${name}[`) || introduced.via.includes(`\`${name}.`) || introduced.via.includes(`${name}[]`) || introduced.via.includes(`${name}{`));
  let text = '';
  if (related.length > 0) {
    const [key, introduced] = related[0]!;
    text += IDENTIFIER.test(key)
      ? `; ${introduced.via} stores its value as \`${key}\`, use that name`
      : `; ${introduced.via} stores it under "${key}", which is not a usable name: add an alias, e.g. \`${name}_values = ${introduced.via.replace(/^extract `|`$/g, '')}\``;
  }
  const shown = names.filter((key) => IDENTIFIER.test(key)).slice(0, MAX_LISTED);
  return `${text}; available: ${shown.length > 0 ? shown.join(', ') : '(none yet)'}`;
}
