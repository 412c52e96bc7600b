import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GenerationRecord } from '@forge/engine';

const IN_FLIGHT = 32;

/**
 * Writes one raw file per record (plan, trace, reference, usage) under a staging folder, a bounded number at a
 * time: awaiting each small write alone left the packager idle most of the time at 100k records.
 */
export class RawTraceWriter {
  private readonly root: string;
  private readonly folders = new Set<string>();
  private pending: Promise<void>[] = [];

  constructor(root: string) {
    this.root = root;
  }

  async write(relativePath: string, record: GenerationRecord): Promise<void> {
    const path = join(this.root, relativePath);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const { plan, trace, reference, grounding, usage, timings_ms, provenance, prompt_id, key } = record;
    this.pending.push(writeFile(path, `${JSON.stringify({ prompt_id, key, provenance, plan, trace, reference, grounding, usage, timings_ms }, null, 2)}\n`));
    if (this.pending.length >= IN_FLIGHT) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    await Promise.all(batch);
  }
}
