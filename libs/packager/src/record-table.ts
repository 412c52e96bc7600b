import { COMPLEXITIES, type Complexity } from '@forge/catalog';
import { CompactStringSet } from './compact-string-set.ts';
import type { RecordRef } from './index-run.ts';

const UNPLACED = Number.MAX_SAFE_INTEGER;

/** Records to read in turn, each RecordRef made when its turn comes. */
export interface RecordSequence extends Iterable<RecordRef> {
  readonly length: number;
}

/**
 * Every sample record's RecordRef in typed arrays (issue 14): about 130 bytes a record, off the V8 heap, where an
 * array of RecordRef objects and the Map that deduped them were about 270 bytes a record of heap. Records are added
 * as the ledgers are read; a later line with the same key replaces the earlier one and moves to the end, as
 * `map.delete(key); map.set(key, ref)` did. Catalog positions are set per prompt id, then `ordered()` sorts.
 */
export class RecordTable {
  private readonly keys = new CompactStringSet();
  private readonly promptIds = new CompactStringSet();
  private readonly files: string[] = [];
  private count = 0;
  private keyOf = new Uint32Array(64);
  private promptOf = new Uint32Array(64);
  private fileOf = new Uint16Array(64);
  private complexityOf = new Uint8Array(64);
  private offsets = new Float64Array(64);
  private lengths = new Float64Array(64);
  private promptIndexes = new Float64Array(64);
  /** Per key: the record (slot) that holds it now. */
  private latestSlot = new Uint32Array(64);
  /** Per prompt id: its catalog position, and its place within its complexity's shard (NaN: none given). */
  private positions = new Float64Array(64).fill(UNPLACED);
  private shardPositions = new Float64Array(64).fill(Number.NaN);
  private sampledLevels: Uint8Array | null = null;

  /** Records held now (a replaced line no longer counts). */
  get size(): number {
    return this.keys.size;
  }

  add(ref: RecordRef): void {
    if (this.count === this.keyOf.length) this.grow();
    const slot = this.count;
    this.count += 1;
    this.sampledLevels = null;
    const key = this.keys.add(ref.key);
    const prompt = this.promptIds.add(ref.prompt_id);
    this.keyOf[slot] = key;
    this.promptOf[slot] = prompt;
    this.fileOf[slot] = this.fileNumber(ref.file);
    this.complexityOf[slot] = COMPLEXITIES.indexOf(ref.complexity);
    this.offsets[slot] = ref.offset;
    this.lengths[slot] = ref.length;
    this.promptIndexes[slot] = ref.prompt_index;
    this.latestSlot = ensure(this.latestSlot, key + 1);
    this.latestSlot[key] = slot;
    if (prompt >= this.positions.length) {
      this.positions = ensure(this.positions, prompt + 1, UNPLACED);
      this.shardPositions = ensure(this.shardPositions, prompt + 1, Number.NaN);
    }
  }

  /** Whether some record holds this prompt id with this complexity. */
  hasPrompt(promptId: string, complexity: Complexity): boolean {
    const prompt = this.promptIds.indexOf(promptId);
    if (prompt === -1) return false;
    if (!this.sampledLevels) {
      // One bit per complexity for each prompt id, built once when first asked.
      this.sampledLevels = new Uint8Array(this.promptIds.size);
      const levels = this.sampledLevels;
      for (const slot of this.liveSlots()) levels[this.promptOf[slot]] = levels[this.promptOf[slot]] | (1 << this.complexityOf[slot]);
    }
    return (this.sampledLevels[prompt] & (1 << COMPLEXITIES.indexOf(complexity))) !== 0;
  }

  /** Records the prompt's catalog position and, for chunked shards, its place in its whole shard (the last call wins). */
  place(promptId: string, position: number, shardPosition?: number): void {
    const prompt = this.promptIds.indexOf(promptId);
    if (prompt === -1) return;
    this.positions[prompt] = position;
    if (shardPosition !== undefined) this.shardPositions[prompt] = shardPosition;
  }

  /** The records in the order they were (last) added. */
  *refs(): Generator<RecordRef> {
    for (const slot of this.liveSlots()) yield this.ref(slot);
  }

  /**
   * The records in catalog order; prompts the catalog does not list follow, by prompt_index (orderRecords' order).
   * A shard position given by `place` stands in for the record's prompt_index, in the order and in the ref.
   */
  ordered(): RecordSequence {
    const slots = Uint32Array.from(this.liveSlots());
    const promptIndex = (slot: number) => {
      const shard = this.shardPositions[this.promptOf[slot]];
      return Number.isNaN(shard) ? this.promptIndexes[slot] : shard;
    };
    slots.sort((a, b) =>
      this.positions[this.promptOf[a]] - this.positions[this.promptOf[b]]
      || promptIndex(a) - promptIndex(b)
      || this.promptIds.get(this.promptOf[a]).localeCompare(this.promptIds.get(this.promptOf[b]))
      || a - b);
    const table = this;
    return {
      length: slots.length,
      *[Symbol.iterator]() {
        for (const slot of slots) yield { ...table.ref(slot), prompt_index: promptIndex(slot) };
      },
    };
  }

  private *liveSlots(): Generator<number> {
    for (let slot = 0; slot < this.count; slot += 1) if (this.latestSlot[this.keyOf[slot]] === slot) yield slot;
  }

  private ref(slot: number): RecordRef {
    return {
      key: this.keys.get(this.keyOf[slot]),
      prompt_id: this.promptIds.get(this.promptOf[slot]),
      prompt_index: this.promptIndexes[slot],
      complexity: COMPLEXITIES[this.complexityOf[slot]],
      file: this.files[this.fileOf[slot]],
      offset: this.offsets[slot],
      length: this.lengths[slot],
    };
  }

  private fileNumber(file: string): number {
    const last = this.files.length - 1;
    if (last >= 0 && this.files[last] === file) return last;
    const found = this.files.indexOf(file);
    if (found !== -1) return found;
    if (this.files.length === 0xffff) throw new RangeError('more than 65,535 ledger files in one run');
    this.files.push(file);
    return this.files.length - 1;
  }

  private grow(): void {
    const size = this.keyOf.length * 2;
    this.keyOf = ensure(this.keyOf, size);
    this.promptOf = ensure(this.promptOf, size);
    this.fileOf = ensure(this.fileOf, size);
    this.complexityOf = ensure(this.complexityOf, size);
    this.offsets = ensure(this.offsets, size);
    this.lengths = ensure(this.lengths, size);
    this.promptIndexes = ensure(this.promptIndexes, size);
  }
}

type Numbers = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** The array itself when it has `size` places, else a copy at least twice as long (new places set to `fill`). */
function ensure<T extends Numbers>(array: T, size: number, fill = 0): T {
  if (size <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2));
  if (fill !== 0) grown.fill(fill);
  grown.set(array);
  return grown;
}
