import { readFileSync } from 'node:fs';

/** `pid` and every process below it (Linux /proc); just `[pid]` elsewhere. */
export function processTree(pid: number): number[] {
  const found = [pid];
  for (let index = 0; index < found.length; index += 1) {
    try {
      const children = readFileSync(`/proc/${found[index]}/task/${found[index]}/children`, 'utf8').trim();
      if (children) found.push(...children.split(/\s+/).map(Number));
    } catch {
      // Gone, or no /proc: what we have is all we can see.
    }
  }
  return found;
}
