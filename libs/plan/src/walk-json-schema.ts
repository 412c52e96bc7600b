/**
 * Walks a tool's JSON Schema (as MCP tools/list returns it) to answer "can this property / these items exist?".
 * Follows local $refs, anyOf/oneOf/allOf branches, properties, patternProperties, additionalProperties, items and
 * prefixItems. An object is closed only when additionalProperties is false (zod output schemas emit that);
 * otherwise unknown properties are possible, so the checker never reports a path that could exist.
 */
export type SchemaNode = Record<string, unknown> | boolean;

/** The leaf schemas a schema may stand for, after refs and unions are expanded. */
export function schemaBranches(schema: SchemaNode, root: SchemaNode, depth = 0): SchemaNode[] {
  if (typeof schema === 'boolean' || depth > 32) return [schema];
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = resolveRef(root, ref);
    return target === undefined ? [true] : schemaBranches(target, root, depth + 1);
  }
  const union = [...asArray(schema.anyOf), ...asArray(schema.oneOf), ...asArray(schema.allOf)] as SchemaNode[];
  if (union.length > 0) return union.flatMap((branch) => schemaBranches(branch, root, depth + 1));
  return [schema];
}

/** Schemas the property `name` may have on a value of this schema, and the property names the schema lists. */
export function propertySchemas(schema: SchemaNode, root: SchemaNode, name: string): { schemas: SchemaNode[]; known: string[] } {
  const schemas: SchemaNode[] = [];
  const known: string[] = [];
  for (const branch of schemaBranches(schema, root)) {
    if (branch === true) {
      schemas.push(true);
      continue;
    }
    if (branch === false) continue;
    const properties = isRecord(branch.properties) ? branch.properties : undefined;
    if (!allowsType(branch, 'object') && properties === undefined) continue;
    if (properties) known.push(...Object.keys(properties));
    if (properties && Object.hasOwn(properties, name)) {
      schemas.push(properties[name] as SchemaNode);
      continue;
    }
    const patterns = isRecord(branch.patternProperties) ? branch.patternProperties : {};
    const matching = Object.keys(patterns).filter((pattern) => safeTest(pattern, name));
    if (matching.length > 0) {
      schemas.push(...matching.map((pattern) => patterns[pattern] as SchemaNode));
      continue;
    }
    const additional = branch.additionalProperties;
    if (additional === false) continue;
    schemas.push(isRecord(additional) ? additional : true);
  }
  return { schemas, known: [...new Set(known)] };
}

/** Schemas the items of an array of this schema may have; empty when the value cannot be an array. */
export function itemSchemas(schema: SchemaNode, root: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const branch of schemaBranches(schema, root)) {
    if (branch === true) {
      out.push(true);
      continue;
    }
    if (branch === false) continue;
    const hasItems = branch.items !== undefined || branch.prefixItems !== undefined;
    if (!allowsType(branch, 'array') && !hasItems) continue;
    if (Array.isArray(branch.prefixItems)) out.push(...(branch.prefixItems as SchemaNode[]));
    if (isRecord(branch.items) || typeof branch.items === 'boolean') out.push(branch.items as SchemaNode);
    else if (Array.isArray(branch.items)) out.push(...(branch.items as SchemaNode[]));
    else if (!Array.isArray(branch.prefixItems)) out.push(true);
  }
  return out;
}

/** JSON Schema types a position accepts; undefined when unconstrained. */
export function schemaTypes(schema: SchemaNode, root: SchemaNode): Set<string> | undefined {
  const types = new Set<string>();
  for (const branch of schemaBranches(schema, root)) {
    if (typeof branch === 'boolean') return branch ? undefined : types;
    const type = branch.type;
    if (typeof type === 'string') types.add(type);
    else if (Array.isArray(type)) for (const entry of type) types.add(String(entry));
    else if (branch.const !== undefined || Array.isArray(branch.enum)) for (const value of asArray(branch.const !== undefined ? [branch.const] : branch.enum)) types.add(jsonType(value));
    else return undefined;
  }
  return types;
}

function allowsType(schema: Record<string, unknown>, type: string): boolean {
  const declared = schema.type;
  if (declared === undefined) return true;
  return declared === type || (Array.isArray(declared) && declared.includes(type));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}

function resolveRef(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#')) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(current) || !Object.hasOwn(current, part)) return undefined;
    current = current[part];
  }
  return isRecord(current) || typeof current === 'boolean' ? current : undefined;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
