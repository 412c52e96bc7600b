/**
 * Static check of a step's params against the tool's inputSchema (ajv), after "placeholder typing".
 *
 * The rule, because `${expr}` always renders to TEXT at run time (the environment does the same):
 * - A string that is exactly one placeholder (`"${ticker}"`) stands for an unknown string. Where the schema
 *   accepts a string, it matches whatever the schema wants (pattern, enum, format and length are not checked:
 *   the value is unknown until run time).
 * - Where the schema accepts NO string (integer, number, boolean, array, object), a placeholder is an error:
 *   the tool would receive text such as "5" or "[\"AAPL\"]", and MCP servers validate arguments against this
 *   same inputSchema without coercion. Write a literal there instead.
 * - A string with placeholders embedded in other text (`"${ticker} news"`) is a string; only its content
 *   checks (pattern, enum, format, length) are skipped.
 */
import type { ErrorObject } from 'ajv';
import type { ToolSpec } from '@forge/tools';
import type { PlanIssue } from './plan-issue.ts';
import { isPlainObject } from './own-property.ts';
import type { ParamValidators } from './param-validators.ts';
import { findPlaceholders } from './resolve-placeholders.ts';
import { itemSchemas, propertySchemas, schemaTypes, type SchemaNode } from './walk-json-schema.ts';

interface PlaceholderPosition {
  pointer: string;
  segments: string[];
  lone: boolean;
}

/** Issues for one step's params: invalid against the inputSchema, unknown names, placeholders in non-string slots. */
export function checkParams(step: number, params: Record<string, unknown>, tool: ToolSpec, validators: ParamValidators): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const schema = tool.inputSchema as Record<string, unknown>;
  const fqn = `${tool.server}.${tool.tool}`;
  const positions = placeholderPositions(params);
  const byPointer = new Map(positions.map((position) => [position.pointer, position]));

  const validate = validators.validatorFor(schema);
  if (validate instanceof Error) {
    issues.push({ severity: 'warning', code: 'invalid-params', step, field: 'params', message: `step ${step}: the inputSchema of ${fqn} could not be compiled (${validate.message}); params were not checked` });
  } else if (!validate(params)) {
    for (const error of validate.errors ?? []) {
      const position = byPointer.get(error.instancePath);
      if (position && error.keyword !== 'required' && error.keyword !== 'additionalProperties') continue;
      issues.push(describeAjvError(step, fqn, schema, error));
    }
  }

  for (const position of positions.filter((candidate) => candidate.lone)) {
    const types = typesAt(schema, position.segments);
    if (types === undefined || types.size === 0 || types.has('string')) continue;
    const field = fieldName(position.segments);
    issues.push({
      severity: 'error',
      code: 'placeholder-type',
      step,
      field,
      message: `step ${step}: ${field} is a placeholder, which renders to text at run time, but ${fqn} expects ${[...types].join(' | ')} there; write a literal ${[...types][0]} instead (the tool validates arguments without converting text)`,
    });
  }

  const properties = isPlainObject(schema.properties) ? Object.keys(schema.properties) : undefined;
  if (properties && schema.additionalProperties === undefined) {
    for (const name of Object.keys(params).filter((key) => !properties.includes(key))) {
      issues.push({ severity: 'warning', code: 'invalid-params', step, field: `params.${name}`, message: `step ${step}: \`${name}\` is not a parameter of ${fqn} and will be ignored; known parameters: ${properties.join(', ')}` });
    }
  }
  return issues;
}

function describeAjvError(step: number, fqn: string, schema: Record<string, unknown>, error: ErrorObject): PlanIssue {
  const segments = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const base = { severity: 'error' as const, code: 'invalid-params' as const, step };
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: string }).missingProperty);
    const field = fieldName([...segments, missing]);
    const types = typesAt(schema, [...segments, missing]);
    const typeText = types && types.size > 0 ? ` (${[...types].join(' | ')})` : '';
    return { ...base, field, message: `step ${step}: ${fqn} requires ${field}${typeText}; add it` };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
    const field = fieldName([...segments, extra]);
    const known = isPlainObject(schema.properties) ? Object.keys(schema.properties).join(', ') : '';
    return { ...base, field, message: `step ${step}: ${field} is not accepted by ${fqn}; remove it${known ? ` (known parameters: ${known})` : ''}` };
  }
  const field = fieldName(segments);
  const detail = error.keyword === 'enum' ? `must be one of ${JSON.stringify((error.params as { allowedValues?: unknown[] }).allowedValues)}` : (error.message ?? error.keyword);
  return { ...base, field, message: `step ${step}: ${field} ${detail} (per the inputSchema of ${fqn}); change the value` };
}

function typesAt(schema: SchemaNode, segments: string[]): Set<string> | undefined {
  let current: SchemaNode[] = [schema];
  for (const segment of segments) {
    current = current.flatMap((node) => (/^\d+$/.test(segment) ? itemSchemas(node, schema) : propertySchemas(node, schema, segment).schemas));
  }
  if (current.length === 0) return undefined;
  const types = new Set<string>();
  for (const node of current) {
    const found = schemaTypes(node, schema);
    if (found === undefined) return undefined;
    for (const type of found) types.add(type);
  }
  return types;
}

/** "params.tickers[0]" style names for a JSON pointer's segments. */
function fieldName(segments: string[]): string {
  return segments.reduce((name, segment) => (/^\d+$/.test(segment) ? `${name}[${segment}]` : `${name}.${segment}`), 'params');
}

function placeholderPositions(params: Record<string, unknown>): PlaceholderPosition[] {
  const out: PlaceholderPosition[] = [];
  const visit = (value: unknown, segments: string[]): void => {
    if (typeof value === 'string') {
      const found = findPlaceholders(value);
      if (found.length === 0) return;
      const lone = found.length === 1 && found[0]!.placeholder === value;
      out.push({ pointer: segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''), segments, lone });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...segments, String(index)]));
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) visit(value[key], [...segments, key]);
    }
  };
  visit(params, []);
  return out;
}
