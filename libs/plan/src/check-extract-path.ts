import { parseExtractPath, type ExtractPath } from './extract.ts';
import { itemSchemas, propertySchemas, type SchemaNode } from './walk-json-schema.ts';

/**
 * Why an extraction path cannot produce data, or undefined when it can. Two kinds of problem: forms the
 * environment reads differently from what the author meant (always wrong, schema or not), and properties the
 * tool's outputSchema says cannot exist. Each message says what to write instead.
 */
export function checkExtractPath(text: string, outputSchema: SchemaNode | undefined, toolName: string): string | undefined {
  const path = parseExtractPath(text);
  const quirk = formProblem(text, path);
  if (quirk) return quirk;
  if (outputSchema === undefined) return undefined;
  return schemaProblem(path, outputSchema, toolName);
}

function formProblem(text: string, path: ExtractPath): string | undefined {
  if (path.form === 'field' && path.name.includes('=')) {
    const [alias, source] = path.name.split('=');
    return `\`${text}\` is read as a field literally named "${path.name}"; an alias needs spaces around =: \`${alias!.trim()} = ${source!.trim()}\``;
  }
  if ((path.form === 'field' || path.form === 'dotted') && /[[\]{}]/.test(text)) {
    return `\`${text}\` is not an extraction form (indexing like [0] is not supported); extract the list with \`name[]\` and pick items in compute, e.g. \`first_item = name[0]\``;
  }
  if (path.form === 'map' && (path.mapKey !== path.mapKey.trim() || path.mapValue !== path.mapValue.trim())) {
    return `\`${text}\` has spaces around -> so it looks up "${path.mapKey}" and "${path.mapValue}" and always gives {}; write \`{${path.mapKey.trim()}->${path.mapValue.trim()}}\``;
  }
  if (path.form === 'project' && /[[\]]/.test(path.field)) {
    return `\`${text}\` projects one field only; nested projection gives nulls. Project the outer field (\`${path.segments.join('.')}[][${path.field.split(']')[0]}]\`) and read deeper in compute`;
  }
  const segments = path.form === 'field' ? [path.name] : path.segments;
  if (segments.some((segment) => segment.trim() === '' || segment !== segment.trim())) {
    return `\`${text}\` has an empty or space-padded path segment; write dotted names without spaces, e.g. \`data.quote.price\``;
  }
  return undefined;
}

function schemaProblem(path: ExtractPath, root: SchemaNode, toolName: string): string | undefined {
  const segments = path.form === 'field' ? [path.name] : path.segments;
  let current: SchemaNode[] = [root];
  let walked = '';
  for (const segment of segments) {
    const found = current.map((node) => propertySchemas(node, root, segment));
    const schemas = found.flatMap((entry) => entry.schemas);
    if (schemas.length === 0) {
      const known = [...new Set(found.flatMap((entry) => entry.known))];
      const where = walked ? `\`${walked}\` in the output of ${toolName}` : `the output of ${toolName}`;
      const suggestion = known.length > 0 ? `; available: ${known.join(', ')}` : '';
      return `${where} has no property \`${segment}\`${suggestion}`;
    }
    current = schemas;
    walked = walked ? `${walked}.${segment}` : segment;
  }
  if (path.form !== 'project' && path.form !== 'map') return undefined;
  const items = current.flatMap((node) => itemSchemas(node, root));
  if (items.length === 0) return `\`${walked}\` in the output of ${toolName} is not a list, so \`${path.text}\` always gives ${path.form === 'map' ? '{}' : '[]'}`;
  const fields = path.form === 'project' ? [path.field] : [path.mapKey, path.mapValue];
  for (const field of fields) {
    const found = items.map((node) => propertySchemas(node, root, field));
    if (found.flatMap((entry) => entry.schemas).length === 0) {
      const known = [...new Set(found.flatMap((entry) => entry.known))];
      return `items of \`${walked}\` in the output of ${toolName} have no property \`${field}\`${known.length > 0 ? `; available: ${known.join(', ')}` : ''}`;
    }
  }
  return undefined;
}
