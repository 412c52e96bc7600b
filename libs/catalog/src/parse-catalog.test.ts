import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog, type CatalogProblem } from './index.ts';

const FILE = 'catalog.json';

function problemsOf(raw: unknown): CatalogProblem[] {
  try {
    parseCatalog(raw, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).file).toBe(FILE);
    return (error as CatalogError).problems;
  }
  throw new Error('expected parseCatalog to throw');
}

const good = (id: string, complexity = 'easy', extra: Record<string, unknown> = {}) => ({
  id,
  complexity,
  user_prompt: `prompt ${id}`,
  ...extra,
});

describe('parseCatalog', () => {
  it('normalises labels of any case and spacing, keeping the label as original_complexity', () => {
    const entries = parseCatalog(
      [good('E01', 'Easy'), good('E02', 'easy '), good('M01', 'MEDIUM'), good('D01', ' Difficult'), good('X01', 'moderate')],
      FILE,
    );
    expect(entries.map((entry) => [entry.prompt_id, entry.complexity, entry.original_complexity])).toEqual([
      ['E01', 'simple', 'easy'],
      ['E02', 'simple', 'easy'],
      ['M01', 'moderate', 'medium'],
      ['D01', 'complex', 'difficult'],
      ['X01', 'moderate', 'moderate'],
    ]);
  });

  it('keeps the order of the file, not grouped by complexity', () => {
    const ids = ['D02', 'E07', 'M03', 'E01', 'D01', 'M09'];
    const labels = ['difficult', 'easy', 'medium', 'easy', 'difficult', 'medium'];
    const entries = parseCatalog(ids.map((id, index) => good(id, labels[index])), FILE);
    expect(entries.map((entry) => entry.prompt_id)).toEqual(ids);
  });

  it('keeps the prompt verbatim and every extra key as metadata', () => {
    const [entry] = parseCatalog(
      [{ id: 'E01', complexity: 'Easy', user_prompt: '  Price of AAPL?\n', likely_tools: ['fmp.fmp_get_quote'], why_multi_turn: 'x' }],
      FILE,
    );
    expect(entry).toEqual({
      prompt_id: 'E01',
      user_prompt: '  Price of AAPL?\n',
      complexity: 'simple',
      original_complexity: 'easy',
      metadata: { likely_tools: ['fmp.fmp_get_quote'], why_multi_turn: 'x' },
    });
  });

  it('accepts prompt_id instead of id, and an integer id', () => {
    const entries = parseCatalog(
      [
        { prompt_id: 'P1', complexity: 'easy', user_prompt: 'a' },
        { id: 7, complexity: 'easy', user_prompt: 'b' },
      ],
      FILE,
    );
    expect(entries.map((entry) => entry.prompt_id)).toEqual(['P1', '7']);
  });

  it('reads back its own curriculum rows and shards unchanged', () => {
    const entries = parseCatalog([good('E01', 'Easy', { likely_tools: ['a'] })], FILE);
    expect(parseCatalog(JSON.parse(JSON.stringify(entries)), FILE)).toEqual(entries);
  });

  describe('rejects', () => {
    it.each([
      ['an object', { entries: [] }],
      ['a string', 'hello'],
      ['null', null],
    ])('a root that is %s', (_, raw) => {
      expect(problemsOf(raw)).toEqual([{ field: '(root)', expected: 'a JSON array of entries', received: raw }]);
    });

    it('an empty array', () => {
      expect(problemsOf([])).toEqual([{ field: '(root)', expected: 'at least one entry', received: [] }]);
    });

    it('but not an empty shard, when the caller allows one', () => {
      expect(parseCatalog([], 'data/shards/moderate.json', { allowEmpty: true })).toEqual([]);
    });

    it.each([[42], ['E01'], [null], [['E01']]])('an entry that is not an object: %j', (item) => {
      expect(problemsOf([good('E01'), item])).toEqual([
        { entryId: 'at index 1', field: '(entry)', expected: 'an object', received: item },
      ]);
    });

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['blank', ' \n\t '],
      ['not a string', 12],
    ])('a user_prompt that is %s', (_, prompt) => {
      expect(problemsOf([{ id: 'E01', complexity: 'easy', user_prompt: prompt }])).toEqual([
        { entryId: 'E01 (index 0)', field: 'user_prompt', expected: 'a non-blank string', received: prompt },
      ]);
    });

    it.each([['hard'], [''], [3], [undefined]])('an unknown complexity %j', (label) => {
      expect(problemsOf([{ id: 'M07', complexity: label, user_prompt: 'x' }])).toEqual([
        {
          entryId: 'M07 (index 0)',
          field: 'complexity',
          expected: 'easy | medium | difficult (or simple | moderate | complex)',
          received: label,
        },
      ]);
    });

    it('a missing or blank id', () => {
      expect(problemsOf([{ complexity: 'easy', user_prompt: 'x' }, { id: '  ', complexity: 'easy', user_prompt: 'y' }])).toEqual([
        { entryId: 'at index 0', field: 'id', expected: 'a non-empty string', received: undefined },
        { entryId: 'at index 1', field: 'id', expected: 'a non-empty string', received: '  ' },
      ]);
    });

    it('a duplicate id, naming the entry it collides with', () => {
      expect(problemsOf([good('E01'), good('E02'), good('E01', 'medium')])).toEqual([
        {
          entryId: 'E01 (index 2)',
          field: 'id',
          problem: 'duplicate id, already used by the entry at index 0',
          expected: 'an id no other entry uses',
          received: 'E01',
          hint: 'give every entry its own id',
        },
      ]);
    });
  });

  it('lists every problem of every entry in one pass, in file order', () => {
    const problems = problemsOf([
      good('E01'),
      { id: 'E02', complexity: 'hard', user_prompt: '' },
      'oops',
      good('E01'),
      { id: 'E04', complexity: 'easy' },
      // a duplicate that is also broken must still be reported as a duplicate
      { id: 'E02', complexity: 'easy', user_prompt: ' ' },
    ]);
    expect(problems.map((problem) => [problem.entryId, problem.field])).toEqual([
      ['E02 (index 1)', 'user_prompt'],
      ['E02 (index 1)', 'complexity'],
      ['at index 2', '(entry)'],
      ['E01 (index 3)', 'id'],
      ['E04 (index 4)', 'user_prompt'],
      ['E02 (index 5)', 'id'],
      ['E02 (index 5)', 'user_prompt'],
    ]);
  });

  it('builds one message naming the file, entry, field, expectation and received value', () => {
    let message = '';
    try {
      parseCatalog([{ id: 'M07', complexity: 'hard', user_prompt: 'x' }, good('E01'), good('E01')], 'data/inputs/catalog.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('data/inputs/catalog.json: catalog rejected, 2 problems; nothing was written');
    expect(message).toContain('entry M07 (index 0), field complexity: expected easy | medium | difficult');
    expect(message).toContain('got "hard"');
    expect(message).toContain('entry E01 (index 2), field id: duplicate id');
  });

  // Issue 19 item 9: an escaped NUL, an ESC or a CR in any string reached the model and the logs unnoticed.
  it('names the entry and field of every control character other than newline and tab, keys and ids too', () => {
    const problems = problemsOf([
      good('E01', 'easy', { user_prompt: 'Price of\u0000 AAPL?' }),
      good('E02', 'easy', { user_prompt: 'line one\nline two\tTabbed' }),
      good('E03', 'easy', { metadata: { tags: ['ok', 'bad\u001b[31m'] } }),
      good('E04\u0007', 'easy', { user_prompt: 'plain' }),
      good('E05', 'easy', { 'notes\r': 'x' }),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ entryId: 'E01 (index 0)', field: 'user_prompt', problem: 'control character U+0000 at position 8' }),
      expect.objectContaining({ entryId: 'E03 (index 2)', field: 'metadata.tags[1]', problem: 'control character U+001B at position 3' }),
      expect.objectContaining({ entryId: 'E04\\u0007 (index 3)', field: 'id', problem: 'control character U+0007 at position 3' }),
      expect.objectContaining({ entryId: 'E05 (index 4)', field: '(key "notes\\r")', problem: 'control character U+000D at position 5' }),
    ]);
  });

  it('refuses a prompt over maxPromptChars, naming the entry and the length in characters', () => {
    const long = 'é'.repeat(101);
    expect(() => parseCatalog([good('E01', 'easy', { user_prompt: 'é'.repeat(100) })], FILE, { maxPromptChars: 100 })).not.toThrow();
    let problems: CatalogProblem[] = [];
    try {
      parseCatalog([good('E01'), good('E02', 'easy', { user_prompt: long })], FILE, { maxPromptChars: 100 });
    } catch (error) {
      problems = (error as CatalogError).problems;
    }
    expect(problems).toEqual([expect.objectContaining({ entryId: 'E02 (index 1)', field: 'user_prompt', problem: 'the prompt is 101 characters long', expected: 'at most 100 characters' })]);
    expect(parseCatalog([good('E01', 'easy', { user_prompt: long })], FILE)).toHaveLength(1);
  });
});
