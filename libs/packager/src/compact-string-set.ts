const EMPTY = -1;
const HEX = /^(?:[0-9a-f]{2})+$/;
const TAG_TEXT = 0;
const TAG_HEX = 1;

/**
 * A set of strings kept as bytes in one growing buffer, each numbered in the order it was first added, with an
 * open-addressing hash table of those numbers. Issue 14: a `Set` or `Map` of a million keys and ids is about
 * 100 bytes an entry of V8 heap, all of it old-space garbage collection has to walk; here an entry is its bytes
 * plus 16 (lowercase hex, such as sha256 keys and sample ids, is stored at half its length), off the V8 heap.
 */
export class CompactStringSet {
  private bytes = Buffer.alloc(1024);
  private used = 0;
  /** ends[i]: where entry i's bytes end (it starts where entry i - 1 ends). */
  private ends = new Float64Array(64);
  private count = 0;
  private table = new Int32Array(128).fill(EMPTY);

  get size(): number {
    return this.count;
  }

  /** The entry's number: the existing one, or a new one (numbers run 0, 1, 2, … in order of first add). */
  add(text: string): number {
    const encoded = encode(text);
    const found = this.find(encoded);
    if (found.index !== EMPTY) return found.index;
    const index = this.count;
    this.append(encoded);
    this.table[found.slot] = index;
    if (this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
    return index;
  }

  /** The entry's number, or -1 when the set does not hold it. */
  indexOf(text: string): number {
    return this.find(encode(text)).index;
  }

  has(text: string): boolean {
    return this.indexOf(text) !== EMPTY;
  }

  /** The string numbered `index`. */
  get(index: number): string {
    const entry = this.entry(index);
    return entry[0] === TAG_HEX ? entry.toString('hex', 1) : entry.toString('utf8', 1);
  }

  private entry(index: number): Buffer {
    const start = index === 0 ? 0 : this.ends[index - 1];
    return this.bytes.subarray(start, this.ends[index]);
  }

  private find(encoded: Buffer): { index: number; slot: number } {
    const mask = this.table.length - 1;
    for (let slot = hash(encoded) & mask; ; slot = (slot + 1) & mask) {
      const index = this.table[slot];
      if (index === EMPTY || this.entry(index).equals(encoded)) return { index, slot };
    }
  }

  private append(encoded: Buffer): void {
    if (this.used + encoded.length > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + encoded.length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    encoded.copy(this.bytes, this.used);
    this.used += encoded.length;
    if (this.count === this.ends.length) {
      const grown = new Float64Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count] = this.used;
    this.count += 1;
  }

  private rehash(capacity: number): void {
    this.table = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let index = 0; index < this.count; index += 1) {
      let slot = hash(this.entry(index)) & mask;
      while (this.table[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.table[slot] = index;
    }
  }
}

/** One tag byte, then the hex digits as bytes or the text as UTF-8: one encoding per string, so bytes compare. */
function encode(text: string): Buffer {
  if (HEX.test(text)) {
    const encoded = Buffer.allocUnsafe(1 + text.length / 2);
    encoded[0] = TAG_HEX;
    encoded.write(text, 1, 'hex');
    return encoded;
  }
  const encoded = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  encoded[0] = TAG_TEXT;
  encoded.write(text, 1, 'utf8');
  return encoded;
}

/** FNV-1a over the bytes. */
function hash(bytes: Buffer): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < bytes.length; index += 1) value = Math.imul(value ^ bytes[index], 0x01000193);
  return value >>> 0;
}
