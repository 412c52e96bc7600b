import { CatalogError } from './catalog-error.ts';

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { line, column };
}

function excerptAt(text: string, position: number): string {
  const start = Math.max(0, position - 20);
  return text.slice(start, position + 20).replace(/\s+/g, ' ');
}

/** Where JSON.parse gave up, or 'end' when the text simply stops (a valid prefix), or 'ok'. */
function failureOf(text: string): number | 'end' | 'ok' {
  try {
    JSON.parse(text);
    return 'ok';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/end of (JSON|data)/i.test(message)) return 'end';
    const match = /position (\d+)/.exec(message);
    if (!match) return -1;
    const position = Number(match[1]);
    return position >= text.trimEnd().length ? 'end' : position;
  }
}

/**
 * Offset of the first character that makes the text invalid JSON. V8 omits the position for some errors
 * ("Unexpected token 'h', "hello" is not valid JSON"), so it is found by bisecting on prefixes: a prefix that
 * stops before the bad character only ever fails with "end of input".
 */
function errorOffset(text: string): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const failure = failureOf(text.slice(0, middle + 1));
    if (failure === 'end' || failure === 'ok') low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Parses catalog text as JSON, turning a syntax error into a CatalogError with line:column. */
export function parseCatalogText(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    throw new CatalogError(file, [{ field: '(file)', expected: 'a JSON array of entries', received: 'an empty file' }]);
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = failureOf(body);
    const truncated = failure === 'end';
    const position = truncated ? body.trimEnd().length : failure === -1 || failure === 'ok' ? errorOffset(body) : failure;
    throw new CatalogError(
      file,
      [
        {
          ...lineAndColumn(body, position),
          field: '(file)',
          problem: truncated ? 'the JSON ends before the catalog is complete (truncated file?)' : 'the file is not valid JSON',
          expected: 'valid JSON',
          received: truncated ? 'end of file' : excerptAt(body, position),
          hint: message,
        },
      ],
      error,
    );
  }
}
