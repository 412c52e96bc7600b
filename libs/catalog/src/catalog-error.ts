import { ForgeError, formatProblem, type ErrorContext } from '@forge/errors';

export type CatalogProblem = Omit<ErrorContext, 'file' | 'cause' | 'retryable'>;

/** A catalog that cannot be used; carries every problem found in one pass. */
export class CatalogError extends ForgeError {
  readonly file: string;
  readonly problems: CatalogProblem[];

  constructor(file: string, problems: CatalogProblem[], cause?: unknown) {
    const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    // One problem reads as one line (a bad byte, a FIFO, a file too big); several are listed one a line below.
    const body = problems.length === 1 ? ` — ${formatProblem(problems[0])}` : `\n${lines.join('\n')}`;
    super({ file, problem: count, cause }, `${file}: catalog rejected, ${count}; nothing was written${body}`);
    this.file = file;
    this.problems = problems;
  }
}
