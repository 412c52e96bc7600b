import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCondition, DslExecutionError, extract, parsePythonJson, renderPythonJson, resolvePlaceholders, runStatement } from '@forge/plan';

// Parsed with the Python-typed reader so `2.0` in the vectors stays a float, as the environment sees it. The file is
// a byte-identical copy of the environment's published vectors, kept in the repo so a clean clone runs this test.
const vectors = parsePythonJson(readFileSync(new URL('../conformance/dsl_vectors.json', import.meta.url), 'utf8')) as { cases: VectorCase[] };

interface VectorCase {
  kind: 'extract' | 'compute' | 'check' | 'placeholder';
  input: { result?: unknown; state?: Record<string, unknown>; template?: unknown };
  expr: string;
  expected: unknown;
  raises?: string;
  generator_expected?: unknown;
  generator_raises?: string;
}

const GENERATOR_ONLY = /\b(first|safe_index|safe_attr|median)\(/;

function run(testCase: VectorCase, nonPortable: boolean): unknown {
  const state = testCase.input.state ?? {};
  switch (testCase.kind) {
    case 'extract':
      return extract(testCase.input.result, testCase.expr);
    case 'compute': {
      const { name, value } = runStatement(testCase.expr, state, { nonPortable });
      return { [name]: value };
    }
    case 'check':
      return checkCondition(testCase.expr, state, { nonPortable });
    case 'placeholder':
      return resolvePlaceholders(testCase.input.template, state, { nonPortable }).value;
  }
}

// Compared as Python JSON text: catches 2 vs 2.0, key order and None vs missing, which toEqual would blur.
describe('DSL conformance vectors (environment semantics)', () => {
  it('has all 111 cases', () => expect(vectors.cases).toHaveLength(111));
  vectors.cases.forEach((testCase, index) => {
    it(`#${index} ${testCase.kind}: ${testCase.expr}`, () => {
      if (testCase.raises) {
        expect(() => run(testCase, false)).toThrow(DslExecutionError);
      } else {
        expect(renderPythonJson(run(testCase, false))).toBe(renderPythonJson(testCase.expected));
      }
    });
  });
});

describe('DSL conformance vectors (generator-only helpers with { nonPortable: true })', () => {
  const generatorCases = vectors.cases.filter((testCase) => GENERATOR_ONLY.test(testCase.expr) && 'generator_expected' in testCase);
  it('covers the four generator-only helpers', () => expect(generatorCases).toHaveLength(4));
  generatorCases.forEach((testCase) => {
    it(`${testCase.expr}`, () => {
      expect(renderPythonJson(run(testCase, true))).toBe(renderPythonJson(testCase.generator_expected));
    });
  });
});
