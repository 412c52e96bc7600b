import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalogText } from './index.ts';

function problemOf(text: string) {
  try {
    parseCatalogText(text, 'catalog.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    const problems = (error as CatalogError).problems;
    expect(problems).toHaveLength(1);
    return problems[0];
  }
  throw new Error('expected parseCatalogText to throw');
}

describe('parseCatalogText', () => {
  it('parses JSON and ignores a byte-order mark', () => {
    expect(parseCatalogText('\uFEFF[{"id":"E01"}]', 'catalog.json')).toEqual([{ id: 'E01' }]);
  });

  it('rejects an empty file', () => {
    expect(problemOf('  \n')).toEqual({ field: '(file)', expected: 'a JSON array of entries', received: 'an empty file' });
  });

  it.each([
    ['[', 1, 2],
    ['[{"id": "E01", "user_prompt": "Price of', 1, 40],
    ['[\n  {"id": "E01"},\n  {"id": "E02"', 3, 15],
    ['[\n  {"id": "E01"},\n', 2, 17],
  ])('reports truncated JSON %j at its end', (text, line, column) => {
    expect(problemOf(text)).toMatchObject({
      field: '(file)',
      line,
      column,
      problem: 'the JSON ends before the catalog is complete (truncated file?)',
      expected: 'valid JSON',
      received: 'end of file',
    });
  });

  it.each([
    // V8 names no position for these two, so the line and column come from bisecting on prefixes
    ['hello', 1, 1],
    ['[\n {"id": "E01"},\n]', 3, 1],
    ['[\n {"id": "E01"}\n {"id": "E02"}\n]', 3, 2],
    ["[{'id': 'E01'}]", 1, 3],
    ['[{"id": "E01"}] trailing', 1, 17],
  ])('reports invalid JSON %j at the first bad character', (text, line, column) => {
    const problem = problemOf(text);
    expect(problem).toMatchObject({ field: '(file)', line, column, problem: 'the file is not valid JSON', expected: 'valid JSON' });
    expect(typeof problem.received).toBe('string');
    expect(problem.hint).toMatch(/JSON/);
  });
});
