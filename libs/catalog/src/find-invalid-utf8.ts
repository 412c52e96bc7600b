/**
 * Byte offset of the first ill-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF, no truncated sequence at the end), or undefined when every byte is well formed. The fast path is the
 * platform's fatal decoder; the walk below only runs to say where a rejected file goes wrong.
 */
export function findInvalidUtf8(bytes: Uint8Array): number | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    return walk(bytes);
  }
}

/** [lowest, highest] allowed second byte after each lead byte; later continuation bytes are always 80..BF. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf]; // no overlong three-byte forms
  if (lead === 0xed) return [0x80, 0x9f]; // no UTF-16 surrogates
  if (lead === 0xf0) return [0x90, 0xbf]; // no overlong four-byte forms
  if (lead === 0xf4) return [0x80, 0x8f]; // nothing past U+10FFFF
  return [0x80, 0xbf];
}

function sequenceLength(lead: number): number {
  if (lead <= 0x7f) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0; // a continuation byte, C0/C1 (overlong) or F5..FF: never a lead
}

function walk(bytes: Uint8Array): number {
  let offset = 0;
  while (offset < bytes.length) {
    const lead = bytes[offset];
    const length = sequenceLength(lead);
    if (length === 0) return offset;
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[offset + next];
      const [low, high] = next === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (byte === undefined || byte < low || byte > high) return offset;
    }
    offset += length;
  }
  return offset;
}
