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
    const match = /position (\d+)/.exec(message);
    const truncated = /end of (JSON|data)/i.test(message) || !match;
    const position = match ? Number(match[1]) : body.length;
    const where = lineAndColumn(body, position);
    throw new CatalogError(
      file,
      [
        {
          ...where,
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
