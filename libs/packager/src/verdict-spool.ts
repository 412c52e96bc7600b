import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { StagedFile } from './staged-file.ts';
import { stagingPath } from './staged-file.ts';
import type { SampleVerdictEntry, ValidationReport } from './validation-report.ts';

/**
 * validation.json written as a stream: each verdict goes to a spool file as it is made (rendered as
 * `JSON.stringify(report, null, 2)` renders it inside the report), and the report is put together from its counts
 * and the spool at the end, byte for byte what stringifying the whole report gave, with only the rejected verdicts
 * kept in memory (the manifest lists them). Issue 14: one verdict object per row stayed in memory until the end.
 */
export class VerdictSpool {
  count = 0;
  /** The verdicts that are not ok, for the manifest's `rejected` list. */
  readonly rejected: SampleVerdictEntry[] = [];
  private constructor(
    private readonly path: string,
    private readonly stream: WriteStream,
  ) {}

  /** A spool beside `target` (a temp name, removed by finish or abort). */
  static async create(target: string): Promise<VerdictSpool> {
    const path = stagingPath(target);
    const stream = createWriteStream(path);
    await once(stream, 'open');
    return new VerdictSpool(path, stream);
  }

  async add(verdict: SampleVerdictEntry): Promise<void> {
    if (!verdict.ok) this.rejected.push(verdict);
    const text = JSON.stringify(verdict, null, 2).replace(/^/gm, '    ');
    const chunk = `${this.count === 0 ? '' : ',\n'}${text}`;
    this.count += 1;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Writes the whole report (its `verdicts` from the spool) into `file` and removes the spool. */
  async writeReport(report: Omit<ValidationReport, 'verdicts'>, file: StagedFile): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const empty = `${JSON.stringify({ ...report, verdicts: [] }, null, 2)}\n`;
    if (this.count === 0) {
      await file.write(empty);
    } else {
      await file.write(`${empty.slice(0, -'[]\n}\n'.length)}[\n`);
      for await (const chunk of createReadStream(this.path, { encoding: 'utf8' })) await file.write(chunk as string);
      await file.write('\n  ]\n}\n');
    }
    await rm(this.path, { force: true });
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.path, { force: true });
  }
}
