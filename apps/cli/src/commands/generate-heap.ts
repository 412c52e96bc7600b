import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 may let the old generation grow past what survived the last full GC, in percent. generate's live
 * heap stays about 100 MB at any catalog size, but each sample's trace and ledger line live through a few
 * scavenges and are promoted; V8's own growing factor (up to 4× on a large machine) let that garbage pile up to
 * about 350 MB between full GCs at 10,000 prompts, which made peak RSS grow with the catalog (issue 19 item 11:
 * about 640 MB at 10,000 vs 350 MB at 1,000 in the bench's scenario). At 30% the heap stays within about 1.3× of
 * the live set, and full GCs of a 100 MB heap are cheap enough that the run is not slower.
 */
export const HEAP_GROWING_PERCENT = 30;

const FLAG = /--heap[-_]growing[-_]percent/;

/**
 * Bounds the heap's growth for the rest of this process (V8 reads the flag at every full GC, and Node leaves flags
 * writable after start). A growth factor, not a cap like --max-old-space-size: a bigger live set still fits. An
 * operator's own --heap-growing-percent (on the command line or in NODE_OPTIONS) wins. Returns whether it was set.
 */
export function boundHeapGrowth(
  given: readonly string[] = [...process.execArgv, process.env.NODE_OPTIONS ?? ''],
  set: (flags: string) => void = setFlagsFromString,
): boolean {
  if (given.some((argument) => FLAG.test(argument))) return false;
  set(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
