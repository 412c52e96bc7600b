import { describe, expect, it } from 'vitest';
import { COMPLEXITIES } from '@forge/catalog';
import { orderRecords } from './catalog-order.ts';
import type { RecordRef } from './index-run.ts';
import { RecordTable } from './record-table.ts';

/** Deterministic refs: repeated keys (a resumed run's re-appended lines), shared prompt ids, several files. */
function makeRefs(count: number): RecordRef[] {
  let state = 7;
  const next = (limit: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % limit;
  };
  return Array.from({ length: count }, (_, index) => {
    const prompt = next(count / 2);
    return {
      key: next(4) === 0 ? `retry-${next(20)}` : (next(count) * 2654435761).toString(16).padStart(64, '0'),
      prompt_id: `P${prompt}`,
      prompt_index: prompt % 50,
      complexity: COMPLEXITIES[prompt % 3]!,
      file: `/data/generated/${COMPLEXITIES[prompt % 3]}.jsonl`,
      offset: index * 15_000 + 2 ** 33,
      length: 1_000 + next(30_000),
    };
  });
}

/** What indexRun's Map gave: the last line per key, at the place of its last line. */
function dedupe(refs: RecordRef[]): RecordRef[] {
  const byKey = new Map<string, RecordRef>();
  for (const ref of refs) {
    byKey.delete(ref.key);
    byKey.set(ref.key, ref);
  }
  return [...byKey.values()];
}

function tableOf(refs: RecordRef[]): RecordTable {
  const table = new RecordTable();
  for (const ref of refs) table.add(ref);
  return table;
}

describe('RecordTable', () => {
  const refs = makeRefs(3_000);

  it('keeps the last line of each key, in the order a Map of them kept', () => {
    const table = tableOf(refs);
    expect([...table.refs()]).toEqual(dedupe(refs));
    expect(table.size).toBe(dedupe(refs).length);
  });

  it('orders as orderRecords did: catalog position, then prompt_index, then prompt id; unlisted prompts last', () => {
    const table = tableOf(refs);
    // A catalog listing two thirds of the prompts, one of them twice (the last place wins, as a Map of the file did).
    const catalog = Array.from({ length: 1_000 }, (_, index) => `P${(index * 7) % 1_500}`).concat(['P7']);
    catalog.forEach((id, position) => table.place(id, position));
    const order = new Map(catalog.map((id, position) => [id, position]));
    const ordered = table.ordered();
    expect(ordered.length).toBe(dedupe(refs).length);
    expect([...ordered]).toEqual(orderRecords(dedupe(refs), order));
    expect([...tableOf(refs).ordered()]).toEqual(orderRecords(dedupe(refs), null));
  });

  it('gives a placed shard position as the prompt_index, in the order and in the ref', () => {
    const table = tableOf(refs);
    const positions = new Map<string, number>();
    for (let index = 0; index < 1_500; index += 1) {
      positions.set(`P${index}`, 1_500 - index);
      table.place(`P${index}`, index, 1_500 - index);
    }
    const shifted = dedupe(refs).map((ref) => ({ ...ref, prompt_index: positions.get(ref.prompt_id) ?? ref.prompt_index }));
    expect([...table.ordered()]).toEqual(orderRecords(shifted, new Map([...positions.keys()].map((id, index) => [id, index]))));
  });

  it('says which prompt ids have a record of a complexity', () => {
    const table = tableOf(refs);
    const kept = dedupe(refs);
    for (const ref of kept.slice(0, 50)) expect(table.hasPrompt(ref.prompt_id, ref.complexity)).toBe(true);
    const level = COMPLEXITIES[(Number(kept[0]!.prompt_id.slice(1)) + 1) % 3]!;
    expect(table.hasPrompt(kept[0]!.prompt_id, level)).toBe(kept.some((ref) => ref.prompt_id === kept[0]!.prompt_id && ref.complexity === level));
    expect(table.hasPrompt('absent', 'simple')).toBe(false);
  });
});
