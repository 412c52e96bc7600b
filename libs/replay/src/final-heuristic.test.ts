import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PyFloat } from '@forge/plan';
import { finalHeuristic, valueInText } from '@forge/replay';

// A byte-identical copy of the environment's published vectors (kept in the repo so a clean clone runs this).
const vectors = JSON.parse(readFileSync(new URL('../conformance/final_heuristic_vectors.json', import.meta.url), 'utf8')) as Vectors;

interface Typed {
  py_type: 'int' | 'float' | 'bool' | 'str' | 'list' | 'dict' | 'None';
  value: unknown;
}
interface Vectors {
  value_in_text: Array<{ value: Typed; text: string; found: boolean; why: string }>;
  final_heuristic: Array<{
    name: string;
    final_text: string;
    final_answer_requirements: Record<string, unknown>;
    facts: Record<string, Typed>;
    weights: Record<string, number> | null;
    expected: { heuristic: number; coverage: number; grounding: number; length: number };
  }>;
}

/** A vector's {py_type, value} as the plan value the interpreter would hold: a whole float becomes a PyFloat. */
function toPlanValue(typed: Typed): unknown {
  switch (typed.py_type) {
    case 'float': {
      const number = typed.value as number;
      return Number.isInteger(number) ? new PyFloat(number) : number;
    }
    case 'int':
      if (!Number.isInteger(typed.value)) throw new Error(`int vector with a fraction: ${String(typed.value)}`);
      return typed.value;
    case 'list':
      return (typed.value as Typed[]).map(toPlanValue);
    case 'dict':
      return Object.fromEntries(Object.entries(typed.value as Record<string, Typed>).map(([key, value]) => [key, toPlanValue(value)]));
    case 'None':
      return null;
    default:
      return typed.value;
  }
}

describe('valueInText: every value_in_text vector', () => {
  it('has the 38 vectors', () => expect(vectors.value_in_text).toHaveLength(38));
  vectors.value_in_text.forEach((vector, index) => {
    it(`#${index} ${vector.value.py_type} in ${JSON.stringify(vector.text)}: ${vector.why}`, () => {
      expect(valueInText(toPlanValue(vector.value), vector.text)).toBe(vector.found);
    });
  });
});

describe('finalHeuristic: every final_heuristic vector', () => {
  it('has the 8 vectors', () => expect(vectors.final_heuristic).toHaveLength(8));
  vectors.final_heuristic.forEach((vector) => {
    it(vector.name, () => {
      const facts = Object.fromEntries(Object.entries(vector.facts).map(([key, value]) => [key, toPlanValue(value)]));
      const result = finalHeuristic({ finalText: vector.final_text, requirements: vector.final_answer_requirements, facts, weights: vector.weights });
      for (const field of ['heuristic', 'coverage', 'grounding', 'length'] as const) expect(result[field]).toBeCloseTo(vector.expected[field], 9);
    });
  });
});

describe('finalHeuristic details', () => {
  it('names the keys it missed, a present None included', () => {
    const result = finalHeuristic({ finalText: 'AAPL at 276.00', requirements: { must_include: ['price', 'gone', 'none'], grounded_from: ['ticker'] }, facts: { price: 276, ticker: 'AAPL', none: null } });
    expect(result.missing_must_include).toEqual(['gone', 'none']);
    expect(result.coverage).toBeCloseTo(1 / 3, 12);
    expect(result.missing_grounded_from).toEqual([]);
  });

  it('splits tokens on Python whitespace (\\x1c and \\x85 split, \\ufeff does not)', () => {
    expect(finalHeuristic({ finalText: ' a\x1cb\ufeffc \x85d ', requirements: {}, facts: {} }).tokens).toBe(3);
  });

  it('keeps default weights for ones an override leaves out', () => {
    const result = finalHeuristic({ finalText: 'x', requirements: { must_include: ['k'] }, facts: {}, weights: { heur_cov: 0.2 } });
    expect(result.heuristic).toBeCloseTo(0.4 + 0.1, 12);
  });
});
