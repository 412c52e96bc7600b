import { createHash } from 'node:crypto';

/** The per-task log of one entry: plan, resolved args, tool output summaries and verdicts, as readable lines. */
export class TaskLog {
  private readonly lines: string[] = [];

  constructor(private readonly now: () => number) {}

  /** Adds one timestamped line; objects are rendered as compact JSON. */
  add(section: string, message: string, detail?: unknown): void {
    const time = new Date(this.now()).toISOString();
    const rendered = detail === undefined ? '' : ` ${safeJson(detail)}`;
    this.lines.push(`${time} [${section}] ${message}${rendered}`);
  }

  /** Adds lines another TaskLog rendered (an entry run on a worker thread), as they are. */
  addLines(lines: readonly string[]): void {
    this.lines.push(...lines);
  }

  /** The lines so far, each as add() rendered it. */
  rendered(): readonly string[] {
    return this.lines;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A prompt id made safe to be part of a file name, without collisions: "_" and every character outside
 * [A-Za-z0-9.-] become "_" and their UTF-8 bytes in hex, so "E/99" (task_E_2F99) and "E_99" (task_E_5F99) differ.
 * An id too long for a file name keeps its start and a hash of the whole.
 */
export function taskLogName(promptId: string): string {
  const encoded = [...promptId].map((char) => (/^[A-Za-z0-9.-]$/.test(char) ? char : [...Buffer.from(char, 'utf8')].map((byte) => `_${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''))).join('');
  const safe = encoded.length > 180 ? `${encoded.slice(0, 150)}~${createHash('sha256').update(promptId).digest('hex').slice(0, 16)}` : encoded;
  return `task_${safe}.log`;
}
